import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Socket, io } from 'socket.io-client';
import { initORM } from '@caunoi/db';
import { loadConfig } from '../src/support/config';
import { createLogger } from '../src/support/logger';
import { startServer } from '../src/server';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;

beforeAll(async () => {
  w = await startWorld(serverUrl);
});
afterAll(() => w?.stop());

interface Listener {
  socket: Socket;
  received: Array<{ event: string; payload: any }>;
  /** Resolves with the first event matching, or rejects after `ms`. */
  next(event: string, predicate: (payload: any) => boolean, ms?: number): Promise<any>;
  close(): void;
}

async function listen(email: string): Promise<Listener> {
  const token = await w.login(email);
  const socket = io(w.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true });
  const received: Listener['received'] = [];
  for (const event of ['case.created', 'case.updated', 'escalation.raised'])
    socket.on(event, (payload: unknown) => received.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    received,
    next: (event, predicate, ms = 5_000) =>
      new Promise((resolve, reject) => {
        const found = received.find((r) => r.event === event && predicate(r.payload));
        if (found) return resolve(found.payload);
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
        const handler = (payload: unknown) => {
          if (!predicate(payload)) return;
          clearTimeout(timer);
          socket.off(event, handler);
          resolve(payload);
        };
        socket.on(event, handler);
      }),
    close: () => socket.close(),
  };
}

describe('live updates over socket.io', () => {
  it("tells a unit's officers about its own cases and nothing about another unit's", async () => {
    const baDinh = await listen('canbo.badinh@caunoi.local');
    const ngocHa = await listen('canbo.ngocha@caunoi.local');
    try {
      const mine = await w.submit('00004');
      const theirs = await w.submit('00008');
      await w.t.server.jobs.drain();
      expect((await baDinh.next('case.created', (p) => p.id === mine.caseId)).owningUnit.code).toBe('00004');
      await ngocHa.next('case.created', (p) => p.id === theirs.caseId);

      const officer = await w.login('canbo.badinh@caunoi.local');
      const version = (await w.api(officer, 'GET', `/api/cases/${mine.caseId}`)).body.version;
      await w.api(officer, 'POST', `/api/cases/${mine.caseId}/transitions`, { type: 'accept', version });
      const updated = await baDinh.next('case.updated', (p) => p.id === mine.caseId && p.status === 'inProgress');
      expect(updated.citizenName).toBe('Nguyễn Văn An');

      await w.t.server.jobs.drain();
      expect(baDinh.received.filter((r) => r.payload.id === theirs.caseId)).toEqual([]);
      expect(ngocHa.received.filter((r) => r.payload.id === mine.caseId)).toEqual([]);
    } finally {
      baDinh.close();
      ngocHa.close();
    }
  });

  it('tells each unit about each of its cases when a burst of portal submissions shares one commit and one live-update job', async () => {
    const baDinh = await listen('canbo.badinh@caunoi.local');
    const ngocHa = await listen('canbo.ngocha@caunoi.local');
    try {
      const post = (communeCode: string, n: number) =>
        fetch(`${w.url}/api/public/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            title: `Cống thoát nước bị tắc số ${n}`,
            body: 'Nước thải tràn ra đường mỗi khi trời mưa, đề nghị nạo vét.',
            categoryCode: 'road-traffic',
            provinceCode: '01',
            communeCode,
          }),
        }).then(async (r) => (await r.json()) as { trackingCode: string });
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => post(i % 3 === 0 ? '00008' : '00004', i)));
      const rows = await w.sql(
        `select c.id, c.tracking_code, u.code from case_file c join org_unit u on u.id = c.owning_unit_id where c.tracking_code = any($1)`,
        [burst.map((b) => b.trackingCode)],
      );
      expect(rows).toHaveLength(30);
      for (const row of rows) {
        const [listener, other] = row.code === '00004' ? [baDinh, ngocHa] : [ngocHa, baDinh];
        await listener.next('case.created', (p) => p.id === row.id);
        expect(other.received.filter((r) => r.payload.id === row.id)).toEqual([]);
      }
    } finally {
      baDinh.close();
      ngocHa.close();
    }
  });

  it('tells a province supervisor about its communes, and the receiving unit when a case is transferred in', async () => {
    const province = await listen('lanhdao.hanoi@caunoi.local');
    const receiver = await listen('canbo.ngocha@caunoi.local');
    try {
      const { caseId } = await w.submit('00004');
      await province.next('case.created', (p) => p.id === caseId);
      const officer = await w.login('canbo.badinh@caunoi.local');
      const version = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body.version;
      await w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, {
        type: 'transfer',
        version,
        unitCode: '00008',
        reason: 'Thuộc địa bàn Ngọc Hà',
      });
      const arrived = await receiver.next('case.updated', (p) => p.id === caseId);
      expect(arrived.owningUnit.code).toBe('00008');
    } finally {
      province.close();
      receiver.close();
    }
  });

  it('gives the Government Office every case without citizen contact data, and raises escalations', async () => {
    const gov = await listen('theodoi.vpcp@caunoi.local');
    try {
      const { caseId } = await w.submit('25747');
      const created = await gov.next('case.created', (p) => p.id === caseId);
      expect(created).not.toHaveProperty('citizenName');
      expect(JSON.stringify(created)).not.toContain('an.nguyen@example.test');
      await w.caseEvent(caseId, { type: 'slaBreached', clock: 'accept' }, { kind: 'system', label: 'system:sweeper' });
      const escalated = await gov.next('escalation.raised', (p) => p.id === caseId);
      expect(escalated.escalationLevel).toBe(1);
    } finally {
      gov.close();
    }
  });

  it('reaches officers connected to another replica of the backend', async () => {
    const orm = await initORM(w.t.db.url);
    const replica = await startServer({
      config: loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: w.t.db.url,
        SWEEP_INTERVAL_MS: '0',
      }),
      orm,
      logger: createLogger('silent'),
    });
    const token = await w.login('canbo.badinh@caunoi.local');
    const socket = io(replica.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      // Only the first instance delivers outbox rows: what the replica's socket hears came across.
      await replica.jobs.stop();
      const { caseId } = await w.submit('00004');
      const officer = await w.login('canbo.badinh@caunoi.local');
      const version = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body.version;
      const seen = new Promise((resolve) =>
        socket.on(
          'case.updated',
          (p: { id: number; status: string }) => p.id === caseId && p.status === 'inProgress' && resolve(p),
        ),
      );
      await w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, { type: 'accept', version });
      await expect(
        Promise.race([
          seen,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('no case.updated on the other replica')), 8_000),
          ),
        ]),
      ).resolves.toMatchObject({ id: caseId });
    } finally {
      socket.close();
      await replica.stop();
      await orm.close(true);
    }
  });

  it('refuses a connection without a valid login token', async () => {
    const socket = io(w.url, {
      path: '/socket.io',
      auth: { token: 'not-a-token' },
      transports: ['websocket'],
      forceNew: true,
    });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(error.message).toContain('unauthenticated');
  });
});
