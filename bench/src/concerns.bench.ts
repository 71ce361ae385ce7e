/**
 * Emerging concerns at national volume: 20,000 concerns active in the last 7 days (about what
 * 2–3 million cases a year leave open in a week), then 1,100 new submissions, 100 of them a
 * planted surge (one matter in many wordings, with and without diacritics) among 1,000 others.
 * Prints the time to assign one submission (the job's work per case, asynchronous), whether the
 * surge ends up in one concern (recall) and what else joined it (false joins), and how many
 * concerns the others made.
 *
 *   npm run bench:concerns -w @caunoi/bench -- [activeConcerns=20000]
 */
import { readFileSync } from 'node:fs';
import { assignCaseToConcern, tryLockConcernAssignment } from '@caunoi/db';
import { withBenchDatabase } from './bench-database';

const ACTIVE = Number(process.argv[2] ?? 20_000);
const texts = [
  ...(
    JSON.parse(readFileSync(new URL('../../seeds/data/triage-training.json', import.meta.url), 'utf8')) as {
      examples: Array<{ text: string }>;
    }
  ).examples,
  ...(
    JSON.parse(readFileSync(new URL('../data/triage-labelled.json', import.meta.url), 'utf8')) as {
      examples: Array<{ text: string }>;
    }
  ).examples,
].map((e) => e.text);
const places = [
  'ngõ 5',
  'thôn 3',
  'phố Huế',
  'tổ 12',
  'xóm Đông',
  'đường 30/4',
  'khu phố 2',
  'ấp Bình An',
  'chợ mới',
  'bản Mường',
];
let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
/** A background title: a citizen's text cut to a title, with a place of its own. */
const background = () => {
  const words = pick(texts).split(' ');
  const start = Math.floor(random() * Math.max(1, words.length - 8));
  return `${words.slice(start, start + 7).join(' ')} ${pick(places)} ${Math.floor(random() * 200)}`;
};
const SURGE = [
  'Hóa đơn tiền điện tháng 11 tăng gấp đôi',
  'hoa don tien dien thang 11 tang gap doi',
  'Tiền điện tháng 11 tăng gấp đôi bất thường',
  'tien dien thang 11 tang gap doi',
  'Hóa đơn điện tháng 11 tăng gấp đôi, đề nghị kiểm tra',
  'Tiền điện tháng 11 tăng vọt gấp đôi',
  'hóa đơn tiền điện tháng 11 tăng cao gấp đôi',
  'Giá tiền điện tháng 11 tăng gấp đôi',
];

await withBenchDatabase(async ({ orm }) => {
  const em = orm.em.fork();
  await em.execute(`insert into org_unit (code, name_vi, name_en, level, kind, parent_id, path, valid_from, created_at)
    values ('VPCP', 'Văn phòng Chính phủ', 'Government Office', 'governmentOffice', 'cơ quan', null, '/VPCP/', '2025-07-01', now())`);
  const [{ id: unitId }] = await em.execute<Array<{ id: number }>>(`select id from org_unit where code = 'VPCP'`);
  const titles = Array.from({ length: ACTIVE }, background);
  let started = Date.now();
  await em.execute(
    `insert into concern_cluster (representative, plain, size, created_at, last_case_at)
     select t, caunoi_unaccent(lower(t)), 1 + (random() * 5)::int, now() - random() * interval '7 days', now() - random() * interval '7 days'
       from json_array_elements_text(?::json) t`,
    [JSON.stringify(titles)],
  );
  console.log(
    `Emerging concerns: ${ACTIVE.toLocaleString('en')} concerns active in the last 7 days (${Date.now() - started} ms to load)`,
  );

  const incoming = [
    ...Array.from({ length: 1_000 }, () => ({ title: background(), surge: false })),
    ...Array.from({ length: 100 }, (_, i) => ({
      title: `${SURGE[i % SURGE.length]!}${i % 3 ? '' : ' ạ'}`,
      surge: true,
    })),
  ].sort(() => random() - 0.5);
  const inserted = await em.execute<Array<{ id: number }>>(
    `insert into case_file (tracking_code, access_key_hash, title, body, language, channel, legal_track, receiving_unit_id,
       owning_unit_id, anonymous, status, received_at, created_at, updated_at, version, attributes)
     select 'CN.20261201.' || lpad(o::text, 5, '0'), 'x', t, t, 'vi', 'portal', 'pakn', ?, ?, false, 'triage', now(), now(), now(), 1, '{}'
       from json_array_elements_text(?::json) with ordinality as x(t, o) order by o
     returning id`,
    [unitId, unitId, JSON.stringify(incoming.map((c) => c.title))],
  );
  const ids = inserted.map((r) => r.id).sort((a, b) => a - b);
  const times: number[] = [];
  const clusterOf: number[] = [];
  started = Date.now();
  for (let i = 0; i < incoming.length; i += 1) {
    const t0 = process.hrtime.bigint();
    const assigned = await orm.em.fork().transactional(async (tx) => {
      await tryLockConcernAssignment(tx);
      return assignCaseToConcern(tx, ids[i]!, 0.45);
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    clusterOf.push(assigned!.clusterId);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!.toFixed(1);
  console.log(
    `  assigning one submission: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${incoming.length} in ${((Date.now() - started) / 1000).toFixed(1)} s, one at a time)`,
  );

  // As the job does it: a transaction's submissions (a group commit's) assigned in one transaction.
  const more = Array.from({ length: 1_000 }, () => background());
  const moreIds = (
    await em.execute<Array<{ id: number }>>(
      `insert into case_file (tracking_code, access_key_hash, title, body, language, channel, legal_track, receiving_unit_id,
         owning_unit_id, anonymous, status, received_at, created_at, updated_at, version, attributes)
       select 'CN.20261202.' || lpad(o::text, 5, '0'), 'x', t, t, 'vi', 'portal', 'pakn', ?, ?, false, 'triage', now(), now(), now(), 1, '{}'
         from json_array_elements_text(?::json) with ordinality as x(t, o) order by o returning id`,
      [unitId, unitId, JSON.stringify(more)],
    )
  )
    .map((r) => r.id)
    .sort((a, b) => a - b);
  started = Date.now();
  for (let i = 0; i < moreIds.length; i += 100)
    await orm.em.fork().transactional(async (tx) => {
      await tryLockConcernAssignment(tx);
      for (const id of moreIds.slice(i, i + 100)) await assignCaseToConcern(tx, id, 0.45);
    });
  const batchMs = Date.now() - started;
  console.log(
    `  in groups of 100 a transaction (as the job runs them): ${(batchMs / moreIds.length).toFixed(1)} ms a submission, ${Math.round(moreIds.length / (batchMs / 1000))} a second`,
  );

  const surgeClusters = new Map<number, number>();
  incoming.forEach((c, i) => {
    if (c.surge) surgeClusters.set(clusterOf[i]!, (surgeClusters.get(clusterOf[i]!) ?? 0) + 1);
  });
  const [main, inMain] = [...surgeClusters].sort((a, b) => b[1] - a[1])[0]!;
  const falseJoins = incoming.filter((c, i) => !c.surge && clusterOf[i] === main).length;
  console.log(
    `  the planted surge: ${inMain} of 100 in one concern (recall ${inMain} %), in ${surgeClusters.size} concerns in all; ${falseJoins} unrelated submissions joined it`,
  );
  const newFromBackground = new Set(incoming.flatMap((c, i) => (!c.surge ? [clusterOf[i]!] : []))).size;
  console.log(`  the 1,000 others went to ${newFromBackground} concerns`);
});
