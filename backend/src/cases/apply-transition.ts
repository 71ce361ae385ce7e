import { LockMode } from '@mikro-orm/core';
import { Case, CaseMessage, type EntityManager, OrgUnit, User, findCaseIdInScope } from '@caunoi/db';
import { type CaseEvent as MachineCaseEvent, applyClockEffects, caseScopeFor, nextDueAt, transitionCase } from '@caunoi/workflows';
import { appendCaseEvent } from '../audit/append-case-event';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { writeOutbox } from '../outbox/write-outbox';
import type { SlaContext } from '../sla/sla-context';
import type { TTransitionRequest } from './case.schemas';
import { transitionContextFor } from './transition-context';

export interface TransitionOutcome {
  caseId: number;
  version: number;
  status: string;
  outboxRows: number;
}

/**
 * An officer's transition, in one transaction (invariant 3): lock the case row, check the version,
 * ask the machine, then write status, snapshot, deadlines, one audit event and the outbox rows
 * together. Refusals throw before anything is written.
 */
export async function applyTransition(
  em: EntityManager,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  principal: Principal,
  caseId: number,
  request: TTransitionRequest,
  now: Date = new Date(),
): Promise<TransitionOutcome> {
  return em.transactional(async (tx) => {
    const id = await findCaseIdInScope(tx, caseScopeFor(principal), caseId);
    if (!id) throw new AppError('NOT_FOUND', `No case ${caseId} in your jurisdiction`);
    // The row lock serialises concurrent transitions on one case: the second sees the new version.
    const kase = await tx.findOneOrFail(Case, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    await tx.populate(kase, ['owningUnit', 'citizen']);
    if (kase.version !== request.version) {
      throw new AppError('CONFLICT', 'Someone else changed this case since you opened it; reload it and try again', {
        reason: 'staleVersion',
        currentVersion: kase.version,
      });
    }
    const sla = await loadSla(tx);
    const { version: _version, ...fields } = request;
    const event = fields as MachineCaseEvent;
    const targetUnit = await validateReferences(tx, kase, request);

    const result = transitionCase(kase.machineSnapshot as never, event, transitionContextFor(principal, kase, sla));
    if (!result.ok) {
      throw new AppError('CONFLICT', result.message, { reason: result.reason, ...(result.guard ? { guard: result.guard } : {}), status: result.status });
    }

    const previousOwningUnitPath = kase.owningUnit.path;
    const fromStatus = kase.status;
    kase.status = result.status;
    kase.machineSnapshot = result.snapshot;
    if (targetUnit && result.context.owningUnitCode === targetUnit.code) kase.owningUnit = targetUnit;
    kase.assignee = result.context.assigneeId ? tx.getReference(User, result.context.assigneeId) : null;
    if (result.context.escalationLevel !== kase.escalationLevel) kase.escalatedAt = now;
    kase.escalationLevel = result.context.escalationLevel;
    kase.transferCount = result.context.transferCount;
    kase.reopenCount = result.context.reopenCount;
    kase.extensionCount = result.context.extensionCount;
    if (request.type === 'accept') kase.acceptedAt = now;
    if (request.type === 'respond') kase.resolvedAt = now;
    if (result.status === 'closed' || result.status === 'rejected' || result.status === 'merged') kase.closedAt = now;
    if (request.type === 'merge') {
      kase.duplicateOf = tx.getReference(Case, request.intoCaseId);
      await tx.execute('update case_file set support_count = support_count + 1 where id = ?', [request.intoCaseId]);
    }

    const receivedOn = sla.calendar.localDate(kase.receivedAt);
    const clocks = applyClockEffects(
      {
        acknowledgeDueAt: kase.acknowledgeDueAt ?? null,
        transferDueAt: kase.transferDueAt ?? null,
        acceptDueAt: kase.acceptDueAt ?? null,
        resolveDueAt: kase.resolveDueAt ?? null,
        citizenReplyDueAt: kase.citizenReplyDueAt ?? null,
        autoCloseDueAt: kase.autoCloseDueAt ?? null,
        pausedAt: kase.pausedAt ?? null,
        pausedSeconds: kase.pausedSeconds,
      },
      result.effects,
      now,
      sla.calendar,
      sla.periodsFor(kase.legalTrack, receivedOn, kase.owningUnit.isRemoteArea),
    );
    Object.assign(kase, clocks);
    kase.nextDueAt = nextDueAt(result.status, clocks);

    const message = outgoingMessage(request);
    if (message) tx.persist(tx.create(CaseMessage, { case: kase, direction: 'outbound', channel: kase.channel, subject: message.subject, body: message.body, deliveryStatus: 'queued', author: tx.getReference(User, principal.userId), createdAt: now }));

    const audit = await appendCaseEvent(tx, kase, {
      type: result.auditType,
      actorType: 'officer',
      actor: `officer:${principal.userId}`,
      actorUser: tx.getReference(User, principal.userId),
      fromStatus,
      toStatus: result.status === fromStatus ? null : result.status,
      reason: 'reason' in request ? (request.reason ?? null) : null,
      payload: auditPayload(request, previousOwningUnitPath !== kase.owningUnit.path ? { fromUnitCode: previousOwningUnitPath.split('/').filter(Boolean).at(-1) } : {}),
      at: now,
    });
    const outbox = writeOutbox(tx, result.effects, { kase, eventSeq: audit.seq, previousOwningUnitPath, now });
    await tx.flush();
    return { caseId: kase.id, version: kase.version, status: kase.status, outboxRows: outbox.length };
  });
}

/** Checks that the units, cases and officers an event names exist, as 400s naming the field. */
async function validateReferences(tx: EntityManager, kase: Case, request: TTransitionRequest): Promise<OrgUnit | null> {
  const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `Invalid ${field}`, { fields: [{ field, message }] });
  if (request.type === 'route' || request.type === 'transfer') {
    const unit = await tx.findOne(OrgUnit, { code: request.unitCode, validTo: null });
    if (!unit) throw invalid('unitCode', `no current unit has the code ${request.unitCode}`);
    return unit;
  }
  if (request.type === 'merge') {
    if (request.intoCaseId === kase.id) throw invalid('intoCaseId', 'a case cannot be merged into itself');
    const master = await tx.findOne(Case, request.intoCaseId, { fields: ['id', 'status'] });
    if (!master) throw invalid('intoCaseId', `no case ${request.intoCaseId}`);
    if (['closed', 'rejected', 'merged'].includes(master.status)) throw invalid('intoCaseId', `case ${request.intoCaseId} is ${master.status}; merge into an open case`);
  }
  if (request.type === 'assign') {
    const officer = await tx.findOne(User, { id: request.officerId, active: true }, { populate: ['unit'] });
    if (!officer || !kase.owningUnit.path.startsWith(officer.unit.path)) throw invalid('officerId', `officer ${request.officerId} does not work for the owning unit`);
  }
  return null;
}

function outgoingMessage(request: TTransitionRequest): { subject: string; body: string } | null {
  switch (request.type) {
    case 'requestInfo':
      return { subject: 'Đề nghị bổ sung thông tin', body: request.question };
    case 'respond':
      return { subject: 'Kết quả giải quyết', body: request.answer };
    case 'reject':
      return { subject: 'Không tiếp nhận', body: request.reason };
    default:
      return null;
  }
}

/** The event's payload for the audit trail: what was decided, never the version or contact data. */
function auditPayload(request: TTransitionRequest, extra: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, version: _version, reason: _reason, ...rest } = request as TTransitionRequest & { reason?: string };
  return { ...rest, ...extra };
}
