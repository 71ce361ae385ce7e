-- One portal submission's SQL, statement for statement, as the backend issued it when each
-- submission had a transaction of its own (captured with MikroORM's query log before group commit;
-- see intake.bench.ts): the raw store, the item lock, the routing reads, the tracking number, the
-- case with its message, audit event and jobs, the item marked. Kept for comparison with earlier
-- figures; the ceiling the issue names is intake-minimal.sql.
\set n random(1, 2000000000)
insert into inbound_item (channel, external_id, content_type, raw, meta, received_at, status, attempts)
  values ('portal', 'pgbench:' || :client_id || ':' || :n || ':' || clock_timestamp(), 'application/json',
          convert_to('{"title":"Đèn đường hỏng","body":"Ba cột đèn trên ngõ 5 đã tắt hơn hai tuần.","categoryCode":"road-traffic","provinceCode":"01","communeCode":"00004"}', 'UTF8'),
          '{"kind":"submission"}', now(), 'pending', 0)
  on conflict (channel, external_id) do nothing returning id as item_id \gset
update inbound_item set attempts = attempts + 1 where id = :item_id and status in ('pending', 'failed');
begin;
select id, channel, external_id, content_type, raw, meta, received_at, status, attempts, error, case_id from inbound_item where id = :item_id for update;
select nextval(to_regclass('tracking_20991231')) as seq \gset
select o.*, p.id, p.code, p.path from org_unit o left join org_unit p on p.id = o.parent_id where o.code = '00004' and o.level = 'commune' and o.valid_to is null;
select c.*, r.id, r.code from category c left join org_unit r on r.id = c.responsible_unit_id where c.code = 'road-traffic' and c.active limit 1;
select r.*, c.code from routing_rule r left join category c on c.id = r.category_id where r.active and (r.category_id = (select id from category where code = 'road-traffic') or r.legal_track = 'pakn');
select * from org_unit where code in ('VPCP', '00004', '01', '00004') and valid_to is null;
select * from category where code = 'road-traffic' and active limit 1;
insert into case_file (tracking_code, access_key_hash, title, body, language, channel, legal_track, category_id, province_id, commune_id, receiving_unit_id, owning_unit_id, anonymous, status, machine_snapshot, received_at, acknowledge_due_at, accept_due_at, resolve_due_at, warn_at, next_due_at, paused_seconds, created_at, updated_at)
  select 'PB.' || :client_id || '.' || :n || '.' || :seq, md5(:n::text) || md5(:seq::text), 'Đèn đường hỏng', 'Ba cột đèn trên ngõ 5 đã tắt hơn hai tuần.', 'vi', 'portal', 'pakn',
         (select id from category where code = 'road-traffic'), (select id from org_unit where code = '01'), (select id from org_unit where code = '00004'),
         (select id from org_unit where code = 'VPCP'), (select id from org_unit where code = '00004'), false, 'routed',
         '{"status":"active","value":{"open":"routed"},"context":{"owningUnitCode":"00004","assigneeId":null,"escalationLevel":0,"transferCount":0,"reopenCount":0,"extensionCount":0}}',
         now(), now() + interval '2 days', now() + interval '5 days', now() + interval '14 days', now() + interval '11 days', now() + interval '2 days', 0, now(), now()
  returning id as case_id \gset
insert into case_message (case_id, direction, channel, subject, body, external_id, delivery_status, created_at) values (:case_id, 'inbound', 'portal', 'Đèn đường hỏng', 'Ba cột đèn trên ngõ 5 đã tắt hơn hai tuần.', null, 'received', now());
select id, seq, hash from case_event where case_id = :case_id order by seq desc limit 1;
-- The jobs a submission queues (a live update, the acknowledgement, the unit's notice), added as the
-- backend adds them; under a task name no worker runs, so the baseline does only the SQL.
select 1 from graphile_worker.add_jobs(array(select json_populate_record(null::graphile_worker.job_spec, s) from json_array_elements(
  ('[{"identifier":"pgbenchNotice","payload":{"audience":"unit","template":"newCase","unitCode":"00004","caseId":' || :case_id || '},"job_key":"pgbench:unit:' || :case_id || '","max_attempts":12},'
   '{"identifier":"pgbenchNotice","payload":{"audience":"citizen","template":"acknowledged","caseId":' || :case_id || '},"job_key":"pgbench:citizen:' || :case_id || '","max_attempts":12},'
   '{"identifier":"pgbenchNotice","payload":{"event":"case.created","unitPaths":["/VPCP/01/00004/"],"caseId":' || :case_id || '},"job_key":"pgbench:socket:' || :case_id || '","max_attempts":4}]')::json) as s), false);
insert into case_event (case_id, seq, type, actor_type, actor, from_status, to_status, payload, prev_hash, hash, created_at)
  values (:case_id, 1, 'SUBMITTED', 'citizen', 'citizen', null, 'routed', '{"channel":"portal","autoRoutedTo":"00004"}', repeat('0', 64), md5(:case_id::text) || md5('h'), now());
update inbound_item set status = 'processed', case_id = :case_id, error = null, attempts = attempts + 1, processed_at = now() where id = :item_id;
commit;
select tracking_code, status from case_file where id = :case_id;
