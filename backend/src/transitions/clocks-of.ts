import type { ChangeableCase } from '@caunoi/db';
import type { CaseClocks } from '@caunoi/workflows';

/** The deadline columns of a case as the workflows' clock functions take them. */
export function clocksOf(kase: ChangeableCase): CaseClocks {
  return {
    acknowledgeDueAt: kase.acknowledgeDueAt ?? null,
    transferDueAt: kase.transferDueAt ?? null,
    acceptDueAt: kase.acceptDueAt ?? null,
    resolveDueAt: kase.resolveDueAt ?? null,
    citizenReplyDueAt: kase.citizenReplyDueAt ?? null,
    autoCloseDueAt: kase.autoCloseDueAt ?? null,
    warnAt: kase.warnAt ?? null,
    pausedAt: kase.pausedAt ?? null,
    pausedSeconds: kase.pausedSeconds ?? 0,
  };
}
