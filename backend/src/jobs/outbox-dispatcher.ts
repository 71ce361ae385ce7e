import { type CaseListRow, type MikroORM, findCaseRows } from '@caunoi/db';
import { unitsAbove } from '@caunoi/workflows';
import { toCaseListItemDto } from '../cases/case-dtos';
import type { Logger } from '../support/logger';
import type { RealtimeServer } from '../realtime/socket-server';
import { rooms } from '../realtime/socket-events';
import type { SocketOutboxPayload } from '../transitions/write-outbox';
import { type Deliverer, type OutboxRow, isPermanentFailure } from './deliverer';

export interface OutboxDispatcher {
  /** Deliver what is due now (called after each commit that wrote outbox rows). */
  kick(): void;
  /** Deliver everything due, then resolve: for tests and shutdown. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

const BATCH = 100;
const POLL_MS = 1_000;
const MAX_ATTEMPTS = 8;
const REMOTE_BATCH = 20;
/** How long a claimed email/Zalo row is reserved for the instance sending it. */
const LEASE_SECONDS = 120;

type RemoteKind = 'email' | 'zalo';

/**
 * Delivers the outbox after commit (invariant 4): socket broadcasts in a transaction that holds
 * their rows, email and Zalo messages through their deliverers under a lease. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several backend instances can drain one outbox without sending a
 * row twice; a failed delivery is retried with exponential backoff, then marked dead. A poll
 * catches rows whose kick was lost (a crash between commit and delivery).
 */
export function createOutboxDispatcher(orm: MikroORM, io: RealtimeServer, logger: Logger, deliverers: Partial<Record<RemoteKind, Deliverer>> = {}): OutboxDispatcher {
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  const drainOnce = async (): Promise<number> => {
    let handled = await drainSockets();
    for (const kind of Object.keys(deliverers) as RemoteKind[]) handled += await drainRemote(kind);
    return handled;
  };

  /**
   * Email and Zalo sends take seconds and must not hold row locks: a batch is claimed (status
   * `sending` with a lease in `next_attempt_at`), sent outside any transaction, then marked. A
   * sender that dies mid-batch leaves its rows to be claimed again when the lease ends.
   */
  const drainRemote = async (kind: RemoteKind): Promise<number> => {
    const deliverer = deliverers[kind]!;
    const em = orm.em.fork();
    const claimed = await em.transactional(async (tx) => {
      const due = await tx.execute<Array<{ id: string; case_id: string | null; payload: Record<string, unknown>; attempts: number; dedupe_key: string }>>(
        `select id, case_id, payload, attempts, dedupe_key from outbox_message
         where kind = ? and status in ('pending', 'sending') and next_attempt_at <= now()
         order by next_attempt_at, id limit ${REMOTE_BATCH} for update skip locked`,
        [kind],
      );
      if (due.length) {
        await tx.execute(`update outbox_message set status = 'sending', next_attempt_at = now() + interval '${LEASE_SECONDS} seconds' where id in (${due.map(() => '?').join(', ')})`, due.map((r) => r.id));
      }
      return due;
    });
    for (const row of claimed) {
      const outboxRow: OutboxRow = { id: Number(row.id), kind, caseId: row.case_id === null ? null : Number(row.case_id), payload: row.payload, attempts: row.attempts, dedupeKey: row.dedupe_key };
      try {
        const result = await deliverer.deliver(outboxRow, orm.em.fork());
        await em.execute(`update outbox_message set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = ? where id = ?`, [result?.note ?? null, outboxRow.id]);
      } catch (error) {
        const attempts = row.attempts + 1;
        const dead = attempts >= MAX_ATTEMPTS || isPermanentFailure(error);
        await em.execute(`update outbox_message set attempts = ?, last_error = ?, status = ?, next_attempt_at = now() + (? * interval '1 second') where id = ?`, [
          attempts,
          String((error as Error).message ?? error).slice(0, 4000),
          dead ? 'dead' : 'pending',
          Math.min(2 ** attempts * 5, 3_600),
          outboxRow.id,
        ]);
        logger.warn({ outboxId: outboxRow.id, kind, attempts, dead, err: error }, `${kind} delivery failed`);
      }
    }
    return claimed.length;
  };

  const drainSockets = async (): Promise<number> => {
    const em = orm.em.fork();
    return em.transactional(async (tx) => {
      const due = await tx.execute<Array<{ id: number; payload: SocketOutboxPayload; attempts: number }>>(
        `select id, payload, attempts from outbox_message
         where kind = 'socket' and status = 'pending' and next_attempt_at <= now()
         order by id limit ${BATCH} for update skip locked`,
      );
      if (!due.length) return 0;
      // One query for every case in the batch; a case changed twice since is sent as it is now.
      const cases = new Map((await findCaseRows(tx, [...new Set(due.map((r) => r.payload.caseId))])).map((c) => [c.id, c]));
      const sent: number[] = [];
      for (const row of due) {
        try {
          deliver(io, row.payload, cases.get(row.payload.caseId));
          sent.push(row.id);
        } catch (error) {
          const attempts = row.attempts + 1;
          const dead = attempts >= MAX_ATTEMPTS;
          await tx.execute(
            `update outbox_message set attempts = ?, last_error = ?, status = ?, next_attempt_at = now() + (? * interval '1 second') where id = ?`,
            [attempts, String((error as Error).message ?? error), dead ? 'dead' : 'pending', 2 ** attempts, row.id],
          );
          logger.warn({ outboxId: row.id, attempts, dead, err: error }, 'socket delivery failed');
        }
      }
      if (sent.length) {
        await tx.execute(`update outbox_message set status = 'sent', sent_at = now(), attempts = attempts + 1 where id in (${sent.map(() => '?').join(', ')})`, sent);
      }
      return due.length;
    });
  };

  const drain = async (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        let delivered: number;
        do {
          delivered = await drainOnce();
          total += delivered;
        } while (delivered > 0 && !stopped);
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped) drain().catch((error: unknown) => logger.error({ err: error }, 'outbox poll failed'));
  }, POLL_MS);
  timer.unref();

  return {
    kick: () => {
      drain().catch((error: unknown) => logger.error({ err: error }, 'outbox dispatch failed'));
    },
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}

function deliver(io: RealtimeServer, payload: SocketOutboxPayload, row: CaseListRow | undefined): void {
  if (!row) return; // the case is gone: nothing to tell
  const staffRooms = new Set<string>();
  for (const path of payload.unitPaths) {
    const codes = unitsAbove(path);
    staffRooms.add(rooms.unit(codes.at(-1)!));
    for (const code of codes) staffRooms.add(rooms.subtree(code));
  }
  io.to([...staffRooms]).emit(payload.event, toCaseListItemDto(row, { includeContact: true }));
  io.to(rooms.oversight).emit(payload.event, toCaseListItemDto(row, { includeContact: false }));
}
