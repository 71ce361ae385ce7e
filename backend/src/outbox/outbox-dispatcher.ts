import { type CaseListRow, type MikroORM, findCaseRows } from '@caunoi/db';
import { unitsAbove } from '@caunoi/workflows';
import { toCaseListItemDto } from '../cases/case-dtos';
import type { Logger } from '../logger';
import type { RealtimeServer } from '../realtime/socket-server';
import { rooms } from '../realtime/socket-events';
import type { SocketOutboxPayload } from './write-outbox';

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

/**
 * Delivers socket broadcasts from the outbox after commit (invariant 4). Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several backend instances can drain one outbox without sending a
 * row twice; a failed delivery is retried with exponential backoff, then marked dead. A poll
 * catches rows whose kick was lost (a crash between commit and delivery).
 */
export function createOutboxDispatcher(orm: MikroORM, io: RealtimeServer, logger: Logger): OutboxDispatcher {
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  const drainOnce = async (): Promise<number> => {
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
        } while (delivered === BATCH && !stopped);
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
