import { CaseEvent, type EntityManager, findCaseIdInScope } from '@caunoi/db';
import { caseScopeFor, verifyChain } from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';

/** Recomputes a case's hash chain from the stored rows and reports the first broken link. */
export async function verifyCaseAudit(em: EntityManager, principal: Principal, caseId: number) {
  const id = await findCaseIdInScope(em, caseScopeFor(principal), caseId);
  if (!id) throw new AppError('NOT_FOUND', `No case ${caseId} in your jurisdiction`);
  const events = await em.find(CaseEvent, { case: id }, { orderBy: { seq: 'asc' } });
  const verdict = verifyChain(
    events.map((e) => ({
      caseId: id,
      seq: e.seq,
      type: e.type,
      actor: e.actor,
      payload: e.payload,
      createdAt: e.createdAt,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
  );
  return { caseId: id, ...verdict };
}
