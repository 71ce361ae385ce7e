-- The database's one-transaction-per-submission ceiling: the least a submission must write, in
-- one transaction — its case, its audit event and one outbox job — with no reads and nothing else.
-- (The case table's triggers, full text and tallies, fire as they do for every case.)
\set n random(1, 2000000000)
begin;
insert into case_file (tracking_code, access_key_hash, title, body, language, channel, legal_track, receiving_unit_id, owning_unit_id, anonymous, status, received_at, next_due_at, paused_seconds, created_at, updated_at)
  values ('PM.' || :client_id || '.' || :n || '.' || nextval('tracking_20991231'), md5(:n::text) || md5('k'), 'Đèn đường hỏng', 'Ba cột đèn trên ngõ 5 đã tắt hơn hai tuần.', 'vi', 'portal', 'pakn',
          (select id from org_unit where code = 'VPCP'), (select id from org_unit where code = '00004'), false, 'routed', now(), now() + interval '2 days', 0, now(), now())
  returning id as case_id \gset
insert into case_event (case_id, seq, type, actor_type, actor, from_status, to_status, payload, prev_hash, hash, created_at)
  values (:case_id, 1, 'SUBMITTED', 'citizen', 'citizen', null, 'routed', '{"channel":"portal"}', repeat('0', 64), md5(:case_id::text) || md5('h'), now());
select graphile_worker.add_job('pgbenchNotice', json_build_object('caseId', :case_id), job_key := 'pgbench:' || :case_id);
commit;
