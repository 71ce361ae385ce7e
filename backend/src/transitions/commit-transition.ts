import { Case, CaseMessage, type EntityManager, type OrgUnit, User, countSupporter } from '@caunoi/db';
import {
  type ActorType,
  type Channel,
  type CaseEvent as MachineCaseEvent,
  type TransitionAccepted,
  auditPayloadFor,
  recordTransition,
} from '@caunoi/workflows';
import { appendCaseEvent } from './append-case-event';
import { clocksOf } from './clocks-of';
import { queueEffects } from './queue-effects';
import type { SlaContext } from './sla-context';

export interface TransitionActorRecord {
  actorType: ActorType;
  /** `officer:12`, `citizen`, `system:sweeper` */
  actor: string;
  userId: number | null;
}

export interface CommittedTransition {
  caseId: number;
  trackingCode: string;
  version: number;
  status: string;
  owningUnitCode: string;
  /** Jobs queued for after the commit (live updates, notices). */
  queuedJobs: number;
  /** The message the transition added to the conversation, if any (a question, an answer, a reply). */
  message: CaseMessage | null;
}

/** Where a citizen's message came from, when a channel delivered it (threading, attachments). */
export interface ConversationOrigin {
  channel: Channel;
  externalId: string | null;
  /** The subject the citizen wrote (an email's), kept on their message. */
  subject?: string | null;
}

/**
 * Writes an accepted transition onto a locked case (invariant 3): status, snapshot, owning unit,
 * assignee, counters, timestamps, deadlines, the conversation entry, one audit event and the
 * jobs its effects ask for, then flushes. Only `changeCase` calls it.
 */
export async function commitTransition(
  tx: EntityManager,
  sla: SlaContext,
  kase: Case,
  event: MachineCaseEvent,
  result: TransitionAccepted,
  actor: TransitionActorRecord,
  targetUnit: OrgUnit | null,
  now: Date,
  /** Extra facts for the audit payload (e.g. a transfer sent above both sides). */
  auditExtra: Record<string, unknown> = {},
  origin: ConversationOrigin | null = null,
): Promise<CommittedTransition> {
  const previousOwningUnitPath = kase.owningUnit.path;
  // A case being submitted is not in the database yet: it has no state to come from.
  const isNew = kase.id === undefined;
  const fromStatus = isNew ? null : kase.status;
  const actorUser = actor.userId ? tx.getReference(User, actor.userId) : null;
  // The periods are those of the unit that owns the case after the change (a remote commune's are longer).
  const owningUnit = targetUnit && result.context.owningUnitCode === targetUnit.code ? targetUnit : kase.owningUnit;
  const periods = sla.periodsFor(
    kase.legalTrack,
    sla.calendar.localDate(kase.receivedAt),
    owningUnit.isRemoteArea,
    kase.category?.id ?? null,
  );
  // What the transition writes is workflows' recordTransition; this function only persists it.
  const recorded = recordTransition(
    {
      status: fromStatus,
      escalationLevel: kase.escalationLevel ?? 0,
      escalatedAt: kase.escalatedAt ?? null,
      clocks: clocksOf(kase),
    },
    event,
    result,
    now,
    { calendar: sla.calendar, periods, policy: sla.policy },
  );
  kase.status = recorded.status;
  kase.machineSnapshot = recorded.snapshot;
  kase.owningUnit = owningUnit;
  kase.assignee = recorded.context.assigneeId ? tx.getReference(User, recorded.context.assigneeId) : null;
  Object.assign(kase, recorded.columns, recorded.clocks);
  kase.escalationLevel = recorded.escalationLevel;
  kase.transferCount = recorded.context.transferCount;
  kase.reopenCount = recorded.context.reopenCount;
  kase.extensionCount = recorded.context.extensionCount;
  kase.nextDueAt = recorded.nextDueAt;
  if (recorded.expectedAnswerAt !== undefined) kase.expectedAnswerAt = recorded.expectedAnswerAt;
  if (recorded.pause) auditExtra = { ...auditExtra, pause: recorded.pause };
  if (event.type === 'merge') {
    kase.duplicateOf = tx.getReference(Case, event.intoCaseId);
    await countSupporter(tx, event.intoCaseId);
  }

  const said = recorded.entry;
  const message = said
    ? tx.create(CaseMessage, {
        case: kase,
        direction: said.direction,
        channel: origin?.channel ?? kase.channel,
        subject: origin?.subject ?? said.subject,
        body: said.body,
        externalId: origin?.externalId ?? null,
        deliveryStatus: said.direction === 'outbound' ? 'queued' : 'received',
        author: actorUser,
        createdAt: now,
      })
    : null;
  if (message) tx.persist(message);
  if (isNew) await tx.flush(); // one insert with the state the machine gave it; the audit hash needs the id

  const audit = await appendCaseEvent(tx, kase, {
    type: result.auditType,
    actorType: actor.actorType,
    actor: actor.actor,
    actorUser,
    fromStatus,
    toStatus: result.status === fromStatus ? null : result.status,
    reason: 'reason' in event ? (event.reason ?? null) : null,
    payload: auditPayloadFor(event, {
      ...(previousOwningUnitPath !== kase.owningUnit.path
        ? { fromUnitCode: previousOwningUnitPath.split('/').filter(Boolean).at(-1) }
        : {}),
      ...auditExtra,
    }),
    at: now,
  });
  if (message?.direction === 'outbound') await tx.flush(); // the notice's job names the message it delivers
  const queuedJobs = await queueEffects(tx, result.effects, {
    kase,
    eventSeq: audit.seq,
    previousOwningUnitPath,
    outboundMessageId: message?.direction === 'outbound' ? message.id : null,
  });
  await tx.flush();
  return {
    caseId: kase.id,
    trackingCode: kase.trackingCode,
    version: kase.version,
    status: kase.status,
    owningUnitCode: kase.owningUnit.code,
    queuedJobs,
    message,
  };
}
