import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { io } from 'socket.io-client';
import { type MikroORM, initORM } from '@caunoi/db';
import { loadConfig } from '../src/support/config';
import { createLogger } from '../src/support/logger';
import { type RunningServer, startServer } from '../src/server';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/** Asks again until `ready` holds (at most 15 s); the expectation after it judges what was seen. */
async function until(ready: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline && !(await ready()); )
    await new Promise((r) => setTimeout(r, 50));
}

describe('web processes answer people, worker processes run the jobs (PROCESS_ROLE)', () => {
  let w: World;
  let workerOrm: MikroORM;
  let worker: RunningServer | null = null;
  const startWorker = async () => {
    worker = await startServer({
      config: loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: w.t.db.url,
        SWEEP_INTERVAL_MS: '0',
        INTAKE_RETRY_MS: '0',
        PROCESS_ROLE: 'worker',
      }),
      orm: workerOrm,
      logger: createLogger('silent'),
    });
    return worker;
  };
  const submit = (email: string) =>
    fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Rác thải đổ trộm ven kênh',
        body: 'Rác thải đổ trộm ven kênh Nhiêu Lộc mỗi đêm, bốc mùi.',
        provinceCode: '01',
        communeCode: '00004',
        name: 'Nguyễn Thị Lan',
        email,
        consent: true,
      }),
    });
  const mailsTo = async (email: string) =>
    (await w.sql<{ n: number }>(`select count(*)::int as n from captured_mail where $1 = any(recipients)`, [email]))[0]!
      .n;

  beforeAll(async () => {
    w = await startWorld(serverUrl, { PROCESS_ROLE: 'web' });
    workerOrm = await initORM(w.t.db.url);
    await startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await workerOrm?.close(true);
    await w?.stop();
  });

  it('acknowledges a submission at once on the web process; the worker mails it and tells the officers live', async () => {
    const token = await w.login('canbo.badinh@caunoi.local');
    const socket = io(w.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      const created = new Promise<{ id: number }>((resolve) => socket.on('case.created', resolve));
      const res = await submit('chi.lan@example.test');
      expect(res.status).toBe(201);
      const { trackingCode } = (await res.json()) as { trackingCode: string };
      // The web process runs no job: the broadcast and the mail come from the worker.
      const heard = await Promise.race([
        created,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
      ]);
      const [{ id }] = await w.sql<{ id: number }>('select id from case_file where tracking_code = $1', [trackingCode]);
      expect(heard).toMatchObject({ id: Number(id) });
      await w.t.server.jobs.drain(15_000);
      expect(await mailsTo('chi.lan@example.test')).toBe(1);
      const [mail] = await w.sql<{ text: string }>(
        `select text from captured_mail where 'chi.lan@example.test' = any(recipients)`,
      );
      expect(mail!.text).toContain(trackingCode);
    } finally {
      socket.close();
    }
  });

  it('keeps taking submissions while no worker runs; their jobs wait in PostgreSQL and go out when one starts', async () => {
    await worker!.stop();
    worker = null;
    const statuses = await Promise.all(Array.from({ length: 5 }, (_, i) => submit(`nguoi.dan${i}@example.test`)));
    expect(statuses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 5; i += 1) expect(await mailsTo(`nguoi.dan${i}@example.test`)).toBe(0);
    await expect(w.t.server.jobs.drain(300)).rejects.toThrow(/still due/);

    await startWorker();
    await w.t.server.jobs.drain(20_000);
    await until(async () => (await mailsTo('nguoi.dan4@example.test')) === 1);
    for (let i = 0; i < 5; i += 1) expect(await mailsTo(`nguoi.dan${i}@example.test`)).toBe(1);
  });

  it('answers its operators on the worker (health, readiness, metrics) and takes no submission there', async () => {
    const url = (worker ?? (await startWorker())).url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'ready' });
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('caunoi_jobs_waiting');
    const refused = await fetch(`${url}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect(worker!.smtpPort).toBeNull();
  });
});
