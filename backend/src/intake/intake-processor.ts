import type { EntityManager, MikroORM } from '@caunoi/db';
import type { Channel } from '@caunoi/workflows';
import {
  type SubmissionInput,
  type SubmittedCase,
  createCase,
  createCases,
  withTrackingDays,
} from '../transitions/submit-case';
import { AppError, type AppErrorCode } from '../http/app-error';
import { isRefusedValue } from '../http/database-unavailable';
import type { Logger } from '../support/logger';
import type { RoutingReference } from '../routing/route-submission';
import type { SlaContext } from '../transitions/sla-context';
import { deriveAccessKey } from '../transitions/access-key';
import {
  type InboundItemRow,
  addJobs,
  findCaseReceipt,
  countInboundAttempt,
  countInboundAttempts,
  lockInboundItems,
  markInboundItemsDecided,
  findInboundItemsToRequeue,
  lockInboundItem,
  markInboundDecided,
  markInboundFailed,
  markInboundRejected,
  quarantineUnfinishedItems,
} from '@caunoi/db';
import { MAX_ATTEMPTS, TASKS } from '../transitions/delivery-jobs';

export interface IntakeContext {
  tx: EntityManager;
  sla: SlaContext;
  item: InboundItemRow;
  /** The routing reference as of this transaction (read once per transaction, when first asked). */
  routing(): Promise<RoutingReference>;
  /** Creates a case in this transaction (its tracking number from the day's sequence, without waiting on anyone). */
  createCase(input: SubmissionInput): Promise<SubmittedCase>;
}

/** What a handler reads an item with before its case is created (reads only: nothing is written). */
export type IntakePreparation = Omit<IntakeContext, 'createCase'>;

export type HandledItem =
  | { kind: 'case'; caseId: number; created: boolean }
  /** Not a submission, but acted on: contact data stored, a delivery receipt applied. */
  | { kind: 'recorded'; note: string }
  | { kind: 'ignored'; reason: string };

export interface IntakeHandler {
  handle(ctx: IntakeContext): Promise<HandledItem>;
  /**
   * For an item that is a plain new submission: the case it asks for, read and checked without
   * writing anything, so that a group of them is created in one transaction (group commit). Null
   * for an item only `handle` can take (a reply, a delivery receipt). A sender's mistake throws
   * the AppError `handle` would throw.
   */
  prepare?(ctx: IntakePreparation): Promise<SubmissionInput | null>;
  /** Tells the sender on their channel why their input was refused (a mail reply, a Zalo message). */
  onRejected?(tx: EntityManager, item: InboundItemRow, error: AppError): Promise<void>;
}

export type IntakeOutcome =
  | {
      kind: 'case';
      created: boolean;
      replayed: boolean;
      caseId: number;
      trackingCode: string;
      accessKey: string;
      status: string;
      expectedAnswerAt: Date | null;
    }
  | { kind: 'ignored'; reason: string; replayed: boolean }
  | { kind: 'recorded'; note: string; replayed: boolean }
  | { kind: 'rejected'; error: AppError; replayed: boolean }
  | { kind: 'failed'; error: string };

export interface IntakeProcessor {
  /**
   * Processes one stored item in one transaction, or reports what an earlier run decided. When it
   * fails on our side, a retry job for that item is queued (unless the caller is that job).
   */
  process(itemId: number, options?: ProcessOptions): Promise<IntakeOutcome>;
  /**
   * Processes stored items together (group commit): the new submissions among them become cases
   * in one transaction, each answered in its place; an item only its handler can take, or one
   * already decided, goes through `process`. If the group's transaction fails, each item is
   * processed on its own, so one bad item costs the others only a retry.
   */
  processBatch(
    itemIds: readonly number[],
    rawInHand?: ReadonlyMap<number, Buffer>,
    options?: BatchOptions,
  ): Promise<IntakeOutcome[]>;
  /**
   * Queues a retry job for every item left pending or failed without one (a crash, a database
   * that was away), after quarantining those whose attempts never finished; returns how many.
   */
  requeueUnprocessed(options?: { limit?: number; olderThanMs?: number }): Promise<number>;
}

export interface ProcessOptions {
  fromRetryJob?: boolean;
  attemptCounted?: boolean;
  /**
   * The bytes the receiver has just stored for this item, so they are not read back (a first
   * delivery only: a resend's stored bytes may differ from the resent ones).
   */
  raw?: Buffer;
}

export interface BatchOptions {
  /** Each item's first attempt was counted when it was stored (storeInboundItems' `attemptStarted`). */
  attemptsCounted?: boolean;
}

/** Errors that are the sender's to fix: answered on their channel and kept as `rejected`, never retried. */
const SENDER_ERRORS: readonly AppErrorCode[] = [
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'CONFLICT',
];
/**
 * Claims that never finished (the process stopped while handling the item) after which an item is
 * quarantined: kept, shown in the intake queue as failed, and no longer tried at start-up, so one
 * poison item cannot stop every restart.
 */
export const QUARANTINE_AFTER_UNFINISHED = 3;

export interface IntakeProcessorDeps {
  orm: MikroORM;
  loadSla: (em: EntityManager) => Promise<SlaContext>;
  loadRouting: (em: EntityManager) => Promise<RoutingReference>;
  accessKeySecret: string;
  handlers: Partial<Record<Channel, IntakeHandler>>;
  logger: Logger;
}

/**
 * Turns stored inbound items into cases (DESIGN.md §4, invariants 1 and 2). The item row is locked
 * for the whole transaction, so two deliveries of one item are processed once; the case, its
 * audit event, its jobs and the item's `processed` mark commit together. A sender's mistake
 * marks the item `rejected` and answers them; anything else marks it `failed` with the error, for
 * the officers' queue, and queues a retry job for that item alone: one bad item never holds up
 * another (graphile-worker's backoff, per job).
 */
export function createIntakeProcessor(deps: IntakeProcessorDeps): IntakeProcessor {
  const { orm, loadSla, handlers, logger } = deps;
  /** The reference is read on the transaction's own connection, at most once per transaction. */
  const routingOf = (tx: EntityManager) => {
    let reference: Promise<RoutingReference> | null = null;
    return () => {
      reference ??= deps.loadRouting(tx);
      return reference;
    };
  };

  const outcomeOfProcessed = async (em: EntityManager, item: InboundItemRow): Promise<IntakeOutcome> => {
    if (item.status === 'rejected') {
      const stored = JSON.parse(item.error ?? '{}') as {
        code?: AppErrorCode;
        message?: string;
        details?: Record<string, unknown>;
      };
      return {
        kind: 'rejected',
        error: new AppError(stored.code ?? 'VALIDATION_FAILED', stored.message ?? 'rejected', stored.details),
        replayed: true,
      };
    }
    if (item.status === 'ignored') return { kind: 'ignored', reason: item.error ?? 'ignored', replayed: true };
    if (item.caseId === null) return { kind: 'recorded', note: item.error ?? 'recorded', replayed: true };
    return caseOutcome(em, item.caseId, false, true);
  };

  const caseOutcome = async (
    em: EntityManager,
    caseId: number,
    created: boolean,
    replayed: boolean,
  ): Promise<IntakeOutcome> => {
    const row = await findCaseReceipt(em, caseId);
    if (!row) throw new Error(`case ${caseId} does not exist`);
    return {
      kind: 'case',
      created,
      replayed,
      caseId,
      trackingCode: row.trackingCode,
      accessKey: deriveAccessKey(deps.accessKeySecret, row.trackingCode),
      status: row.status,
      expectedAnswerAt: row.expectedAnswerAt,
    };
  };

  const process = async (
    itemId: number,
    { fromRetryJob = false, attemptCounted = false, raw }: ProcessOptions = {},
  ): Promise<IntakeOutcome> => {
    const em = orm.em.fork();
    try {
      // Counted before any work, so an attempt that ends the process still counts (QUARANTINE_AFTER_UNFINISHED).
      if (!attemptCounted) await countInboundAttempt(em, itemId);
      const decided = await withTrackingDays(em, () =>
        em.transactional(async (tx) => {
          const item = await lockInboundItem(tx, itemId, raw);
          if (!item) throw new Error(`inbound item ${itemId} does not exist`);
          if (item.status !== 'pending' && item.status !== 'failed')
            return { replay: await outcomeOfProcessed(tx, item), handled: null };
          const handler = handlers[item.channel];
          if (!handler) throw new Error(`no intake handler for channel ${item.channel}`);
          const sla = await loadSla(tx);
          const handled = await handler.handle({
            tx,
            sla,
            item,
            routing: routingOf(tx),
            createCase: async (input) =>
              (await createCase(tx, sla, input, { accessKeySecret: deps.accessKeySecret })).submitted,
          });
          await markInboundDecided(tx, itemId, {
            status: handled.kind === 'ignored' ? 'ignored' : 'processed',
            caseId: handled.kind === 'case' ? handled.caseId : null,
            note: handled.kind === 'ignored' ? handled.reason : handled.kind === 'recorded' ? handled.note : null,
          });
          return { replay: null, handled };
        }),
      );
      if (decided.replay) return decided.replay;
      if (!decided.handled) throw new Error('unreachable: neither replayed nor handled');
      if (decided.handled.kind === 'ignored')
        return { kind: 'ignored', reason: decided.handled.reason, replayed: false };
      if (decided.handled.kind === 'recorded') return { kind: 'recorded', note: decided.handled.note, replayed: false };
      return caseOutcome(em, decided.handled.caseId, decided.handled.created, false);
    } catch (error) {
      if (error instanceof AppError && SENDER_ERRORS.includes(error.code)) return reject(itemId, error, raw);
      if (isRefusedValue(error)) {
        logger.warn({ err: error, inboundItemId: itemId }, 'the database refused a value of an inbound item; refused');
        return reject(itemId, unstorableValue(), raw);
      }
      return fail(itemId, error, !fromRetryJob);
    }
  };

  const processBatch = async (
    itemIds: readonly number[],
    rawInHand: ReadonlyMap<number, Buffer> = new Map(),
    { attemptsCounted = false }: BatchOptions = {},
  ): Promise<IntakeOutcome[]> => {
    if (itemIds.length <= 1)
      return Promise.all(itemIds.map((id) => process(id, { raw: rawInHand.get(id), attemptCounted: attemptsCounted })));
    const em = orm.em.fork();
    let grouped: Map<number, IntakeOutcome>;
    let failedGroup = false;
    try {
      if (!attemptsCounted) await countInboundAttempts(em, itemIds);
      grouped = await withTrackingDays(em, () => em.transactional((tx) => createGroup(tx, itemIds, rawInHand)));
    } catch (error) {
      // The database refused the group (or a handler failed on our side): each item on its own,
      // where a sender's mistake is answered and a failure is kept for its retry job.
      logger.warn({ err: error, items: itemIds.length }, 'a group of inbound items failed; processing them one by one');
      grouped = new Map();
      failedGroup = true;
    }
    // What the group did not decide (replies, replays, a failed group) goes the single path, in
    // turn; an item the group only passed over was not attempted twice.
    const outcomes: IntakeOutcome[] = [];
    for (const id of itemIds)
      outcomes.push(grouped.get(id) ?? (await process(id, { attemptCounted: !failedGroup, raw: rawInHand.get(id) })));
    return outcomes;
  };

  /** One transaction: locks the group, reads each new submission, creates their cases together. */
  const createGroup = async (
    tx: EntityManager,
    itemIds: readonly number[],
    rawInHand: ReadonlyMap<number, Buffer>,
  ): Promise<Map<number, IntakeOutcome>> => {
    const items = await lockInboundItems(tx, itemIds, rawInHand);
    const sla = await loadSla(tx);
    const routing = routingOf(tx);
    const decided = new Map<number, IntakeOutcome>();
    const rejected: Array<{ item: InboundItemRow; error: AppError }> = [];
    const toCreate: Array<{ item: InboundItemRow; input: SubmissionInput }> = [];
    for (const item of items) {
      if (item.status !== 'pending' && item.status !== 'failed') continue;
      const handler = handlers[item.channel];
      if (!handler?.prepare) continue;
      try {
        const input = await handler.prepare({ tx, sla, item, routing });
        if (input) toCreate.push({ item, input });
      } catch (error) {
        if (!(error instanceof AppError && SENDER_ERRORS.includes(error.code))) throw error;
        rejected.push({ item, error });
      }
    }
    const created = await createCases(
      tx,
      sla,
      toCreate.map((c) => c.input),
      { accessKeySecret: deps.accessKeySecret },
    );
    const marks: Parameters<typeof markInboundItemsDecided>[1][number][] = [];
    for (const [index, creation] of created.entries()) {
      const { item } = toCreate[index]!;
      if (!creation.ok) {
        rejected.push({ item, error: creation.error });
        continue;
      }
      marks.push({ id: item.id, status: 'processed', caseId: creation.kase.id, note: null });
      decided.set(item.id, {
        kind: 'case',
        created: true,
        replayed: false,
        caseId: creation.kase.id,
        trackingCode: creation.submitted.trackingCode,
        accessKey: creation.submitted.accessKey,
        status: creation.kase.status,
        expectedAnswerAt: creation.kase.resolveDueAt ?? creation.kase.expectedAnswerAt ?? null,
      });
    }
    for (const { item, error } of rejected) {
      marks.push({ id: item.id, status: 'rejected', caseId: null, note: JSON.stringify(rejection(error)) });
      await tellSender(tx, item, error);
      decided.set(item.id, { kind: 'rejected', error, replayed: false });
    }
    await markInboundItemsDecided(tx, marks);
    return decided;
  };

  /**
   * The refusal is answered on the sender's channel when it can be (a reply to a mail address
   * that cannot take one cannot be queued): in a savepoint, so that a reply which fails leaves the
   * refusal itself standing.
   */
  const tellSender = async (tx: EntityManager, item: InboundItemRow, error: AppError): Promise<void> => {
    const onRejected = handlers[item.channel]?.onRejected;
    if (!onRejected) return;
    try {
      await tx.transactional((inner) => onRejected(inner, item, error));
    } catch (replyError) {
      logger.warn({ err: replyError, inboundItemId: item.id }, 'the refusal could not be sent back to the sender');
    }
  };

  const reject = async (itemId: number, error: AppError, raw?: Buffer): Promise<IntakeOutcome> => {
    await orm.em.fork().transactional(async (tx) => {
      const item = await lockInboundItem(tx, itemId, raw);
      if (!item) return;
      await markInboundRejected(tx, itemId, rejection(error));
      await tellSender(tx, item, error);
    });
    return { kind: 'rejected', error, replayed: false };
  };

  const fail = async (itemId: number, error: unknown, queueRetry: boolean): Promise<IntakeOutcome> => {
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ err: error, inboundItemId: itemId }, 'inbound item could not be processed; kept for retry');
    try {
      const em = orm.em.fork();
      await markInboundFailed(em, itemId, message);
      if (queueRetry) await addJobs(em, [retryJob(itemId, new Date(Date.now() + FIRST_RETRY_MS))]);
    } catch (markError) {
      // The database itself is away: the item stays `pending`, and requeueUnprocessed finds it.
      logger.error({ err: markError, inboundItemId: itemId }, 'could not mark the inbound item failed');
    }
    return { kind: 'failed', error: message };
  };

  return {
    process,
    processBatch,
    async requeueUnprocessed({ limit = 500, olderThanMs = 0 } = {}) {
      const em = orm.em.fork();
      for (const id of await quarantineUnfinishedItems(em, QUARANTINE_AFTER_UNFINISHED))
        logger.error({ inboundItemId: id }, 'inbound item quarantined: earlier attempts never finished');
      const ids = await findInboundItemsToRequeue(em, {
        unfinished: QUARANTINE_AFTER_UNFINISHED,
        attempts: MAX_ATTEMPTS.inbound,
        olderThan: new Date(Date.now() - olderThanMs),
        limit,
      });
      await addJobs(
        em,
        ids.map((id) => retryJob(id)),
      );
      return ids.length;
    },
  };
}

/**
 * The database refused one of the item's values (see isRefusedValue): every retry would fail the
 * same way, so the sender is told, and the item is kept as refused with the database's reason.
 */
function unstorableValue(): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    'Part of this submission cannot be stored: a value is too long or holds a character that is not allowed. Shorten or retype it and send it again.',
  );
}

/** What a rejected item keeps of its error: what the sender was told, for a replay. */
function rejection(error: AppError): { code: string; message: string; details?: Record<string, unknown> } {
  return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
}

/** The first retry of an item that failed on our side; graphile-worker's backoff takes it from there. */
const FIRST_RETRY_MS = 5_000;

/** One job per item, keyed by it: requeueing an item that already waits changes nothing. */
function retryJob(itemId: number, runAt?: Date) {
  return {
    task: TASKS.inbound,
    payload: { itemId },
    jobKey: `inbound:${itemId}`,
    maxAttempts: MAX_ATTEMPTS.inbound,
    runAt: runAt ?? null,
  };
}
