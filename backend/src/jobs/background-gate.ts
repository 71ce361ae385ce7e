import type { BusySignal } from '../support/busy-signal';

export interface BackgroundGate {
  /** Runs background work now when the foreground is quiet; while it is busy, in turn and paced. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Background jobs stand back while intake is busy, as PostgreSQL's autovacuum does behind its
 * cost delay: one at a time, each after a pause of `pauseMs`, so that a burst of submissions is
 * answered first and its notices and analysis follow (they wait in the queue, committed, and
 * catch up when the burst is over). Progress never stops: under a load that does not end, the
 * background work still runs, at one job per pause. A quiet foreground runs jobs at the
 * runner's full concurrency. The wait holds no connection: it is before the job's first query.
 */
export function createBackgroundGate(foreground: BusySignal, pauseMs: number): BackgroundGate {
  let turn: Promise<unknown> = Promise.resolve();
  return {
    run(work) {
      if (pauseMs <= 0 || !foreground.busy()) return work();
      const mine = turn.then(async () => {
        if (foreground.busy()) await new Promise((resolve) => setTimeout(resolve, pauseMs));
        return work();
      });
      // The next job waits for this one to end, whether it succeeded or not.
      turn = mine.catch(() => {});
      return mine;
    },
  };
}
