import { type MikroORM, type NewInboundItem, storeInboundItems } from '@caunoi/db';
import type { IntakeOutcome, IntakeProcessor } from './intake-processor';
import type { Logger } from '../support/logger';
import { AppError } from '../http/app-error';
import type { BusySignal } from '../support/busy-signal';

/** How every channel hands an item over (DESIGN.md §4). */
export interface IntakeReceiver {
  /**
   * Stores the item raw (committed before anything can fail) and starts its processing; resolves
   * once it is stored, so a channel that must answer within a deadline (Zalo's 2 s) can answer
   * before processing ends. Rejects only if the item could not be stored: then nothing was taken.
   */
  receive(item: NewInboundItem): Promise<{ itemId: number; outcome: Promise<IntakeOutcome> }>;
  /** Resolves when every item handed over so far is stored and processed (the server's stop). */
  drain(): Promise<void>;
}

export interface GroupCommitOptions {
  /** Groups being stored and processed at once (each on one pooled connection at a time). */
  lanes?: number;
  /** The most items in one group. */
  maxItems?: number;
  /** The most raw bytes in one group (a group's items travel to the database in one statement). */
  maxBytes?: number;
  /**
   * The fewest waiting items for which a second lane opens while one is busy. Measured by
   * bench:intake at 50 clients: 8 → 232 req/s, 16 → 318, 25 → 302; one lane only: 170.
   */
  minExtraGroup?: number;
}

interface Waiting {
  item: NewInboundItem;
  stored: (value: { itemId: number; outcome: Promise<IntakeOutcome> }) => void;
  notStored: (error: unknown) => void;
}

/**
 * Group commit for intake: items that arrive while the lanes are busy wait and then go together,
 * in one statement that stores them raw and one transaction that creates their cases (PostgreSQL
 * does the same with the WAL flushes of concurrent commits). A lone item goes at once, so waiting
 * grows only with load; each sender is answered after the commit that holds their case, and an
 * item the group cannot take is processed on its own. No lane holds a connection while it waits
 * for another: each step is one statement or one transaction.
 */
export function createGroupCommitIntake(
  deps: {
    orm: MikroORM;
    processor: IntakeProcessor;
    logger: Logger;
    /** Marked while a group is stored and processed: background jobs stand back meanwhile. */
    busy?: BusySignal;
  },
  { lanes = 2, maxItems = 100, maxBytes = 4 * 1024 * 1024, minExtraGroup = 16 }: GroupCommitOptions = {},
): IntakeReceiver {
  const queue: Waiting[] = [];
  let running = 0;

  const takeGroup = (): Waiting[] => {
    const group: Waiting[] = [queue.shift()!];
    let bytes = group[0]!.item.raw.length;
    while (queue.length && group.length < maxItems && bytes + queue[0]!.item.raw.length <= maxBytes) {
      bytes += queue[0]!.item.raw.length;
      group.push(queue.shift()!);
    }
    return group;
  };

  const pump = (): void => {
    // An idle receiver sends a lone item at once; while a group is under way, another lane opens
    // only for a group worth a transaction (single items behind a busy lane wait for it instead,
    // and go with the next group: one commit for many rather than one each).
    while (running < lanes && queue.length && (running === 0 || queue.length >= minExtraGroup)) {
      const group = takeGroup();
      running += 1;
      const ended = deps.busy?.enter();
      void storeAndProcess(group).finally(() => {
        ended?.();
        running -= 1;
        pump();
      });
    }
  };

  const storeAndProcess = async (group: Waiting[]): Promise<void> => {
    let stored: Awaited<ReturnType<typeof storeInboundItems>>;
    try {
      // Each new item's first attempt is counted as it is stored: it is processed right after
      // this commit, and one commit fewer per group is what a submission waits for.
      stored = await storeInboundItems(
        deps.orm.em.fork(),
        group.map((w) => w.item),
        { attemptStarted: true },
      );
    } catch (error) {
      // Nothing of this group was stored, so nothing was taken: each sender is told to send again.
      for (const w of group) w.notStored(error);
      return;
    }
    const fresh: number[] = [];
    // A first delivery's bytes are the ones just stored: processing takes them from here, not the database.
    const rawInHand = new Map<number, Buffer>();
    const resent: number[] = [];
    const outcomes = new Map<number, (outcome: IntakeOutcome) => void>();
    const outcomeOf = new Map<number, Promise<IntakeOutcome>>();
    for (const [index, w] of group.entries()) {
      const s = stored[index]!;
      if (s.kind === 'keyReused') {
        w.notStored(keyReusedError());
        continue;
      }
      let outcome = outcomeOf.get(s.id);
      if (!outcome) {
        outcome = new Promise<IntakeOutcome>((resolve) => outcomes.set(s.id, resolve));
        outcomeOf.set(s.id, outcome);
        if (s.duplicate) resent.push(s.id);
        else {
          fresh.push(s.id);
          rawInHand.set(s.id, w.item.raw);
        }
      }
      w.stored({ itemId: s.id, outcome });
    }
    const answer = (id: number, outcome: IntakeOutcome) => outcomes.get(id)?.(outcome);
    try {
      const decided = await deps.processor.processBatch(fresh, rawInHand, { attemptsCounted: true });
      for (const [index, id] of fresh.entries()) answer(id, decided[index]!);
      // A resend is answered with what its first copy became (process replays it).
      for (const id of resent) answer(id, await deps.processor.process(id));
    } catch (error) {
      // processBatch keeps its own failures; this is a bug, and the items stay for the retry sweep.
      deps.logger.error({ err: error }, 'a group of inbound items could not be processed');
      for (const id of [...fresh, ...resent]) answer(id, { kind: 'failed', error: String(error) });
    }
  };

  return {
    receive(item) {
      const handed = new Promise<{ itemId: number; outcome: Promise<IntakeOutcome> }>((stored, notStored) =>
        queue.push({ item, stored, notStored }),
      );
      pump();
      return handed;
    },
    async drain() {
      // A group is running until its items are stored and processed (storeAndProcess awaits both).
      while (queue.length || running) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}

/** The same Idempotency-Key with another body: the sender's to fix (a 422 naming the key). */
function keyReusedError(): AppError {
  return new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different submission', {
    fields: [
      {
        field: 'Idempotency-Key',
        message: 'use a new key for a new submission; resend exactly the same body to get the first answer again',
      },
    ],
  });
}
