import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from './eventually';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const MONITORING = new URL('../monitoring/', import.meta.url);

describe('the metrics an operator watches', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  const scrape = async () => (await fetch(`${w.url}/metrics`)).text();
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.split(' ').at(-1)) : null;
  };
  const post = (body: unknown, key?: string) =>
    fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });

  it('counts submissions by channel and outcome, times their acknowledgement, and shows the queues', async () => {
    const good = {
      title: 'Cống thoát nước bị tắc',
      body: 'Cống trước số nhà 12 bị tắc, nước tràn ra đường.',
      communeCode: '00004',
    };
    expect((await post(good, 'metrics-key-0001')).status).toBe(201);
    expect((await post(good, 'metrics-key-0001')).status).toBe(201);
    expect((await post({ title: 'x' })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 50));
    const text = await scrape();
    expect(value(text, 'caunoi_submissions_total{channel="portal",outcome="accepted"}')).toBe(1);
    expect(value(text, 'caunoi_submissions_total{channel="portal",outcome="duplicate"}')).toBe(1);
    expect(value(text, 'caunoi_submissions_total{channel="portal",outcome="rejected"}')).toBe(1);
    expect(value(text, 'caunoi_submission_acknowledgement_seconds_count{channel="portal"}')).toBe(3);
    expect(value(text, 'caunoi_inbound_waiting')).toBe(0);
    expect(text.split('\n').filter((l) => l.startsWith('caunoi_open_cases{'))).toEqual([
      expect.stringMatching(/^caunoi_open_cases\{status="[a-zA-Z]+",escalation_level="0"\} 1$/),
    ]);
    expect(text).toContain('# TYPE caunoi_webhook_deliveries_total counter');
    expect(value(text, 'caunoi_password_checks_waiting')).toBe(0);
    for (const gauge of ['caunoi_jobs_waiting', 'caunoi_jobs_failed', 'caunoi_jobs_oldest_waiting_seconds'])
      expect(text).toContain(`# TYPE ${gauge} gauge`);
    // A job that waits (its run time not yet come is not due; one brought to now is): the queue shows it.
    await w.t.server.jobs.stop();
    await w.sql(
      `select graphile_worker.add_job('deliverEmail', '{}'::json, run_at => now() - interval '30 seconds', max_attempts => 1)`,
    );
    const waiting = await scrape();
    expect(value(waiting, 'caunoi_jobs_waiting{task="deliverEmail"}')).toBeGreaterThanOrEqual(1);
    expect(value(waiting, 'caunoi_jobs_oldest_waiting_seconds{task="deliverEmail"}')).toBeGreaterThanOrEqual(29);
  });

  it('labels HTTP timings with the matched route, errors included, never with ids', async () => {
    const token = await w.login('canbo.badinh@caunoi.local');
    await w.api(token, 'GET', '/api/cases/987654');
    await w.api(token, 'GET', '/api/cases/987655');
    const text = await scrape();
    expect(text).toMatch(
      /caunoi_http_request_duration_seconds_count\{method="GET",route="\/api\/cases\/:id",status="404"\} 2/,
    );
    expect(text).not.toContain('987654');
  });

  it('the shipped alert rules and Grafana dashboard use only metrics that exist', async () => {
    const text = await scrape();
    const exposed = new Set(
      text
        .split('\n')
        .filter((l) => l.startsWith('# TYPE '))
        .flatMap((l) => {
          const [, , name, type] = l.split(' ');
          return type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!];
        }),
    );
    const used = (source: string) => new Set([...source.matchAll(/\b(caunoi_[a-z_]+)/g)].map((m) => m[1]!));
    const alerts = readFileSync(new URL('prometheus-alerts.yml', MONITORING), 'utf8');
    const dashboard = readFileSync(new URL('grafana-dashboard.json', MONITORING), 'utf8');
    for (const metric of [...used(alerts), ...used(dashboard)]) expect(exposed.has(metric), metric).toBe(true);
    expect(used(dashboard).size).toBeGreaterThanOrEqual(8);
    expect(JSON.parse(dashboard).panels.length).toBeGreaterThanOrEqual(8);
  });
});

describe('the SLA figures an operator watches', () => {
  let w: World;
  beforeAll(async () => {
    // The sweep task exists only where schedules run; an hour apart, it runs here when the test asks.
    w = await startWorld(serverUrl, { SWEEP_INTERVAL_MS: '3600000' });
  });
  afterAll(() => w?.stop());
  const scrape = async () => (await fetch(`${w.url}/metrics`)).text();
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.split(' ').at(-1)) : null;
  };

  it('counts the SLA warnings and breaches the sweeper fires, by kind, clock, unit level and escalation level', async () => {
    const { caseId } = await w.submit('00004');
    const due = async () => {
      // The sweeper skips a case another transaction holds (SKIP LOCKED) and leaves it to its next
      // round, an hour away here: the submission's own follow-up jobs (triage, concerns) finish first.
      await w.t.server.jobs.drain();
      await w.sql(
        `select graphile_worker.add_job('sweepDeadlines', '{}'::json, job_key => 'metrics-sweep-' || gen_random_uuid())`,
      );
    };
    const series = (kind: string, level: number) =>
      `caunoi_sla_events_total{kind="${kind}",clock="accept",unit_level="commune",escalation_level="${level}"}`;
    const waitFor = (name: string) => eventually(async () => value(await scrape(), name));
    // The warning comes at 80 % of the accept clock; here its time is brought to now.
    await w.sql(
      `update case_file set warn_at = now() - interval '1 minute', next_due_at = now() - interval '1 minute' where id = $1`,
      [caseId],
    );
    await due();
    expect(await waitFor(series('warning', 0))).toBe(1);
    await w.sql(
      `update case_file set accept_due_at = now() - interval '1 minute', next_due_at = now() - interval '1 minute' where id = $1`,
      [caseId],
    );
    await due();
    expect(await waitFor(series('breach', 1))).toBe(1);
    expect(value(await scrape(), 'caunoi_deadlines_fired_total')).toBeGreaterThanOrEqual(2);
  });
});
