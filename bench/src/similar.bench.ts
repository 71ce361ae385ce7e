/**
 * Duplicates across channels and spellings: precision and recall of CauNoi's similarity (trigram
 * similarity of the unaccented title and text in PostgreSQL, workflows' similarityScore) on
 * hand-labelled pairs (bench/data/similar-pairs.json: 15 duplicates written differently, 10
 * different matters in one place, 5 opposite stances on one street), at several thresholds; and
 * the cost of the officers' query with 2,000 open cases in one commune (its candidate cap).
 *
 *   npm run bench:similar -w @caunoi/bench
 */
import { readFileSync } from 'node:fs';
import { SIMILAR_CASE_THRESHOLD, similarityScore } from '@caunoi/workflows';
import { findSimilarOpenCases } from '@caunoi/db';
import { withBenchDatabase } from './bench-database';

interface Pair {
  a: { title: string; body: string };
  b: { title: string; body: string };
  duplicate: boolean;
}
const { pairs } = JSON.parse(readFileSync(new URL('../data/similar-pairs.json', import.meta.url), 'utf8')) as {
  pairs: Pair[];
};

await withBenchDatabase(async ({ orm }) => {
  const em = orm.em.fork();
  const scored: Array<{ score: number; duplicate: boolean; opposite: boolean }> = [];
  for (const [i, p] of pairs.entries()) {
    const [row] = await em.execute<Array<{ t: number; b: number }>>(
      `select similarity(caunoi_unaccent(lower(?)), caunoi_unaccent(lower(?)))::float8 as t,
              similarity(caunoi_unaccent(lower(left(?, 400))), caunoi_unaccent(lower(left(?, 400))))::float8 as b`,
      [p.a.title, p.b.title, p.a.body, p.b.body],
    );
    const score = similarityScore({
      titleSimilarity: row!.t,
      bodySimilarity: row!.b,
      sameCommune: true,
      receivedAt: new Date(),
    });
    scored.push({ score, duplicate: p.duplicate, opposite: i >= pairs.length - 5 });
  }
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  console.log(
    `Similar cases: ${pairs.length} labelled pairs in one commune (${pairs.filter((p) => p.duplicate).length} duplicates)`,
  );
  console.log(
    `  scores: duplicates ${range(scored.filter((s) => s.duplicate).map((s) => s.score))}, different matters ${range(scored.filter((s) => !s.duplicate && !s.opposite).map((s) => s.score))}, opposite stances ${range(scored.filter((s) => s.opposite).map((s) => s.score))}`,
  );
  for (const threshold of [0.3, 0.4, SIMILAR_CASE_THRESHOLD, 0.6, 0.7]) {
    const shown = scored.filter((s) => s.score >= threshold);
    const right = shown.filter((s) => s.duplicate).length;
    const precision = shown.length ? right / shown.length : 1;
    const recall = right / scored.filter((s) => s.duplicate).length;
    const opposite = shown.filter((s) => s.opposite).length;
    console.log(
      `  threshold ${threshold.toFixed(2)}${threshold === SIMILAR_CASE_THRESHOLD ? ' (in use)' : ''}: precision ${(precision * 100).toFixed(0)} %, recall ${(recall * 100).toFixed(0)} %, opposite stances shown ${opposite}/5`,
    );
  }

  // The officers' query with 2,000 open cases in one commune (the candidate cap): its cost.
  await em.execute(`insert into org_unit (code, name_vi, name_en, level, kind, parent_id, path, valid_from, created_at)
    values ('01', 'Hà Nội', 'Ha Noi', 'province', 'thành phố', null, '/01/', '2025-07-01', now()),
           ('00004', 'Phường Ba Đình', 'Ba Dinh', 'commune', 'phường', null, '/01/00004/', '2025-07-01', now())`);
  const [{ id: communeId }] = await em.execute<Array<{ id: number }>>(`select id from org_unit where code = '00004'`);
  const titles = pairs.flatMap((p) => [p.a, p.b]);
  await em.execute(
    `insert into case_file (tracking_code, access_key_hash, title, body, language, channel, legal_track, commune_id,
       receiving_unit_id, owning_unit_id, anonymous, status, received_at, created_at, updated_at, version, attributes)
     select 'CN.20261201.' || lpad(g::text, 5, '0'), 'x', (t->>'title') || ' ' || g, t->>'body', 'vi', 'portal', 'pakn', ?, ?, ?,
            false, 'routed', now() - (g || ' minutes')::interval, now(), now(), 1, '{}'
       from generate_series(1, 2000) g, lateral (select (?::json)->(g % ?) as t) x`,
    [communeId, communeId, communeId, JSON.stringify(titles), titles.length],
  );
  const times: number[] = [];
  for (const [i, p] of pairs.entries()) {
    const started = process.hrtime.bigint();
    await findSimilarOpenCases(em, { title: p.a.title, body: p.a.body, communeId, provinceId: null }, 5);
    if (i > 2) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  query with 2,000 open cases in the commune: p50 ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`,
  );
});
