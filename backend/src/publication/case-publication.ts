import {
  Case,
  type EntityManager,
  caseScopeFilter,
  type PublicAnswerRow,
  findAnswerThatWentOut,
  findLivePublicAnswerOfCase,
  insertPublicAnswer,
  withdrawPublicAnswer,
} from '@caunoi/db';
import type { TPublication, TPublishRequest, TWithdrawPublicationRequest } from '@caunoi/contract';
import {
  ANSWER_SUBJECT,
  type TransitionContext,
  availableTransitions,
  caseScopeFor,
  personalDataLeftIn,
  proposePublicText,
  publicationBases,
  whyNotPublishable,
  REDACTION_LABELS,
} from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';
import { type CommittedTransition, assertVersion, changeCase, lockCase } from '../transitions/change-case';
import type { SlaContext } from '../transitions/sla-context';
import { transitionContextFor } from '../transitions/transition-context';

/** Where a register entry lives on the portal. */
export const registerEntryPath = (id: number) => `/cong-khai/${id}`;

/** What the rules need to know about the case, read together under its lock (or for the panel). */
interface PublicationState {
  answer: { id: number; body: string; at: Date } | null;
  published: PublicAnswerRow | null;
  knownNames: string[];
  proposal: TPublication['proposal'];
  bases: Array<'consent' | 'publicInterest'>;
}

async function publicationStateOf(em: EntityManager, kase: Case): Promise<PublicationState> {
  const [answer, published] = await Promise.all([
    findAnswerThatWentOut(em, kase.id, ANSWER_SUBJECT),
    findLivePublicAnswerOfCase(em, kase.id),
  ]);
  // The citizen's own name must never appear, whatever the cues around it.
  const knownNames = kase.citizen?.name ? [kase.citizen.name] : [];
  const proposal = answer
    ? {
        title: proposePublicText(kase.title, knownNames),
        question: proposePublicText(kase.body, knownNames),
        answer: proposePublicText(answer.body, knownNames),
      }
    : null;
  const namesPerson = !!proposal && Object.values(proposal).some((p) => p.found.some((f) => f.kind === 'name'));
  const bases = publicationBases({ legalTrack: kase.legalTrack, consent: kase.publicationConsent, namesPerson });
  return { answer, published, knownNames, proposal, bases };
}

/** The officer's context with the publication facts the machine's guards read. */
function publicationContext(
  principal: Principal,
  kase: Case,
  sla: SlaContext,
  state: PublicationState,
): TransitionContext {
  const base = transitionContextFor(principal, kase, sla);
  return {
    ...base,
    facts: { ...base.facts, publishableOn: state.answer ? state.bases : [], published: !!state.published },
  };
}

/**
 * The publication panel of a case: the citizen's choice, the bases open to the unit, the masked
 * proposal beside the original (the head reviews it side by side), and what is published now.
 */
export async function getCasePublication(
  em: EntityManager,
  sla: SlaContext,
  principal: Principal,
  caseId: number,
): Promise<TPublication> {
  const kase = await findInScope(em, principal, caseId);
  const state = await publicationStateOf(em, kase);
  const offered = kase.machineSnapshot
    ? availableTransitions(kase.machineSnapshot, publicationContext(principal, kase, sla, state))
    : [];
  return {
    consent: kase.publicationConsent,
    bases: state.bases,
    canPublish: offered.includes('publishAnswer'),
    canWithdraw: offered.includes('withdrawPublication'),
    why: whyNot(kase, state, principal),
    proposal: state.proposal,
    published: state.published ? publishedDto(state.published) : null,
  };
}

function whyNot(kase: Case, state: PublicationState, principal: Principal): string | null {
  return whyNotPublishable({
    answered: !!state.answer,
    published: !!state.published,
    bases: state.bases,
    legalTrack: kase.legalTrack,
    byHead: principal.role === 'supervisor',
  });
}

/** The case locked in the officer's jurisdiction at the version they read, with what the publication rules read. */
async function lockForPublication(
  tx: EntityManager,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  principal: Principal,
  caseId: number,
  version: number,
): Promise<{ kase: Case; sla: SlaContext; state: PublicationState }> {
  const kase = await lockCase(tx, caseId, caseScopeFor(principal));
  assertVersion(kase, version);
  const sla = await loadSla(tx);
  return { kase, sla, state: await publicationStateOf(tx, kase) };
}

/**
 * Publishes the answer in the public register (the unit head): the texts the head reviewed,
 * checked again for personal data, through the one path (`publishAnswer`, audited), and the
 * register's entry, in one transaction.
 */
export async function publishCaseAnswer(
  em: EntityManager,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  principal: Principal,
  caseId: number,
  request: TPublishRequest,
  now: Date = new Date(),
): Promise<CommittedTransition> {
  return em.transactional(async (tx) => {
    const { kase, sla, state } = await lockForPublication(tx, loadSla, principal, caseId, request.version);
    if (!state.answer)
      throw new AppError('CONFLICT', 'The case has no answer that went out yet; publish it once answered', {
        reason: 'notAnswered',
      });
    // Whatever the head edited, nothing that identifies a person may reach the register.
    const left = (['title', 'question', 'answer'] as const).flatMap((field) =>
      personalDataLeftIn(request[field], state.knownNames).map((m) => ({
        field,
        message: `still contains ${REDACTION_LABELS[m.kind]} "${m.original}"; mask it before publishing`,
        code: 'publication.personalData',
        params: { kind: m.kind },
      })),
    );
    if (left.length) throw new AppError('VALIDATION_FAILED', 'The texts still contain personal data', { fields: left });
    const committed = await changeCase(tx, sla, kase, {
      event: {
        type: 'publishAnswer',
        basis: request.basis,
        ...(request.reason ? { reason: request.reason } : {}),
      },
      context: publicationContext(principal, kase, sla, state),
      actor: { actorType: 'officer', actor: `officer:${principal.userId}`, userId: principal.userId },
      now,
      expectedVersion: request.version,
      auditExtra: { answerMessageId: state.answer.id },
      refused: (refusal) =>
        new AppError('CONFLICT', whyNot(kase, state, principal) ?? refusal.message, {
          reason: refusal.reason,
          ...(refusal.guard ? { guard: refusal.guard } : {}),
          status: refusal.status,
        }),
    });
    const answeredAt = kase.resolvedAt ?? state.answer.at;
    await insertPublicAnswer(tx, {
      caseId: kase.id,
      unitId: kase.owningUnit.id,
      provinceId: kase.province?.id ?? null,
      communeId: kase.commune?.id ?? null,
      categoryId: kase.category?.id ?? null,
      legalTrack: kase.legalTrack,
      title: request.title,
      question: request.question,
      answer: request.answer,
      basis: request.basis,
      receivedAt: kase.receivedAt,
      answeredAt,
      workingDays: Math.max(0, sla.calendar.workingDaysBetween(kase.receivedAt, answeredAt)),
      onTime: kase.resolveDueAt ? answeredAt <= kase.resolveDueAt : null,
      publishedAt: now,
      publishedById: principal.userId,
    });
    return committed;
  });
}

/** Takes the case's answer out of the register, with the reason (audited); the entry is kept, withdrawn. */
export async function withdrawCasePublication(
  em: EntityManager,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  principal: Principal,
  caseId: number,
  request: TWithdrawPublicationRequest,
  now: Date = new Date(),
): Promise<CommittedTransition> {
  return em.transactional(async (tx) => {
    const { kase, sla, state } = await lockForPublication(tx, loadSla, principal, caseId, request.version);
    const committed = await changeCase(tx, sla, kase, {
      event: { type: 'withdrawPublication', reason: request.reason },
      context: publicationContext(principal, kase, sla, state),
      actor: { actorType: 'officer', actor: `officer:${principal.userId}`, userId: principal.userId },
      now,
      expectedVersion: request.version,
      auditExtra: state.published ? { publicAnswerId: state.published.id } : {},
    });
    await withdrawPublicAnswer(tx, kase.id, request.reason, now);
    return committed;
  });
}

function publishedDto(row: PublicAnswerRow): NonNullable<TPublication['published']> {
  return {
    id: row.id,
    title: row.title,
    question: row.question,
    answer: row.answer,
    basis: row.basis,
    publishedAt: new Date(row.publishedAt).toISOString(),
    url: registerEntryPath(row.id),
  };
}

async function findInScope(em: EntityManager, principal: Principal, caseId: number): Promise<Case> {
  const kase = await em.findOne(
    Case,
    { $and: [{ id: caseId }, caseScopeFilter(caseScopeFor(principal))] },
    { populate: ['owningUnit', 'citizen', 'category'] },
  );
  if (!kase) throw new AppError('NOT_FOUND', `No case ${caseId} in your jurisdiction`);
  return kase;
}
