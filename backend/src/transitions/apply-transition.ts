import {
  Case,
  Category,
  type EntityManager,
  OrgUnit,
  User,
  findCaseIdInScope,
  findUnsentAttachmentIds,
  linkAttachmentsToMessage,
} from '@caunoi/db';
import { type RoutingReference, unitForCaseCategory } from '../routing/route-submission';
import {
  type CaseEvent as MachineCaseEvent,
  FINAL_CASE_STATUSES,
  caseScopeFor,
  transferDestination,
} from '@caunoi/workflows';
import {
  type CommittedTransition,
  type TransitionActorRecord,
  assertVersion,
  changeCase,
  changeCases,
  lockCase,
} from './change-case';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';
import type { SlaContext } from './sla-context';
import type { TTransitionRequest } from '@caunoi/contract';
import { transitionContextFor } from './transition-context';

export type TransitionOutcome = CommittedTransition;

/**
 * An officer's transition, in one transaction: the case must be in the officer's jurisdiction and
 * the units, cases and officers it names must exist; then the one path (`changeCase`) checks the
 * version, asks the machine and writes. Refusals throw before anything is written.
 */
export async function applyTransition(
  em: EntityManager,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  principal: Principal,
  caseId: number,
  request: TTransitionRequest,
  now: Date = new Date(),
  /** How a category routes (for categorise in triage); without it a category never routes. */
  loadRouting?: (em: EntityManager) => Promise<RoutingReference>,
): Promise<TransitionOutcome> {
  return em.transactional(async (tx) => {
    // The row lock serialises concurrent transitions on one case: the second sees the new version.
    // Out of the officer's jurisdiction, the case is not found (the scope is in the locking statement).
    // A link locks both cases, the lower id first, as every transaction that locks two does.
    const linked = request.type === 'linkRelated' && request.relatedCaseId !== caseId ? request.relatedCaseId : null;
    const early = linked !== null && linked < caseId ? await lockRelated(tx, principal, linked) : null;
    const kase = await lockCase(tx, caseId, caseScopeFor(principal));
    // A stale version is answered before the references are checked: the officer must reload first.
    assertVersion(kase, request.version);
    const sla = await loadSla(tx);
    const { version: _version, ...fields } = request;
    let event = fields as MachineCaseEvent;
    let targetUnit = await validateReferences(tx, kase, request, principal);
    if (request.type === 'refuseTransfer') {
      // A refusal goes back to the unit that sent the case, as the machine remembers it.
      const previous = kase.machineSnapshot?.context.previousUnitCode;
      targetUnit = previous ? await tx.findOne(OrgUnit, { code: previous }) : null;
    }
    let targetCategory: Category | null = null;
    if (request.type === 'categorise') {
      targetCategory = await tx.findOne(Category, { code: request.categoryCode, active: true });
      if (!targetCategory)
        throw new AppError('VALIDATION_FAILED', 'Invalid categoryCode', {
          fields: [{ field: 'categoryCode', message: `no active category has the code ${request.categoryCode}` }],
        });
      // In triage the category also routes the case, as it routes for the case's place (one click).
      if (kase.status === 'triage' && loadRouting) {
        targetUnit = await unitForCaseCategory(tx, kase, targetCategory.code, await loadRouting(tx));
        if (targetUnit) event = { type: 'categorise', categoryCode: targetCategory.code, unitCode: targetUnit.code };
      }
    }
    let bounced: Record<string, unknown> = {};
    if ((request.type === 'transfer' || request.type === 'refuseTransfer') && targetUnit) {
      // The third transfer of a case goes above both sides instead (workflows: transfer-limit).
      const destination = transferDestination(kase.owningUnit.path, targetUnit.path, kase.transferCount);
      if (destination.escalated) {
        bounced = { requestedUnitCode: targetUnit.code, escalatedTo: destination.unitCode };
        targetUnit = await tx.findOneOrFail(OrgUnit, { code: destination.unitCode });
        event = { type: 'transfer', unitCode: destination.unitCode, reason: request.reason };
      }
    }

    if (request.type === 'linkRelated') {
      const other = early ?? (linked !== null ? await lockRelated(tx, principal, linked) : null);
      if (!other)
        throw new AppError('VALIDATION_FAILED', 'Invalid relatedCaseId', {
          fields: [{ field: 'relatedCaseId', message: 'a case cannot be related to itself' }],
        });
      return linkRelatedCases(tx, sla, principal, kase, other, request, now);
    }
    const files = request.type === 'respond' ? await checkAnswerFiles(tx, kase, request.attachmentIds ?? []) : [];
    const committed = await changeCase(tx, sla, kase, {
      event,
      context: transitionContextFor(principal, kase, sla),
      actor: actorRecordOf(principal),
      now,
      expectedVersion: request.version,
      targetUnit,
      targetCategory,
      auditExtra: bounced,
    });
    // The files go with the answer (a draft keeps them until the head approves it, then they go too).
    if (files.length && committed.message) await linkAttachmentsToMessage(tx, kase.id, files, committed.message.id);
    return committed;
  });
}

/** The files an answer names must be this case's, uploaded and not sent with another message (a 400 naming the field). */
async function checkAnswerFiles(tx: EntityManager, kase: Case, ids: readonly number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  const found = await findUnsentAttachmentIds(tx, kase.id, unique);
  const missing = unique.filter((id) => !found.includes(id));
  if (missing.length)
    throw new AppError('VALIDATION_FAILED', 'Invalid attachmentIds', {
      fields: [
        {
          field: 'attachmentIds',
          message: `no file ${missing.join(', ')} waits to be sent on case ${kase.id}; upload it to /api/cases/${kase.id}/attachments first`,
        },
      ],
    });
  return unique;
}

/** Checks that the units, cases and officers an event names exist, as 400s naming the field. */
async function validateReferences(
  tx: EntityManager,
  kase: Case,
  request: TTransitionRequest,
  principal: Principal,
): Promise<OrgUnit | null> {
  const invalid = (field: string, message: string) =>
    new AppError('VALIDATION_FAILED', `Invalid ${field}`, { fields: [{ field, message }] });
  if (request.type === 'route' || request.type === 'transfer') {
    const unit = await tx.findOne(OrgUnit, { code: request.unitCode, validTo: null });
    if (!unit) throw invalid('unitCode', `no current unit has the code ${request.unitCode}`);
    return unit;
  }
  if (request.type === 'merge') {
    if (request.intoCaseId === kase.id) throw invalid('intoCaseId', 'a case cannot be merged into itself');
    const masterId = await findCaseIdInScope(tx, caseScopeFor(principal), request.intoCaseId);
    const master = masterId ? await tx.findOne(Case, masterId, { fields: ['id', 'status'] }) : null;
    if (!master) throw invalid('intoCaseId', `no case ${request.intoCaseId} in your jurisdiction`);
    if ((FINAL_CASE_STATUSES as readonly string[]).includes(master.status))
      throw invalid('intoCaseId', `case ${request.intoCaseId} is ${master.status}; merge into an open case`);
  }
  if (request.type === 'assign') {
    const officer = await tx.findOne(User, { id: request.officerId, active: true }, { populate: ['unit'] });
    if (!officer || !kase.owningUnit.path.startsWith(officer.unit.path))
      throw invalid('officerId', `officer ${request.officerId} does not work for the owning unit`);
  }
  return null;
}

/** The other case of a link, locked, in the officer's jurisdiction (a 400 naming the field otherwise). */
async function lockRelated(tx: EntityManager, principal: Principal, caseId: number): Promise<Case> {
  try {
    return await lockCase(tx, caseId, caseScopeFor(principal));
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND')
      throw new AppError('VALIDATION_FAILED', 'Invalid relatedCaseId', {
        fields: [{ field: 'relatedCaseId', message: `no case ${caseId} in your jurisdiction` }],
      });
    throw error;
  }
}

/** Both cases record the link, each pointing at the other, in one transaction through the one path. */
async function linkRelatedCases(
  tx: EntityManager,
  sla: SlaContext,
  principal: Principal,
  kase: Case,
  other: Case,
  request: Extract<TTransitionRequest, { type: 'linkRelated' }>,
  now: Date,
): Promise<TransitionOutcome> {
  const actor = actorRecordOf(principal);
  const change = (from: Case, to: Case, expectedVersion?: number) => ({
    kase: from,
    change: {
      event: {
        type: 'linkRelated' as const,
        relatedCaseId: to.id,
        ...(request.reason ? { reason: request.reason } : {}),
      },
      context: transitionContextFor(principal, from, sla),
      actor,
      now,
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      auditExtra: { relatedTrackingCode: to.trackingCode },
    },
  });
  const [mine, theirs] = await changeCases(tx, sla, [change(kase, other, request.version), change(other, kase)]);
  if (!mine!.ok) throw mine!.error;
  if (!theirs!.ok) throw theirs!.error;
  return mine!;
}

/** How the audit trail names who acted: an officer, or an agency's system by its key. */
export function actorRecordOf(principal: Principal): TransitionActorRecord {
  return principal.apiClient
    ? { actorType: 'system', actor: `api-client:${principal.apiClient.id}`, userId: null }
    : { actorType: 'officer', actor: `officer:${principal.userId}`, userId: principal.userId };
}
