import {
  Case,
  type CaseStateRow,
  type ChangeableCase,
  type Category,
  type EntityManager,
  type OrgUnit,
  User,
  countSupporter,
  insertCaseMessages,
  insertNewCases,
  settleDraftAnswer,
  writeTransitions,
} from '@caunoi/db';
import {
  type ActorType,
  type Channel,
  type CaseEvent as MachineCaseEvent,
  type TransitionAccepted,
  auditPayloadFor,
  recordTransition,
} from '@caunoi/workflows';
import { chainCaseEvents } from './append-case-event';
import { clocksOf } from './clocks-of';
import { groupBroadcasts, messageJob } from './delivery-jobs';
import { type NewCase, awaitsInsert } from './new-case';
import { messagesFor } from './queue-effects';
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
  message: { id: number; direction: 'inbound' | 'outbound' } | null;
}

/** Where a citizen's message came from, when a channel delivered it (threading, attachments). */
export interface ConversationOrigin {
  channel: Channel;
  externalId: string | null;
  /** The subject the citizen wrote (an email's), kept on their message. */
  subject?: string | null;
}

/** One accepted transition, ready to write onto its (locked) case. */
export interface TransitionToCommit {
  /** The entity, or a plain record (a sweeper batch's). */
  kase: ChangeableCase;
  event: MachineCaseEvent;
  result: TransitionAccepted;
  actor: TransitionActorRecord;
  targetUnit: OrgUnit | null;
  /** The category this change sets (and with it the legal track), or null to keep the case's. */
  targetCategory?: Category | null;
  now: Date;
  /** Extra facts for the audit payload (e.g. a transfer sent above both sides). */
  auditExtra?: Record<string, unknown>;
  origin?: ConversationOrigin | null;
}

/**
 * Writes accepted transitions onto their locked cases (invariant 3): status, snapshot, owning
 * unit, assignee, counters, timestamps, deadlines, the conversation entry, one audit event each and
 * the jobs their effects ask for. Only `changeCase`/`changeCases` call it. It works on a set: one
 * case (an officer's action) or a sweeper's whole batch costs the same few statements — one insert
 * of the conversation entries (if any: their jobs name them), then one statement that updates the
 * cases, appends the events and adds the jobs (and, for cases being submitted, one insert of them
 * first; for cases not locked with their audit tail, one read of the chains' last links).
 */
export async function commitTransitions(
  tx: EntityManager,
  sla: SlaContext,
  items: readonly TransitionToCommit[],
): Promise<CommittedTransition[]> {
  if (items.length === 0) return [];
  const written = items.map((item) => writeOntoCase(tx, sla, item));
  // A case being submitted is not in the database yet: one insert with the state the machine gave it (the audit hash needs the id).
  await insertSubmittedCases(
    tx,
    written.map((w) => w.item),
  );
  const stored = written.filter((w) => w.fromStatus !== null).map((w) => w.item);
  for (const w of written) if (w.item.event.type === 'merge') await countSupporter(tx, w.item.event.intoCaseId);

  const events = await chainCaseEvents(
    tx,
    written.map(({ item, fromStatus, previousOwningUnitPath, auditExtra }) => ({
      kase: item.kase,
      isNew: fromStatus === null,
      event: {
        type: item.result.auditType,
        actorType: item.actor.actorType,
        actor: item.actor.actor,
        actorUserId: item.actor.userId,
        fromStatus,
        toStatus: item.result.status === fromStatus ? null : item.result.status,
        reason: 'reason' in item.event ? (item.event.reason ?? null) : null,
        payload: auditPayloadFor(item.event, {
          ...(previousOwningUnitPath !== item.kase.owningUnit.path
            ? { fromUnitCode: previousOwningUnitPath.split('/').filter(Boolean).at(-1) }
            : {}),
          ...auditExtra,
        }),
        at: item.now,
      },
    })),
  );
  const saying = written.filter((w) => w.entry);
  const messageIds = await insertCaseMessages(
    tx,
    saying.map(({ item, entry }) => ({
      case_id: item.kase.id,
      direction: entry!.direction,
      channel: item.origin?.channel ?? item.kase.channel,
      subject: item.origin?.subject ?? entry!.subject,
      body: entry!.body,
      external_id: item.origin?.externalId ?? null,
      // A drafted answer waits for the head: stored, never delivered until approved.
      delivery_status:
        entry!.direction === 'inbound' ? 'received' : item.result.status === 'awaitingApproval' ? 'draft' : 'queued',
      author_id: item.actor.userId,
      created_at: item.now,
    })),
  );
  const messages = new Map(saying.map((w, i) => [w, { id: messageIds[i]!, direction: w.entry!.direction }]));
  // The head's decision on a draft: approved, it is the answer the citizen's notice carries.
  for (const w of written) {
    const decision = w.item.event.type;
    if (decision !== 'approveAnswer' && decision !== 'returnAnswer') continue;
    const draftId = await settleDraftAnswer(tx, w.item.kase.id, decision === 'approveAnswer' ? 'queued' : 'returned');
    if (draftId !== null && decision === 'approveAnswer') messages.set(w, { id: draftId, direction: 'outbound' });
  }
  // The notices' jobs name the messages they deliver.
  const perCase = written.map((w, i) =>
    messagesFor(w.item.result.effects, {
      kase: w.item.kase,
      eventSeq: events[i]!.seq,
      previousOwningUnitPath: w.previousOwningUnitPath,
      outboundMessageId: messages.get(w)?.direction === 'outbound' ? messages.get(w)!.id : null,
    }),
  );
  // The case rows, their events and their jobs: one statement.
  await writeTransitions(tx, {
    states: stored.map(({ kase, now }) => caseStateRow(kase, now)),
    events,
    jobs: groupBroadcasts(perCase.flat()).map((m) => messageJob(m)),
  });
  for (const [i, { item, fromStatus }] of written.entries()) {
    // A case created here reads its chain again if changed again in this transaction.
    const { kase, now } = item;
    if (fromStatus === null) continue;
    // The row now holds what the case in memory holds (its caller answers with the new version).
    kase.auditTail = `${events[i]!.seq}:${events[i]!.hash}`;
    kase.version += 1;
    kase.updatedAt = now;
    // An entity's unit of work is told so, so that it is not written twice; a plain record has none.
    if (kase instanceof Case) tx.merge(kase, { refresh: true });
  }
  return written.map((w, i) => ({
    caseId: w.item.kase.id,
    trackingCode: w.item.kase.trackingCode,
    version: w.item.kase.version,
    status: w.item.kase.status,
    owningUnitCode: w.item.kase.owningUnit.code,
    queuedJobs: perCase[i]!.length,
    message: messages.get(w) ?? null,
  }));
}

/** Inserts the cases being submitted with the state their `submit` gave them, and gives each its id. */
async function insertSubmittedCases(tx: EntityManager, items: readonly TransitionToCommit[]): Promise<void> {
  // Stamped when written, as the ORM stamped entities (a mail read late was still received earlier).
  const at = new Date();
  const fresh = items.flatMap(({ kase }) => (awaitsInsert(kase) ? [kase] : []));
  const ids = await insertNewCases(
    tx,
    fresh.map((kase) => {
      const { id: _none, version: _first, ...state } = caseStateRow(kase, at);
      return { ...kase.submission, ...state };
    }),
  );
  for (const [i, kase] of fresh.entries()) {
    kase.id = ids[i]!;
    kase.version = 1;
    kase.updatedAt = at;
    (kase as NewCase).submission = null;
  }
}

/** The transition-owned columns of a case as it holds them after `writeOntoCase`. */
function caseStateRow(kase: ChangeableCase, now: Date): CaseStateRow {
  const idOf = (ref: { id: number } | null | undefined) => ref?.id ?? null;
  return {
    id: kase.id,
    version: kase.version,
    status: kase.status,
    machine_snapshot: kase.machineSnapshot ?? null,
    owning_unit_id: kase.owningUnit.id,
    category_id: idOf(kase.category),
    legal_track: kase.legalTrack,
    assignee_id: idOf(kase.assignee),
    duplicate_of_id: idOf(kase.duplicateOf),
    acknowledge_due_at: kase.acknowledgeDueAt ?? null,
    transfer_due_at: kase.transferDueAt ?? null,
    accept_due_at: kase.acceptDueAt ?? null,
    resolve_due_at: kase.resolveDueAt ?? null,
    citizen_reply_due_at: kase.citizenReplyDueAt ?? null,
    auto_close_due_at: kase.autoCloseDueAt ?? null,
    expected_answer_at: kase.expectedAnswerAt ?? null,
    next_due_at: kase.nextDueAt ?? null,
    warn_at: kase.warnAt ?? null,
    paused_at: kase.pausedAt ?? null,
    paused_seconds: kase.pausedSeconds ?? 0,
    extension_count: kase.extensionCount ?? 0,
    escalation_level: kase.escalationLevel ?? 0,
    escalated_at: kase.escalatedAt ?? null,
    transfer_count: kase.transferCount ?? 0,
    reopen_count: kase.reopenCount ?? 0,
    satisfaction: kase.satisfaction ?? null,
    publication_consent: kase.publicationConsent ?? false,
    accepted_at: kase.acceptedAt ?? null,
    resolved_at: kase.resolvedAt ?? null,
    closed_at: kase.closedAt ?? null,
    updated_at: now,
  };
}

/** Writes one accepted transition onto the case in memory (no statement is sent). */
function writeOntoCase(tx: EntityManager, sla: SlaContext, item: TransitionToCommit) {
  const { kase, event, result, targetUnit, now } = item;
  let auditExtra = item.auditExtra ?? {};
  if (item.targetCategory && item.targetCategory.id !== kase.category?.id) {
    // Before the periods are read: the deadlines that start now are the new category's.
    auditExtra = { ...auditExtra, previousCategoryCode: kase.category?.code ?? null };
    kase.category = item.targetCategory;
    kase.legalTrack = item.targetCategory.legalTrack;
  }
  const previousOwningUnitPath = kase.owningUnit.path;
  const fromStatus = awaitsInsert(kase) ? null : kase.status;
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
  if (event.type === 'merge') kase.duplicateOf = tx.getReference(Case, event.intoCaseId);

  return { item, fromStatus, previousOwningUnitPath, auditExtra, entry: recorded.entry };
}
