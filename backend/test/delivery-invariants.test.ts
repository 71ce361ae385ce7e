import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initORM, runWaitingJobsNow } from '@caunoi/db';
import { loadConfig } from '../src/support/config';
import { createLogger } from '../src/support/logger';
import { startServer } from '../src/server';
import { TASKS } from '../src/transitions/delivery-jobs';
import { type World, startWorld } from './world';

/**
 * Invariant 4 on the job queue: a message is delivered at least once across an SMTP outage and
 * a restart of the instance that queued it, and once per recipient when only some recipients
 * were refused. A real SMTP server (smtp-server) takes or refuses the mail.
 */
const serverUrl = inject('databaseServerUrl');

interface Sink {
  port: number;
  /** Recipients it answers 451 (try again later) for. */
  refuse: Set<string>;
  /** When set, every recipient is refused: the server is "down" for mail. */
  down: boolean;
  received: Array<{ to: string; subject: string }>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const sink: Sink = { port: 0, refuse: new Set(), down: false, received: [], close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (sink.down || sink.refuse.has(address.address))
        return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          for (const r of session.envelope.rcptTo) sink.received.push({ to: r.address, subject: mail.subject ?? '' });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as { port: number }).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

let sink: Sink;
let w: World;

beforeAll(async () => {
  sink = await startSink();
  w = await startWorld(serverUrl, { SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
});
afterAll(async () => {
  await w?.stop();
  await sink?.close();
});

/** Another backend instance on the same database, sending through the sink. */
async function anotherInstance() {
  const orm = await initORM(w.t.db.url);
  const server = await startServer({
    config: loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: w.t.db.url,
      SWEEP_INTERVAL_MS: '0',
      INTAKE_RETRY_MS: '0',
      SMTP_INTAKE_PORT: '-1',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    }),
    orm,
    logger: createLogger('silent'),
  });
  return { orm, server };
}

const mailsTo = (address: string) => sink.received.filter((m) => m.to === address);

describe('deliveries on the job queue', () => {
  it('delivers every acknowledgement once after an SMTP outage and a restart of the instance that queued them', async () => {
    sink.down = true;
    const submitted = [];
    for (let i = 0; i < 12; i += 1)
      submitted.push(
        await w.submit('00004', {
          citizen: { name: `Người dân ${i}`, email: `outage.${i}@example.test`, phone: null, zaloIds: {} },
        }),
      );
    await w.t.server.jobs.drain();
    // Each acknowledgement was tried, refused, and waits for its retry; none was lost or sent.
    const waiting = await w.sql(
      `select count(*)::int as n from graphile_worker._private_jobs where key like 'citizen:acknowledged:%' and attempts >= 1 and last_error like '%451%'`,
    );
    expect(waiting[0].n).toBe(12);
    expect(sink.received.filter((m) => m.to.startsWith('outage.'))).toEqual([]);

    // The instance goes away with the work queued; another starts on the same database, and mail is back.
    await w.t.server.jobs.stop();
    sink.down = false;
    const { orm, server: second } = await anotherInstance();
    try {
      expect(await runWaitingJobsNow(orm.em.fork(), [TASKS.email])).toBeGreaterThanOrEqual(12);
      await second.jobs.drain();
      for (let i = 0; i < 12; i += 1) {
        const mails = mailsTo(`outage.${i}@example.test`);
        expect(mails).toHaveLength(1);
        expect(mails[0]!.subject).toContain(submitted[i]!.trackingCode);
      }
      const [{ n }] = await w.sql(
        `select count(*)::int as n from delivery_receipt where template = 'acknowledged' and recipient like 'outage.%'`,
      );
      expect(n).toBe(12);
      console.log(
        `fault SMTP down, then the instance that queued the mail gone: 12 acknowledgements queued, ${sink.received.filter((m) => m.to.startsWith('outage.')).length} delivered, each once`,
      );
    } finally {
      await second.stop();
      await orm.close(true);
    }
  });

  it('sends a unit notice once to each officer when one of them was refused for a while', async () => {
    // Phường Ba Đình has an officer and a head; a new case tells both. The head's mailbox refuses for now.
    const officers = await w.sql(
      `select u.email from app_user u join org_unit o on o.id = u.unit_id where o.code = '00004' and u.active and u.role in ('officer', 'supervisor') order by u.id`,
    );
    expect(officers.length).toBeGreaterThanOrEqual(2);
    const [reached, refused] = [officers[0].email as string, officers[1].email as string];
    const before = { reached: mailsTo(reached).length, refused: mailsTo(refused).length };

    const { orm, server: third } = await anotherInstance();
    try {
      sink.refuse.add(refused);
      const { trackingCode } = await w.submit('00004');
      await third.jobs.drain();
      const newCase = (address: string) =>
        mailsTo(address).filter((m) => m.subject.includes(trackingCode) && m.subject.includes('Hồ sơ mới'));
      expect(newCase(reached)).toHaveLength(1);
      expect(newCase(refused)).toHaveLength(0);

      sink.refuse.delete(refused);
      for (let round = 0; round < 3; round += 1) {
        await runWaitingJobsNow(orm.em.fork(), [TASKS.email]);
        await third.jobs.drain();
      }
      expect(newCase(reached)).toHaveLength(1);
      expect(newCase(refused)).toHaveLength(1);
      expect(mailsTo(reached).length - before.reached).toBe(1);
      console.log(
        `fault one of two recipients refusing: ${newCase(reached).length} notice to the one reached, ${newCase(refused).length} to the refused one once back (per-recipient receipts)`,
      );
    } finally {
      await third.stop();
      await orm.close(true);
    }
  });
});
