/**
 * Emerging concerns at national volume: `kept` cases already in the database (1,000,000 by
 * default, each in a concern: 200,000 concerns of which `active`, 20,000, are live, about what
 * 2–3 million cases a year leave in a week; the rest dormant), then 1,100 new submissions, 100 of
 * them a planted surge (one matter in many wordings, with and without diacritics) among 1,000
 * others. Prints the time to assign one submission (the job's work per case, asynchronous),
 * whether the surge ends up in one concern (recall) and what else joined it (false joins), how
 * many concerns the others made; then the throughput of two jobs side by side with the search
 * under the lock (the baseline, as before) and before it (as now); a planted copy-paste
 * campaign; and the Government Office's list at that size.
 *
 *   npm run bench:concerns -w @caunoi/bench -- [activeConcerns=20000] [keptCases=1000000]
 */
import { readFileSync } from 'node:fs';
import {
  type ConcernCandidate,
  type MikroORM,
  assignCaseToConcern,
  findConcernCandidate,
  listConcerns,
  loadSurgeRule,
  tryLockConcernAssignment,
} from '@caunoi/db';
import {
  createLogger,
  createRoutingReferenceLoader,
  createSlaContextLoader,
  createTriageModels,
  markCampaigns,
  prepareDatabase,
  submitCase,
  suggestCategories,
} from '@caunoi/backend';
import { withBenchDatabase } from './bench-database';

const ACTIVE = Number(process.argv[2] ?? 20_000);
const KEPT = Number(process.argv[3] ?? 1_000_000);
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

await withBenchDatabase(async ({ orm, url }) => {
  // The reference data (units, calendar, rules), as `npm start` loads it, without demo cases.
  await prepareDatabase(orm, { databaseUrl: url, demoCases: 0, demoSeed: 1, loadDemo: false }, createLogger('warn'));
  const em = orm.em.fork();
  const [{ id: unitId }] = await em.execute<Array<{ id: number }>>(`select id from org_unit where code = 'VPCP'`);
  const titles = Array.from({ length: ACTIVE }, background);
  let started = Date.now();
  // The years behind: dormant concerns (no case for 7 days) with the kept cases in them.
  const dormant = Math.max(0, Math.round(KEPT / 5) - ACTIVE);
  const oldTitles = Array.from({ length: Math.min(dormant, 20_000) }, background);
  await em.execute(
    `insert into concern_cluster (representative, plain, size, created_at, last_case_at, dormant)
     select t, caunoi_unaccent(lower(t)), 5, now() - interval '400 days', now() - interval '30 days' - random() * interval '300 days', true
       from (select array_agg(x) as a from json_array_elements_text(?::json) x) w,
            lateral (select w.a[1 + (g % cardinality(w.a))] as t from generate_series(1, ?) g) x`,
    [JSON.stringify(oldTitles.length ? oldTitles : ['—']), dormant],
  );
  await em.execute(
    `insert into concern_cluster (representative, plain, size, created_at, last_case_at)
     select t, caunoi_unaccent(lower(t)), 1 + (random() * 5)::int, now() - random() * interval '7 days', now() - random() * interval '7 days'
       from json_array_elements_text(?::json) t`,
    [JSON.stringify(titles)],
  );
  const [{ n: clusters }] = await em.execute<Array<{ n: number }>>('select count(*)::int as n from concern_cluster');
  if (KEPT > 0) {
    // The kept cases, each in a concern (a bare row each: what the assignment and the list read).
    await em.execute(
      `insert into case_file (tracking_code, access_key_hash, title, body, language, channel, legal_track, receiving_unit_id,
         owning_unit_id, anonymous, status, received_at, created_at, updated_at, version, attributes)
       select 'CN.20250101.' || lpad(g::text, 7, '0'), 'x', k.representative, k.representative, 'vi', 'portal', 'pakn', ?, ?, false, 'closed',
              k.last_case_at, k.last_case_at, k.last_case_at, 1, '{}'
         from generate_series(1, ?) g join concern_cluster k on k.id = 1 + (g % ?)`,
      [unitId, unitId, KEPT, clusters],
    );
    await em.execute(
      `insert into case_concern (case_id, cluster_id, similarity, joined_at)
       select c.id, 1 + ((row_number() over (order by c.id)) % ?), 1, c.received_at from case_file c`,
      [clusters],
    );
    await em.execute('analyze');
  }
  console.log(
    `Emerging concerns: ${KEPT.toLocaleString('en')} cases kept in ${clusters.toLocaleString('en')} concerns, ${ACTIVE.toLocaleString('en')} of them active in the last 7 days (${((Date.now() - started) / 1000).toFixed(1)} s to load)`,
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

  // Two jobs side by side, 1,000 submissions each in chunks of 50 (as the job runs): the
  // baseline searches under the one lock; now the search comes before it and the lock only checks
  // the concerns made meanwhile.
  const insertCases = async (prefix: string, list: string[]) =>
    (
      await em.execute<Array<{ id: number }>>(
        `insert into case_file (tracking_code, access_key_hash, title, body, language, channel, legal_track, receiving_unit_id,
           owning_unit_id, anonymous, status, received_at, created_at, updated_at, version, attributes)
         select ? || lpad(o::text, 5, '0'), 'x', t, t, 'vi', 'portal', 'pakn', ?, ?, false, 'triage', now(), now(), now(), 1, '{}'
           from json_array_elements_text(?::json) with ordinality as x(t, o) order by o returning id`,
        [prefix, unitId, unitId, JSON.stringify(list)],
      )
    )
      .map((r) => r.id)
      .sort((a, b) => a - b);
  const twoJobs = async (ids: number[], searchFirst: boolean) => {
    const holds: number[] = [];
    const job = async (part: number[]) => {
      for (let i = 0; i < part.length; i += 50) {
        const chunk = part.slice(i, i + 50);
        const search = orm.em.fork();
        const found: ConcernCandidate[] | null = searchFirst ? [] : null;
        for (const id of searchFirst ? chunk : []) found!.push(await findConcernCandidate(search, id));
        await orm.em.fork().transactional(async (tx) => {
          await tryLockConcernAssignment(tx, 60_000);
          const t0 = process.hrtime.bigint();
          for (const [k, id] of chunk.entries()) await assignCaseToConcern(tx, id, 0.45, found?.[k]);
          holds.push(Number(process.hrtime.bigint() - t0) / 1e6 / chunk.length);
        });
      }
    };
    const t0 = Date.now();
    await Promise.all([job(ids.filter((_, i) => i % 2 === 0)), job(ids.filter((_, i) => i % 2 === 1))]);
    const seconds = (Date.now() - t0) / 1000;
    holds.sort((a, b) => a - b);
    return { perSecond: ids.length / seconds, holdMs: holds[Math.floor(holds.length / 2)]! };
  };
  const baseline = await twoJobs(await insertCases('CN.20261203.', Array.from({ length: 2_000 }, background)), false);
  const now = await twoJobs(await insertCases('CN.20261204.', Array.from({ length: 2_000 }, background)), true);
  console.log(
    `  two jobs side by side: ${Math.round(baseline.perSecond)} a second with the search under the lock (baseline, ${baseline.holdMs.toFixed(1)} ms held a submission), ${Math.round(now.perSecond)} with the search before it (${now.holdMs.toFixed(1)} ms held): ×${(now.perSecond / baseline.perSecond).toFixed(2)}`,
  );

  await campaignAndList(orm, background);
});

/** A copy-paste campaign among background submissions, then the list the Government Office reads. */
async function campaignAndList(orm: MikroORM, other: () => string) {
  const letter =
    'Kiến nghị dừng xây dựng trạm trộn bê tông cạnh khu dân cư Nam Thăng Long vì bụi và tiếng ồn suốt đêm, ảnh hưởng sức khỏe người già và trẻ nhỏ';
  const list = [
    ...Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? `${letter}.` : i % 4 === 1 ? `${letter} ạ` : letter)),
    ...Array.from({ length: 140 }, other),
  ].sort(() => random() - 0.5);
  // Real cases (the merge goes through the machine), as a commune's portal form makes them.
  const loadSla = createSlaContextLoader();
  const ids: number[] = [];
  for (const [i, title] of list.entries())
    ids.push(
      (
        await submitCase(
          orm.em.fork(),
          loadSla,
          {
            title: title.slice(0, 120),
            body: title,
            language: 'vi',
            channel: 'portal',
            categoryCode: null,
            provinceCode: '01',
            communeCode: '00004',
            placeText: null,
            citizen: { name: null, email: `cudan${i}@example.test`, phone: null },
            anonymous: false,
            receivingUnitCode: '00004',
            routeToUnitCode: '00004',
            receivedAt: new Date(),
          },
          { accessKeySecret: 'bench-secret' },
        )
      ).caseId,
    );
  // The category model's suggestion for each (the job's whole work: the model, the lock, the event).
  const models = createTriageModels(orm);
  await models.train();
  const logger = createLogger('warn');
  const loadRouting = createRoutingReferenceLoader();
  const suggestTimes: number[] = [];
  for (const id of ids) {
    const t = process.hrtime.bigint();
    await suggestCategories({ orm, loadSla, loadRouting, models, logger }, [id]);
    suggestTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  suggestTimes.sort((a, b) => a - b);
  console.log(
    `  a submission's category suggestion (the job's work: model, lock, event): p50 ${suggestTimes[Math.floor(suggestTimes.length / 2)]!.toFixed(1)} ms, p99 ${suggestTimes[Math.floor(suggestTimes.length * 0.99)]!.toFixed(1)} ms`,
  );

  const rule = { ...(await loadSurgeRule(orm.em.fork())) };
  for (const id of ids)
    await orm.em.fork().transactional(async (tx) => {
      await tryLockConcernAssignment(tx, 60_000);
      await assignCaseToConcern(tx, id, rule.similarity);
    });
  const t0 = Date.now();
  await markCampaigns({ orm, loadSla }, ids, rule);
  const ms = (Date.now() - t0) / ids.length;
  const em = orm.em.fork();
  const [campaign] = await em.execute<Array<{ size: number; copies: number; wrong: number }>>(
    `select k.size, (select count(*) from case_file c join case_concern m on m.case_id = c.id
                      where m.campaign_id = k.id and c.status = 'merged')::int as copies,
            (select count(*) from case_concern m join case_file c on c.id = m.case_id
              where m.campaign_id = k.id and c.body not like 'Kiến nghị dừng xây dựng trạm trộn%')::int as wrong
       from concern_campaign k order by k.size desc limit 1`,
  );
  console.log(
    `  a planted campaign of 60 copies among 200 submissions: ${campaign?.size ?? 0} in one campaign, ${campaign?.copies ?? 0} merged into its first as support, ${campaign?.wrong ?? 0} unrelated in it; ${ms.toFixed(1)} ms a submission to check`,
  );
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t = Date.now();
    await listConcerns(orm.em.fork(), {});
    times.push(Date.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`  the Government Office's list ("Vấn đề nổi lên"), 50 fastest growing: ${times[2]} ms (median of 5)`);
}
