import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBodyBudget } from '../src/http/body-budget';
import { createErrorMiddleware } from '../src/http/error-middleware';
import { createLogger } from '../src/support/logger';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/** Asks again until `ready` holds (at most 10 s); the expectation after it judges what was seen. */
async function until(ready: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline && !(await ready()); )
    await new Promise((r) => setTimeout(r, 10));
}

/** A request whose body is sent when the test says so: the sender's side of a slow upload. */
function slowUpload(url: string, bytes: number, headers: Record<string, string> = {}) {
  const request = http.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes), ...headers },
  });
  const answer = new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    request.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    request.on('error', reject);
  });
  let settled = false;
  void answer.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  return {
    answer,
    answered: () => settled,
    /** Sends `part` bytes of the letter a, or the bytes given. */
    send: (part: number | Buffer) =>
      new Promise<void>((resolve) =>
        request.write(typeof part === 'number' ? Buffer.alloc(part, 0x61) : part, () => resolve()),
      ),
    finish: () => request.end(),
    giveUp: () => request.destroy(),
  };
}

describe('large uploads share one memory budget per process', () => {
  const budget = createBodyBudget({ budgetBytes: 1_000_000, smallBytes: 64 * 1024, maxWaitMs: 600 });
  const holds: Array<() => void> = [];
  let base: string;
  let server: http.Server;

  beforeAll(async () => {
    const app = express();
    // The handler keeps each body until the test lets it go, as intake holds one while storing it.
    app.post('/upload', budget.raw(2_000_000), async (req, res) => {
      await new Promise<void>((resolve) => holds.push(resolve));
      res.json({ bytes: (req.body as Buffer).length });
    });
    app.use(createErrorMiddleware(createLogger('silent')));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
  });
  afterEach(() => {
    for (const release of holds.splice(0)) release();
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('lets a second large upload wait until the first is answered, while small ones pass, and then reads it whole', async () => {
    const first = slowUpload(base, 700_000);
    await first.send(700_000);
    first.finish();
    await until(() => holds.length === 1);
    expect(holds).toHaveLength(1);
    expect(budget.usage()).toMatchObject({ heldBytes: 700_000, waiting: 0 });

    const second = slowUpload(base, 700_000);
    await second.send(700_000);
    second.finish();
    await until(() => budget.usage().waiting === 1);
    expect(budget.usage().waiting).toBe(1);

    const small = slowUpload(base, 10_000);
    await small.send(10_000);
    small.finish();
    await until(() => holds.length === 2);
    expect(holds).toHaveLength(2);
    holds.pop()!();
    expect(await small.answer).toMatchObject({ status: 200, body: '{"bytes":10000}' });
    expect(second.answered()).toBe(false);

    holds.shift()!();
    expect(await first.answer).toMatchObject({ status: 200, body: '{"bytes":700000}' });
    await until(() => holds.length === 1);
    expect(holds).toHaveLength(1);
    expect(budget.usage()).toMatchObject({ heldBytes: 700_000, waiting: 0 });
    holds.shift()!();
    expect(await second.answer).toMatchObject({ status: 200, body: '{"bytes":700000}' });
    expect(budget.usage()).toMatchObject({ heldBytes: 0, waiting: 0 });
  });

  it('answers one that waited too long 503 with Retry-After and a message to send it again, and gives up no share', async () => {
    const first = slowUpload(base, 900_000);
    await first.send(900_000);
    first.finish();
    await until(() => holds.length === 1);
    expect(holds).toHaveLength(1);
    const late = slowUpload(base, 500_000);
    void late.send(500_000).catch(() => {});
    late.finish();
    const refused = await late.answer;
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    const error = JSON.parse(refused.body).error;
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('Send it again');
    expect(error.fields[0]).toMatchObject({ field: '(body)', code: 'upload.busy' });
    expect(budget.usage()).toMatchObject({ heldBytes: 900_000, waiting: 0 });
    holds.shift()!();
    expect((await first.answer).status).toBe(200);
    expect(budget.usage().heldBytes).toBe(0);
  });

  it('takes a sender who gives up out of the line, and a body larger than the route takes is refused 413 unread', async () => {
    const first = slowUpload(base, 900_000);
    await first.send(900_000);
    first.finish();
    await until(() => holds.length === 1);
    expect(holds).toHaveLength(1);
    const quitter = slowUpload(base, 500_000);
    quitter.answer.catch(() => {});
    await quitter.send(1000);
    await until(() => budget.usage().waiting === 1);
    expect(budget.usage().waiting).toBe(1);
    quitter.giveUp();
    await until(() => budget.usage().waiting === 0);
    expect(budget.usage().waiting).toBe(0);

    // A sender that leaves mid-body gives its share back, too.
    holds.shift()!();
    await first.answer;
    const cut = slowUpload(base, 800_000);
    cut.answer.catch(() => {});
    await cut.send(100_000);
    await until(() => budget.usage().heldBytes === 800_000);
    expect(budget.usage().heldBytes).toBe(800_000);
    cut.giveUp();
    await until(() => budget.usage().heldBytes === 0);
    expect(budget.usage().heldBytes).toBe(0);

    // Refused before it is read into memory (body-parser drains it and answers once it has arrived).
    const huge = slowUpload(base, 5_000_000);
    void huge.send(5_000_000);
    huge.finish();
    const tooLarge = await huge.answer;
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(budget.usage()).toMatchObject({ heldBytes: 0, waiting: 0 });
  });
});

describe('a large body is read into one buffer of its declared size', () => {
  const budget = createBodyBudget({ budgetBytes: 4_000_000, smallBytes: 64 * 1024 });
  let base: string;
  let server: http.Server;

  beforeAll(async () => {
    const app = express();
    app.post('/upload', budget.raw(2_000_000), (req, res) => {
      const body = req.body as Buffer;
      res.json({ bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    });
    app.use(createErrorMiddleware(createLogger('silent')));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('keeps every byte in order, however the sender splits them', async () => {
    const bytes = randomBytes(900_001);
    const upload = slowUpload(base, bytes.length);
    for (const [from, to] of [
      [0, 1],
      [1, 65_537],
      [65_537, 400_000],
      [400_000, 900_001],
    ] as const)
      await upload.send(bytes.subarray(from, to));
    upload.finish();
    const answer = await upload.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      bytes: 900_001,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(budget.usage()).toMatchObject({ heldBytes: 0, waiting: 0 });
  });

  it('still inflates a body sent compressed', async () => {
    const bytes = Buffer.from(randomBytes(600_000).toString('base64'));
    const gzipped = gzipSync(bytes);
    expect(gzipped.length).toBeGreaterThan(64 * 1024); // large, so it goes through the budget
    const upload = slowUpload(base, gzipped.length, { 'content-encoding': 'gzip' });
    await upload.send(gzipped);
    upload.finish();
    const answer = await upload.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('hands nothing on when the sender stops short of its Content-Length, and gives the share back', async () => {
    const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString();
    });
    socket.write(
      'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 800000\r\n\r\n',
    );
    socket.write(Buffer.alloc(100_000, 0x61));
    await until(() => budget.usage().heldBytes === 800_000);
    expect(budget.usage().heldBytes).toBe(800_000);
    socket.end(); // the sender is done sending, 700,000 bytes short
    await until(() => budget.usage().heldBytes === 0);
    expect(budget.usage().heldBytes).toBe(0);
    expect(reply).not.toContain('"bytes"');
    socket.destroy();
  });
});

describe('the portal reads uploads within the budget', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  it('counts an upload being received in caunoi_upload_bytes_held, and gives it back once answered', async () => {
    const boundary = 'caunoi-budget-test';
    const fields = {
      title: 'Ảnh chụp cống thoát nước',
      body: 'Cống trước số nhà 12 bị tắc; kèm theo là biên bản.',
      communeCode: '00004',
    };
    const head = Buffer.from(
      `${Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join(
          '',
        )}--${boundary}\r\ncontent-disposition: form-data; name="attachments"; filename="bien-ban.txt"\r\ncontent-type: text/plain\r\n\r\n`,
    );
    const text = Buffer.from('Biên bản hiện trạng cống.\n'.repeat(40_000));
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const length = head.length + text.length + tail.length;
    const upload = slowUpload(`${w.url}/api/public/submissions`, length, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    // The form's fields have arrived, the file not yet: the share is taken for the whole body.
    await upload.send(head);
    const held = async () =>
      Number(
        /^caunoi_upload_bytes_held (\d+)$/m.exec(await (await fetch(`${w.url}/metrics`)).text())?.[1] ?? Number.NaN,
      );
    await until(async () => (await held()) === length);
    expect(await held()).toBe(length);
    // The rest of the body: the file and the closing boundary.
    await upload.send(Buffer.concat([text, tail]));
    upload.finish();
    const answer = await upload.answer;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body).trackingCode).toMatch(/^CN\./);
    expect(await held()).toBe(0);
  });
});
