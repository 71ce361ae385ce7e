import type { EntityManager, MikroORM } from '@caunoi/db';
import type { Channel } from '@caunoi/workflows';
import { type SubmissionInput, type SubmittedCase, createCase, withTrackingDays } from '../transitions/submit-case';
import { AppError, type AppErrorCode } from '../http/app-error';
import type { Logger } from '../support/logger';
import type { SlaContext } from '../transitions/sla-context';
import { deriveAccessKey } from '../transitions/access-key';
import { type InboundItemRow, lockInboundItem } from '@caunoi/db';

export interface IntakeContext {
  tx: EntityManager;
  sla: SlaContext;
  item: InboundItemRow;
  /** Creates a case in this transaction (its tracking number from the day's sequence, without waiting on anyone). */
  createCase(input: SubmissionInput): Promise<SubmittedCase>;
}

export type HandledItem =
  | { kind: 'case'; caseId: number; created: boolean }
  /** Not a submission, but acted on: contact data stored, a delivery receipt applied. */
  | { kind: 'recorded'; note: string }
  | { kind: 'ignored'; reason: string };

export interface IntakeHandler {
  handle(ctx: IntakeContext): Promise<HandledItem>;
  /** Tells the sender on their channel why their input was refused (a mail reply, a Zalo message). */
  onRejected?(tx: EntityManager, item: InboundItemRow, error: AppError): Promise<void>;
}

export type IntakeOutcome =
  | { kind: 'case'; created: boolean; replayed: boolean; caseId: number; trackingCode: string; accessKey: string; status: string; expectedAnswerAt: Date | null }
  | { kind: 'ignored'; reason: string; replayed: boolean }
  | { kind: 'recorded'; note: string; replayed: boolean }
  | { kind: 'rejected'; error: AppError; replayed: boolean }
  | { kind: 'failed'; error: string };

export interface IntakeProcessor {
  /** Processes one stored item in one transaction, or reports what an earlier run decided. */
  process(itemId: number): Promise<IntakeOutcome>;
  /** Processes items left pending or failed (a crash, a fault since fixed); returns how many it tried. */
  retryUnprocessed(options?: { limit?: number; ignoreBackoff?: boolean }): Promise<number>;
}

/** Errors that are the sender's to fix: answered on their channel and kept as `rejected`, never retried. */
const SENDER_ERRORS: readonly AppErrorCode[] = ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_FOUND', 'CONFLICT'];
/** Failed items are retried with backoff this many times; after that they wait in the queue for a person. */
const MAX_ATTEMPTS = 10;
/**
 * Claims that never finished (the process stopped while handling the item) after which an item is
 * quarantined: kept, shown in the intake queue as failed, and no longer tried at start-up, so one
 * poison item cannot stop every restart.
 */
export const QUARANTINE_AFTER_UNFINISHED = 3;

export interface IntakeProcessorDeps {
  orm: MikroORM;
  loadSla: (em: EntityManager) => Promise<SlaContext>;
  accessKeySecret: string;
  handlers: Partial<Record<Channel, IntakeHandler>>;
  logger: Logger;
  /** Told after a commit that wrote outbox rows. */
  onCommitted: () => void;
}

/**
 * Turns stored inbound items into cases (DESIGN.md §4, invariants 1 and 2). The item row is locked
 * for the whole transaction, so two deliveries of one item are processed once; the case, its
 * audit event, its outbox rows and the item's `processed` mark commit together. A sender's mistake
 * marks the item `rejected` and answers them; anything else marks it `failed` with the error, for
 * the officers' queue and the retrier.
 */
export function createIntakeProcessor(deps: IntakeProcessorDeps): IntakeProcessor {
  const { orm, loadSla, handlers, logger } = deps;

  const outcomeOfProcessed = async (em: EntityManager, item: InboundItemRow): Promise<IntakeOutcome> => {
    if (item.status === 'rejected') {
      const stored = JSON.parse(item.error ?? '{}') as { code?: AppErrorCode; message?: string; details?: Record<string, unknown> };
      return { kind: 'rejected', error: new AppError(stored.code ?? 'VALIDATION_FAILED', stored.message ?? 'rejected', stored.details), replayed: true };
    }
    if (item.status === 'ignored') return { kind: 'ignored', reason: item.error ?? 'ignored', replayed: true };
    if (item.caseId === null) return { kind: 'recorded', note: item.error ?? 'recorded', replayed: true };
    return caseOutcome(em, item.caseId, false, true);
  };

  const caseOutcome = async (em: EntityManager, caseId: number, created: boolean, replayed: boolean): Promise<IntakeOutcome> => {
    const [row] = await em.execute<Array<{ tracking_code: string; status: string; expected_answer_at: string | null }>>(
      'select tracking_code, status, coalesce(resolve_due_at, expected_answer_at) as expected_answer_at from case_file where id = ?',
      [caseId],
    );
    return {
      kind: 'case',
      created,
      replayed,
      caseId,
      trackingCode: row!.tracking_code,
      accessKey: deriveAccessKey(deps.accessKeySecret, row!.tracking_code),
      status: row!.status,
      expectedAnswerAt: row!.expected_answer_at ? new Date(row!.expected_answer_at) : null,
    };
  };

  const process = async (itemId: number): Promise<IntakeOutcome> => {
    const em = orm.em.fork();
    try {
      // The attempt is counted in a statement of its own before any work, so an attempt that ends
      // the process still counts (see QUARANTINE_AFTER_UNFINISHED).
      await em.execute(`update inbound_item set attempts = attempts + 1 where id = ? and status in ('pending', 'failed')`, [itemId]);
      const decided = await withTrackingDays(em, () => em.transactional(async (tx) => {
        const item = await lockInboundItem(tx, itemId);
        if (!item) throw new Error(`inbound item ${itemId} does not exist`);
        if (item.status !== 'pending' && item.status !== 'failed') return { replay: await outcomeOfProcessed(tx, item), handled: null };
        const handler = handlers[item.channel];
        if (!handler) throw new Error(`no intake handler for channel ${item.channel}`);
        const sla = await loadSla(tx);
        const handled = await handler.handle({
          tx,
          sla,
          item,
          createCase: async (input) => (await createCase(tx, sla, input, { accessKeySecret: deps.accessKeySecret })).submitted,
        });
        await tx.execute(
          `update inbound_item set status = ?, case_id = ?, error = ?, processed_at = now() where id = ?`,
          [handled.kind === 'ignored' ? 'ignored' : 'processed', handled.kind === 'case' ? handled.caseId : null, handled.kind === 'ignored' ? handled.reason : handled.kind === 'recorded' ? handled.note : null, itemId],
        );
        return { replay: null, handled };
      }));
      if (decided.replay) return decided.replay;
      deps.onCommitted();
      if (!decided.handled) throw new Error('unreachable: neither replayed nor handled');
      if (decided.handled.kind === 'ignored') return { kind: 'ignored', reason: decided.handled.reason, replayed: false };
      if (decided.handled.kind === 'recorded') return { kind: 'recorded', note: decided.handled.note, replayed: false };
      return caseOutcome(em, decided.handled.caseId, decided.handled.created, false);
    } catch (error) {
      if (error instanceof AppError && SENDER_ERRORS.includes(error.code)) return reject(itemId, error);
      return fail(itemId, error);
    }
  };

  const reject = async (itemId: number, error: AppError): Promise<IntakeOutcome> => {
    await orm.em.fork().transactional(async (tx) => {
      const item = await lockInboundItem(tx, itemId);
      if (!item) return;
      await tx.execute(`update inbound_item set status = 'rejected', error = ?, processed_at = now() where id = ?`, [
        JSON.stringify({ code: error.code, message: error.message, details: error.details }),
        itemId,
      ]);
      await handlers[item.channel]?.onRejected?.(tx, item, error);
    });
    deps.onCommitted();
    return { kind: 'rejected', error, replayed: false };
  };

  const fail = async (itemId: number, error: unknown): Promise<IntakeOutcome> => {
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ err: error, inboundItemId: itemId }, 'inbound item could not be processed; kept for retry');
    try {
      await orm.em.fork().execute(`update inbound_item set status = 'failed', error = ? where id = ? and status in ('pending', 'failed')`, [message.slice(0, 4000), itemId]);
    } catch (markError) {
      // The database itself is down: the item stays `pending`, which the retrier also picks up.
      logger.error({ err: markError, inboundItemId: itemId }, 'could not mark the inbound item failed');
    }
    return { kind: 'failed', error: message };
  };

  return {
    process,
    async retryUnprocessed({ limit = 100, ignoreBackoff = false } = {}) {
      const quarantined = await orm.em.fork().execute<Array<{ id: string }>>(
        `update inbound_item set status = 'failed',
           error = 'Quarantined: ' || attempts || ' attempts to process this item never finished (the server stopped while handling it). It is kept; fix the cause, then retry it from the intake queue.'
         where status = 'pending' and attempts >= ${QUARANTINE_AFTER_UNFINISHED} returning id`,
      );
      for (const { id } of quarantined) logger.error({ inboundItemId: Number(id) }, 'inbound item quarantined: earlier attempts never finished');
      // Oldest first. An item that failed waits attempts² minutes after its receipt, so one poison
      // item cannot hog the retrier; at start-up (a restart after a fault) everything is tried.
      const due = await orm.em.fork().execute<Array<{ id: string }>>(
        `select id from inbound_item
         where ((status = 'pending' and attempts < ${QUARANTINE_AFTER_UNFINISHED}) or (status = 'failed' and attempts < ${MAX_ATTEMPTS} and error not like 'Quarantined:%'))
           and (${ignoreBackoff ? 'true' : `received_at + (attempts * attempts) * interval '1 minute' < now()`})
         order by received_at limit ${Number(limit)}`,
      );
      for (const { id } of due) await process(Number(id));
      return due.length;
    },
  };
}
