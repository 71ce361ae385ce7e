import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import nodemailer from 'nodemailer';
import { REFUSED_RAW_KEEP_BYTES, deleteExpiredRefusedItems } from '@caunoi/db';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const MB = 1024 * 1024;

describe('what intake keeps stays bounded', () => {
  let w: World;
  beforeAll(async () => {
    // 5 MB an hour per address, so that the quota is reached in a few requests.
    w = await startWorld(serverUrl, { INTAKE_BYTES_PER_HOUR: String(5 * MB), TRUST_PROXY: 'loopback' });
  });
  afterAll(() => w?.stop());

  const post = (body: string, address: string) =>
    fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body,
    });

  it('a large refused body keeps its first 64 KB, with the size and hash of the whole', async () => {
    const body = JSON.stringify({ title: 'Đèn hỏng', body: 'x'.repeat(3 * MB) });
    const res = await post(body, '198.51.100.1');
    expect(res.status).toBe(400);
    const [item] = await w.sql(
      `select length(raw)::int as kept, meta->>'rawBytes' as bytes, meta->>'rawSha256' as sha from inbound_item where status = 'rejected' order by id desc limit 1`,
    );
    expect(item).toEqual({
      kept: REFUSED_RAW_KEEP_BYTES,
      bytes: String(Buffer.byteLength(body)),
      sha: createHash('sha256').update(body).digest('hex'),
    });
  });

  it('an address past its hourly bytes is refused before anything is stored; another address is not', async () => {
    const big = JSON.stringify({ title: 'Rác thải', body: 'y'.repeat(2 * MB) });
    const before = (await w.sql(`select count(*)::int as n from inbound_item`))[0].n;
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(big, '203.0.113.9')).status);
    expect(statuses).toEqual([400, 400, 429]);
    const limited = await post(big, '203.0.113.9');
    expect(((await limited.json()) as any).error.message).toMatch(/more than 5 MB in the last hour/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await w.sql(`select count(*)::int as n from inbound_item`))[0].n).toBe(before + 2);
    expect((await post(big, '203.0.113.10')).status).toBe(400);
  });

  it('the mail intake answers a sender past the quota 452, a temporary refusal its server retries later', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: w.t.server.smtpPort!,
      secure: false,
      ignoreTLS: true,
    });
    const mail = (n: number) =>
      transport
        .sendMail({
          envelope: { from: 'bulk@example.test', to: ['gopy@caunoi.local'] },
          raw: `From: bulk@example.test\r\nSubject: Tệp lớn ${n}\r\nMessage-ID: <bulk-${n}@example.test>\r\n\r\n${'z'.repeat(2 * MB)}`,
        })
        .then(
          (info) => info.response,
          (error: { responseCode?: number; message: string }) => `${error.responseCode} ${error.message}`,
        );
    const answers = [await mail(1), await mail(2), await mail(3)];
    transport.close();
    expect(answers[0]).toMatch(/^250 /);
    expect(answers[1]).toMatch(/^250 /);
    expect(answers[2]).toMatch(/^452 .*4\.3\.1/);
  });

  it('refused and ignored items past the retention are deleted; items of cases stay', async () => {
    await w.submit('00004');
    await w.sql(`update inbound_item set received_at = now() - interval '40 days'`);
    const byStatus = async () =>
      Object.fromEntries(
        (await w.sql(`select status, count(*)::int as n from inbound_item group by status`)).map((r) => [
          r.status,
          r.n,
        ]),
      );
    const before = await byStatus();
    expect(before.rejected).toBeGreaterThan(0);
    const deleted = await deleteExpiredRefusedItems(w.t.db.orm.em.fork(), 30);
    expect(deleted).toBe(before.rejected + (before.ignored ?? 0));
    const after = await byStatus();
    expect(after.rejected).toBeUndefined();
    expect(after.processed).toBe(before.processed);
  });
});
