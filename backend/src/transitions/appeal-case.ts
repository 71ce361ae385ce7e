import { type Case, type EntityManager, findAnswerThatWentOut } from '@caunoi/db';
import { ANSWER_SUBJECT, appealUnitCode, isReopenWindowOpen, mayAppeal, titleFromText } from '@caunoi/workflows';
import { AppError } from '../http/app-error';
import { changeCase, type ConversationOrigin } from './change-case';
import type { SlaContext } from './sla-context';
import type { SubmissionInput, SubmittedCase } from './submit-case';

export interface AppealRequest {
  reason: string;
  now: Date;
  origin: ConversationOrigin;
}

/**
 * The citizen takes an answered case to the level above (issue: the citizen decides when it is
 * resolved): the case closes here through the one path (`appeal`, audited, with the citizen's
 * words), and a new case opens at the parent unit in the same transaction, linked to it
 * (`appeal_of_id`), for the same citizen, with its own clocks from today. Refused (the window
 * ended, the rule does not allow it yet), the citizen is told what they can do instead.
 */
export async function appealCase(
  tx: EntityManager,
  sla: SlaContext,
  caseId: number,
  request: AppealRequest,
  createCase: (input: SubmissionInput) => Promise<SubmittedCase>,
): Promise<SubmittedCase> {
  const { now } = request;
  const closed = await changeCase(tx, sla, caseId, {
    event: { type: 'appeal', reason: request.reason },
    context: (locked) => ({
      actor: { kind: 'citizen', relation: 'none' },
      facts: {
        reopenWindowOpen: isReopenWindowOpen(locked.status, locked.autoCloseDueAt ?? null, now),
        appealAllowed: canAppeal(locked),
      },
    }),
    actor: { actorType: 'citizen', actor: 'citizen', userId: null },
    now,
    origin: request.origin,
    refused: (refusal, locked) => {
      const message =
        locked.status !== 'resolved'
          ? 'only an answered case can be taken to the level above'
          : refusal.guard === 'isReopenWindowOpen'
            ? 'the period for this answer has ended; submit a new case that refers to this tracking code'
            : refusal.guard === 'canAppeal'
              ? 'ask for the answer to be reconsidered first (reopen); if the next answer does not settle it, you can appeal'
              : 'say why you appeal';
      return new AppError('VALIDATION_FAILED', `Cannot appeal case ${locked.trackingCode} now`, {
        fields: [
          { field: refusal.guard === 'hasReason' ? 'message' : 'action', message, code: 'action.appealRefused' },
        ],
      });
    },
  });
  const kase = closed.kase;
  await tx.populate(kase, ['owningUnit', 'category', 'province', 'commune']);
  const unitCode = appealUnitCode(kase.owningUnit.path)!;
  const answer = await findAnswerThatWentOut(tx, kase.id, ANSWER_SUBJECT);
  return createCase({
    title: titleFromText(`Kiến nghị lên cấp trên: ${kase.title}`, 300),
    body:
      `${request.reason}\n\n— Hồ sơ ${kase.trackingCode} (${kase.owningUnit.nameVi}) đã trả lời:\n${answer?.body ?? '(không có)'}` +
      `\n\n— Nội dung ban đầu:\n${kase.body}`,
    language: kase.language,
    channel: kase.channel,
    categoryCode: kase.category?.code ?? null,
    provinceCode: kase.province?.code ?? null,
    communeCode: kase.commune?.code ?? null,
    placeText: kase.placeText ?? null,
    latitude: kase.latitude != null ? Number(kase.latitude) : null,
    longitude: kase.longitude != null ? Number(kase.longitude) : null,
    attributes: kase.attributes,
    citizen: kase.citizen ? { existingId: kase.citizen.id } : null,
    anonymous: kase.anonymous,
    receivingUnitCode: unitCode,
    routeToUnitCode: unitCode,
    receivedAt: now,
    appealOf: { caseId: kase.id, trackingCode: kase.trackingCode },
    publicationConsent: kase.publicationConsent,
  });
}

/** workflows' mayAppeal for a case whose owning unit is loaded. */
export function canAppeal(kase: Case): boolean {
  return mayAppeal({
    legalTrack: kase.legalTrack,
    reopenCount: kase.reopenCount,
    owningUnitPath: kase.owningUnit.path,
  });
}
