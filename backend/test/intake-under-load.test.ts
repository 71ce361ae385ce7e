import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/support/config';
import { createLogger } from '../src/support/logger';
import { startServer } from '../src/server';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const json = async (res: Response): Promise<any> => res.json();

const submission = (n: number) => ({
  title: `Rác thải tồn đọng ở ngõ ${n}`,
  body: `Rác thải ở đầu ngõ ${n} phố Đội Cấn không được thu gom ba ngày nay, bốc mùi hôi.`,
  categoryCode: 'road-traffic',
  provinceCode: '01',
  communeCode: '00004',
});

/** A multipart body cut off in the middle of a file, as a dropped mobile upload leaves it. */
function truncatedUpload(): { body: Buffer; contentType: string } {
  const boundary = '----caunoi-cut-off';
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nĐèn hỏng\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\nIHDR`,
  );
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('ten citizens at once, or one bad request, do not stop the service', () => {
  let w: World;
  beforeAll(async () => {
    // A pool of five, so two hundred submissions are forty times what it can hold at once.
    // TRUST_PROXY as behind Caddy on the same machine: the test can speak as another address.
    w = await startWorld(serverUrl, { DB_POOL_MAX: '5', DB_ACQUIRE_TIMEOUT_MS: '20000', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => w?.stop());

  const postJson = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('answers two hundred concurrent submissions against a pool of five, each with its own tracking code, and stays ready', async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => postJson(submission(i))));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(200);
    const codes = await Promise.all(responses.map(async (r) => (await json(r)).trackingCode as string));
    expect(new Set(codes).size).toBe(200);
    const [{ n }] = await w.sql(`select count(*)::int as n from case_file where tracking_code = any($1)`, [codes]);
    expect(n).toBe(200);
    expect((await fetch(`${w.url}/readyz`)).status).toBe(200);
  });

  it('answers 400 to an upload cut off inside a file, and keeps serving', async () => {
    const { body, contentType } = truncatedUpload();
    const res = await fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    expect(res.status).toBe(400);
    const answer = await json(res);
    expect(answer.error.fields).toEqual([
      expect.objectContaining({ field: '(body)', message: expect.stringContaining('cut off') }),
    ]);
    expect((await postJson(submission(1000))).status).toBe(201);
  });

  it('refuses an Idempotency-Key reused for a different body with a 422 naming the key, and never hands out the first case', async () => {
    const key = { 'idempotency-key': 'reused-key-0000-0001' };
    const first = await json(await postJson(submission(2001), key));
    const other = await postJson(submission(2002), key);
    expect(other.status).toBe(422);
    const answer = await json(other);
    expect(answer.error).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      fields: [expect.objectContaining({ field: 'Idempotency-Key' })],
    });
    expect(JSON.stringify(answer)).not.toContain(first.trackingCode);
    expect(JSON.stringify(answer)).not.toContain(first.accessKey);
    // The same body again is a faithful retry: the same case.
    const again = await json(await postJson(submission(2001), key));
    expect(again).toMatchObject({ trackingCode: first.trackingCode, accessKey: first.accessKey });
  });

  it('binds a multipart retry to its content, not to the boundary the client chose', async () => {
    const form = () => {
      const f = new FormData();
      for (const [k, v] of Object.entries(submission(2101))) f.set(k, v);
      return f;
    };
    const key = { 'idempotency-key': 'multipart-retry-0001' };
    const first = await json(
      await fetch(`${w.url}/api/public/submissions`, { method: 'POST', body: form(), headers: key }),
    );
    const second = await fetch(`${w.url}/api/public/submissions`, { method: 'POST', body: form(), headers: key });
    expect(second.status).toBe(201);
    expect((await json(second)).trackingCode).toBe(first.trackingCode);
  });

  it('processes a rejected submission that is fixed and resent with the same key', async () => {
    const key = { 'idempotency-key': 'fix-and-resend-0001' };
    const refused = await postJson({ ...submission(2201), title: 'x' }, key);
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.fields).toEqual([expect.objectContaining({ field: 'title' })]);
    const fixed = await postJson(submission(2201), key);
    expect(fixed.status).toBe(201);
    const { trackingCode } = await json(fixed);
    expect(trackingCode).toMatch(/^CN\./);
    // Both bodies are kept: the refused one under a renamed key, the accepted one under the key.
    const items = await w.sql(
      `select status from inbound_item where external_id like '%fix-and-resend-0001%' order by id`,
    );
    expect(items.map((i) => i.status)).toEqual(['rejected', 'processed']);
  });

  it('keeps one key per client: the same key from another address is another submission', async () => {
    const key = 'per-client-key-0001';
    const mine = await json(await postJson(submission(2301), { 'idempotency-key': key }));
    const elsewhere = await fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      body: JSON.stringify(submission(2301)),
      // This server trusts X-Forwarded-For from loopback (TRUST_PROXY), as in production behind Caddy.
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-forwarded-for': '203.0.113.7' },
    });
    expect(elsewhere.status).toBe(201);
    expect((await json(elsewhere)).trackingCode).not.toBe(mine.trackingCode);
  });
});

describe('a burst of submissions shares commits (group commit)', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl, { DB_POOL_MAX: '5' });
  });
  afterAll(() => w?.stop());

  const postJson = (body: unknown) =>
    fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  /** The transactions that wrote these cases' first events: fewer than the cases when submissions shared commits. */
  const commitsOf = async (codes: string[]) =>
    (
      await w.sql(
        `select count(distinct e.xmin::text)::int as n from case_event e join case_file c on c.id = e.case_id
         where e.type = 'SUBMITTED' and c.tracking_code = any($1)`,
        [codes],
      )
    )[0].n as number;

  it('answers each of sixty concurrent citizens with a case of their own, in fewer commits than cases, and refuses the wrong ones in their place', async () => {
    const wrong = [
      { ...submission(4001), title: 'x' },
      { ...submission(4002), categoryCode: 'no-such-category' },
      { ...submission(4003), placeText: 'ngõ '.repeat(80) },
    ];
    const bodies = [...Array.from({ length: 60 }, (_, i) => submission(4100 + i))];
    bodies.splice(10, 0, wrong[0]);
    bodies.splice(30, 0, wrong[1]);
    bodies.splice(50, 0, wrong[2]);
    const [{ last }] = await w.sql(`select coalesce(max(id), 0)::int as last from inbound_item`);
    const responses = await Promise.all(bodies.map(postJson));
    const answers = await Promise.all(responses.map(json));

    const refusedAt = [10, 30, 50];
    for (const [k, at] of refusedAt.entries()) {
      expect(responses[at]!.status).toBe(400);
      expect(answers[at].error.fields).toEqual([
        expect.objectContaining({ field: ['title', 'categoryCode', 'placeText'][k] }),
      ]);
    }
    const codes = answers.filter((_, i) => !refusedAt.includes(i)).map((a) => a.trackingCode as string);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(60);
    expect(new Set(codes).size).toBe(60);
    // Each answer is the case committed for that citizen's words.
    const rows = await w.sql(`select tracking_code, title from case_file where tracking_code = any($1)`, [codes]);
    const titleOf = new Map(rows.map((r) => [r.tracking_code, r.title]));
    for (const [i, a] of answers.entries())
      if (!refusedAt.includes(i)) expect(titleOf.get(a.trackingCode)).toBe(bodies[i]!.title);
    expect(await commitsOf(codes)).toBeLessThan(60);
    // Every item of the burst is kept and decided: sixty processed, three rejected with what their sender was told.
    const items = await w.sql(
      `select status, count(*)::int as n from inbound_item where id > $1 group by status order by status`,
      [last],
    );
    expect(items).toEqual([
      { status: 'processed', n: 60 },
      { status: 'rejected', n: 3 },
    ]);
    // Each was attempted once, and counted once: as it was stored, in the statement that stored it.
    const attempts = await w.sql(`select distinct attempts from inbound_item where id > $1`, [last]);
    expect(attempts).toEqual([{ attempts: 1 }]);
  });

  it('stores a 3 MB upload that arrives inside a burst byte for byte, raw and as the case’s file', async () => {
    const file = Buffer.from('Biên bản đo đạc hiện trạng đường số 5, phường Ba Đình.\n'.repeat(50_000));
    const form = new FormData();
    for (const [k, v] of Object.entries(submission(4500))) form.set(k, v);
    form.set('attachments', new Blob([file], { type: 'text/plain' }), 'bien-ban.txt');
    const [upload, ...others] = await Promise.all([
      fetch(`${w.url}/api/public/submissions`, { method: 'POST', body: form }),
      ...Array.from({ length: 20 }, (_, i) => postJson(submission(4501 + i))),
    ]);
    expect(upload.status).toBe(201);
    expect(others.map((r) => r.status)).toEqual(Array(20).fill(201));
    const { trackingCode } = await json(upload);
    const [stored] = await w.sql(
      `select b.content, i.raw
       from case_file c join attachment a on a.case_id = c.id join attachment_blob b on b.sha256 = a.blob_sha256
       join inbound_item i on i.case_id = c.id
       where c.tracking_code = $1`,
      [trackingCode],
    );
    expect(Buffer.compare(stored.content, file)).toBe(0);
    // The raw item is the multipart body as it arrived, the file inside it.
    expect((stored.raw as Buffer).includes(file)).toBe(true);
  });

  it('lets a submission the database refuses fail alone: its group is done again one by one, and the others get their cases', async () => {
    // A fault only the database sees, for one submission among many.
    await w.sql(`create function refuse_poison() returns trigger language plpgsql as $$
      begin if new.title = 'Đơn mà cơ sở dữ liệu từ chối' then raise exception 'refused by a test trigger'; end if; return new; end $$`);
    await w.sql(
      `create trigger refuse_poison before insert on case_file for each row execute function refuse_poison()`,
    );
    try {
      const bodies = Array.from({ length: 30 }, (_, i) => submission(4300 + i));
      bodies.splice(15, 0, { ...submission(4399), title: 'Đơn mà cơ sở dữ liệu từ chối' });
      const responses = await Promise.all(bodies.map(postJson));
      expect(responses.map((r) => r.status).filter((s) => s === 201)).toHaveLength(30);
      // Kept, with its retry queued: the citizen is told it is saved and to ask again for its code.
      expect(responses[15]!.status).toBe(202);
      expect(responses[15]!.headers.get('retry-after')).toBe('60');
      const [poison] = await w.sql(
        `select status, error, (select count(*)::int from graphile_worker.jobs j where j.key = 'inbound:' || i.id) as retries
         from inbound_item i where convert_from(raw, 'UTF8') like '%Đơn mà cơ sở dữ liệu từ chối%'`,
      );
      expect(poison).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('refused by a test trigger'),
        retries: 1,
      });
      // Two attempts: its group's, and its own after the group failed (what quarantine counts).
      const [{ attempts }] = await w.sql(
        `select attempts from inbound_item where convert_from(raw, 'UTF8') like '%Đơn mà cơ sở dữ liệu từ chối%'`,
      );
      expect(attempts).toBe(2);
    } finally {
      await w.sql(`drop trigger refuse_poison on case_file`);
      await w.sql(`drop function refuse_poison()`);
    }
  });
});

describe('a poison item in the intake does not stop the next start', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  it('rejects a stored cut-off upload on start-up, quarantines an item that never finished, and processes the good one behind them', async () => {
    const { body, contentType } = truncatedUpload();
    const insert = (externalId: string, raw: Buffer, type: string, attempts: number) =>
      w.sql(
        `insert into inbound_item (channel, external_id, content_type, raw, meta, received_at, status, attempts)
         values ('portal', $1, $2, $3, '{"kind":"submission"}', now() - interval '1 hour', 'pending', $4) returning id`,
        [externalId, type, raw, attempts],
      );
    const [cutOff] = await insert('submission:poison-cut-off', body, contentType, 0);
    // Three earlier starts claimed this one and never finished it (each run ended while handling it).
    const [neverFinished] = await insert(
      'submission:poison-never-finished',
      Buffer.from(JSON.stringify(submission(3001))),
      'application/json',
      3,
    );
    const [good] = await insert(
      'submission:good-behind-them',
      Buffer.from(JSON.stringify(submission(3002))),
      'application/json',
      0,
    );

    // A second instance starts on the same database and retries what it finds, as `npm start` does.
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: w.t.db.url,
      SWEEP_INTERVAL_MS: '0',
      INTAKE_RETRY_MS: '60000',
      SMTP_INTAKE_PORT: '-1',
    });
    const second = await startServer({ config, orm: w.t.db.orm, logger: createLogger('silent') });
    try {
      await expect
        .poll(async () => (await w.sql(`select status from inbound_item where id = $1`, [good.id]))[0].status, {
          timeout: 10_000,
        })
        .toBe('processed');
      const rows = await w.sql(`select id, status, error from inbound_item where id = any($1) order by id`, [
        [cutOff.id, neverFinished.id],
      ]);
      expect(rows[0]).toMatchObject({ status: 'rejected' });
      expect(rows[1]).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Quarantined: 3 attempts/) });
      expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
      // It waits for a person in the intake queue instead of being tried at every start.
      expect(await second.intake.requeueUnprocessed()).toBe(0);
    } finally {
      await second.stop();
    }
  });
});

describe('a request that cannot get a database connection in time', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl, { DB_POOL_MAX: '1', DB_ACQUIRE_TIMEOUT_MS: '300' });
  });
  afterAll(() => w?.stop());

  it('is answered 503 with Retry-After, and the next one after the pool frees is served', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Someone holds the only pooled connection (a long report, say).
    const holding = w.t.db.orm.em.fork().transactional(async (tx) => {
      await tx.execute('select 1');
      await held;
    });
    await new Promise((r) => setTimeout(r, 50));
    const busy = await fetch(`${w.url}/api/public/reference`);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect((await json(busy)).error.code).toBe('UNAVAILABLE');
    release();
    await holding;
    expect((await fetch(`${w.url}/api/public/reference`)).status).toBe(200);
  });
});
