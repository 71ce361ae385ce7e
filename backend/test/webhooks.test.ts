import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runWaitingJobsNow } from '@caunoi/db';
import { sendWebhook } from '../src/jobs/deliver-webhook';
import { TASKS } from '../src/transitions/delivery-jobs';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/** An agency's receiver, as its developers would write one: it checks the signature over the raw bytes. */
function verify(secret: string, header: string, body: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const timestamp = Number(parts.t);
  if (!timestamp || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  return expected.length === parts.v1?.length && timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1));
}

describe('outgoing webhooks to an agency', () => {
  let w: World;
  let receiver: Server;
  let receiverUrl: string;
  let down = false;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let key: string;
  let secret: string;

  beforeAll(async () => {
    w = await startWorld(serverUrl);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        if (down) return void res.writeHead(503).end();
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/caunoi`;
    const admin = await w.login('admin@caunoi.local');
    key = (await w.api(admin, 'POST', '/api/admin/api-clients', { name: 'iHanoi', unitCode: '01', scopes: ['read'] }))
      .body.key;
    const subscribed = await agency('POST', '/api/agency/webhooks', {
      url: receiverUrl,
      events: ['case.created', 'case.answered'],
    });
    expect(subscribed.status).toBe(201);
    secret = subscribed.body.secret;
    expect(secret).toMatch(/^whsec_/);
  });
  afterAll(async () => {
    await w?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const agency = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${w.url}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const deliver = () => w.t.server.jobs.drain();
  const eventsFor = (trackingCode: string) =>
    received.map((r) => JSON.parse(r.body)).filter((e) => e.data.trackingCode === trackingCode);

  it("delivers its units' events, signed, and nothing of another province's", async () => {
    const mine = await w.submit('00004');
    const theirs = await w.submit('25747');
    await deliver();
    const [created] = eventsFor(mine.trackingCode);
    expect(created).toMatchObject({
      type: 'case.created',
      data: { trackingCode: mine.trackingCode, owningUnit: '00004' },
    });
    const raw = received.find((r) => JSON.parse(r.body).data.trackingCode === mine.trackingCode)!;
    expect(raw.headers['caunoi-event']).toBe('case.created');
    expect(verify(secret, String(raw.headers['caunoi-signature']), raw.body)).toBe(true);
    expect(verify('whsec_wrong', String(raw.headers['caunoi-signature']), raw.body)).toBe(false);
    expect(eventsFor(theirs.trackingCode)).toEqual([]);
    // No citizen data in a delivery.
    expect(raw.body).not.toContain('an.nguyen@example.test');
  });

  it('keeps an answer for a subscriber that is down and delivers it once when it is back; the agency lists and replays it', async () => {
    const { caseId, trackingCode } = await w.submit('00004');
    await deliver();
    const officer = await w.login('canbo.badinh@caunoi.local');
    expect(
      (await w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, { type: 'accept', version: 1 })).status,
    ).toBe(200);
    down = true;
    const answered = await w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, {
      type: 'respond',
      answer: 'Đã vá ổ gà ngày 2/12.',
      version: 2,
    });
    expect(answered.status).toBe(200);
    await deliver();
    const pending = (await agency('GET', '/api/agency/webhook-deliveries?status=pending')).body;
    expect(pending).toEqual([
      expect.objectContaining({ event: 'case.answered', trackingCode, attempts: 1, lastStatus: 503 }),
    ]);
    down = false;
    expect(await runWaitingJobsNow(w.t.db.orm.em.fork(), [TASKS.webhookSend])).toBe(1);
    await deliver();
    expect(eventsFor(trackingCode).map((e) => e.type)).toEqual(['case.created', 'case.answered']);
    // Retried later again, nothing goes twice.
    await runWaitingJobsNow(w.t.db.orm.em.fork(), [TASKS.webhookSend]);
    await deliver();
    expect(eventsFor(trackingCode)).toHaveLength(2);
    const delivered = (await agency('GET', '/api/agency/webhook-deliveries?status=delivered')).body;
    const answer = delivered.find((d: any) => d.trackingCode === trackingCode && d.event === 'case.answered');
    expect(answer).toMatchObject({ attempts: 2, lastStatus: 204 });

    expect((await agency('POST', `/api/agency/webhook-deliveries/${answer.id}/replay`)).status).toBe(202);
    await deliver();
    const replays = eventsFor(trackingCode).filter((e) => e.type === 'case.answered');
    expect(replays).toHaveLength(2);
    expect(replays[0].id).toBe(replays[1].id);
  });

  it('refuses a subscription without events, and a key of another agency cannot see or replay these deliveries', async () => {
    expect((await agency('POST', '/api/agency/webhooks', { url: receiverUrl, events: [] })).status).toBe(400);
    const admin = await w.login('admin@caunoi.local');
    const other = (
      await w.api(admin, 'POST', '/api/admin/api-clients', { name: 'Khác', unitCode: '79', scopes: ['read'] })
    ).body.key;
    const [mine] = (await agency('GET', '/api/agency/webhook-deliveries')).body;
    const asOther = await fetch(`${w.url}/api/agency/webhook-deliveries/${mine.id}/replay`, {
      method: 'POST',
      headers: { 'x-api-key': other },
    });
    expect(asOther.status).toBe(404);
    const list = (await (
      await fetch(`${w.url}/api/agency/webhook-deliveries`, { headers: { 'x-api-key': other } })
    ).json()) as unknown[];
    expect(list).toEqual([]);
  });

  it('in production reaches only public addresses: a name that resolves to a private one (DNS rebinding) and a private literal are refused at delivery', async () => {
    const port = (receiver.address() as AddressInfo).port;
    const admin = await w.login('admin@caunoi.local');
    const rebinder = (
      await w.api(admin, 'POST', '/api/admin/api-clients', { name: 'Đổi DNS', unitCode: '01', scopes: ['read'] })
    ).body.key;
    const subscribe = async (url: string) =>
      (
        await fetch(`${w.url}/api/agency/webhooks`, {
          method: 'POST',
          headers: { 'x-api-key': rebinder, 'content-type': 'application/json' },
          body: JSON.stringify({ url, events: ['case.created'] }),
        })
      ).status;
    // Public on its face when subscribed; at delivery the name answers with our loopback.
    expect(await subscribe(`http://hooks.agency.example:${port}/caunoi`)).toBe(201);
    expect(await subscribe(`http://[::ffff:127.0.0.1]:${port}/caunoi`)).toBe(201);
    await w.submit('00004');
    await runWaitingJobsNow(w.t.db.orm.em.fork(), [TASKS.webhookFanOut]);
    // Here (not production) the queue delivers the literal to loopback, and finds no such name in
    // this machine's DNS; the production check comes after both tries.
    let deliveries: Array<{ id: number; status: string; attempts: number; literal: boolean }> = [];
    const tried = () =>
      deliveries.length === 2 && deliveries.every((d) => (d.literal ? d.status === 'delivered' : d.attempts > 0));
    for (let i = 0; i < 200 && !tried(); i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      deliveries = await w.sql(
        `select d.id::int, d.status, d.attempts, s.url like '%ffff%' as literal
           from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
          where s.url like '%hooks.agency.example%' or s.url like '%ffff%'`,
      );
    }
    expect(tried()).toBe(true);
    const before = received.length;
    const resolve = (
      _host: string,
      _options: unknown,
      callback: (e: null, a: Array<{ address: string; family: number }>) => void,
    ) => callback(null, [{ address: '127.0.0.1', family: 4 }]);
    for (const d of deliveries)
      await expect(
        sendWebhook(
          w.t.db.orm,
          d.id,
          { attempts: 1, maxAttempts: 25 },
          { publicOnly: true, resolve: resolve as never },
        ),
      ).rejects.toThrow(/private address/);
    expect(received.length).toBe(before);
    const recorded = await w.sql(`select last_error from webhook_delivery where id = any($1::int[])`, [
      deliveries.map((d) => d.id),
    ]);
    for (const r of recorded) expect(r.last_error).toMatch(/^refused: .* a private address/);
    // The same delivery where private addresses are allowed (development) arrives.
    await sendWebhook(
      w.t.db.orm,
      deliveries[0]!.id,
      { attempts: 2, maxAttempts: 25 },
      { publicOnly: false, resolve: resolve as never },
    );
  });
});
