import { Case, type EntityManager, findConversation, findLivePublicAnswerOfCase, findMilestones } from '@caunoi/db';
import type { TPublicCase } from '@caunoi/contract';
import { type CaseStatus, citizenActions } from '@caunoi/workflows';
import { canAppeal } from '../../transitions/appeal-case';
import { findCaseByKey } from './portal-intake';

/** What a citizen sees on the status page (the contract's PublicCase): never an officer's name. */
export type PublicCaseDto = TPublicCase;

const PUBLIC_MILESTONES = [
  'SUBMITTED',
  'ROUTED',
  'TRANSFERRED',
  'ACCEPTED',
  'INFO_REQUESTED',
  'CITIZEN_REPLIED',
  'CITIZEN_MESSAGE',
  'RESPONDED',
  'REOPENED',
  'CLOSED',
  'REJECTED',
  'MERGED',
  'INFO_TIMED_OUT',
  'RESOLVE_TIMED_OUT',
  'PROGRESS_POSTED',
  'DEADLINE_EXTENDED',
  'APPEALED',
  'ANSWER_PUBLISHED',
];

export async function getPublicCase(
  em: EntityManager,
  trackingCode: string,
  key: string,
  now = new Date(),
): Promise<PublicCaseDto> {
  return toPublicCase(em, await findCaseByKey(em, trackingCode, key), now);
}

/** For a case whose key was already checked (the reply that was just processed). */
export async function getPublicCaseById(em: EntityManager, caseId: number, now = new Date()): Promise<PublicCaseDto> {
  return toPublicCase(em, await em.findOneOrFail(Case, caseId), now);
}

async function toPublicCase(em: EntityManager, kase: Case, now: Date): Promise<PublicCaseDto> {
  await em.populate(kase, ['owningUnit', 'category', 'appealOf']);
  const messages = await findConversation(em, kase.id);
  const events = await findMilestones(em, kase.id, PUBLIC_MILESTONES);
  const [appeal, published] = await Promise.all([
    em.findOne(Case, { appealOf: kase.id }, { fields: ['trackingCode'] }),
    findLivePublicAnswerOfCase(em, kase.id),
  ]);
  const actions = citizenActions(kase.status, kase.autoCloseDueAt ?? null, now);
  const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
  return {
    trackingCode: kase.trackingCode,
    title: kase.title,
    body: kase.body,
    status: kase.status,
    channel: kase.channel,
    language: kase.language,
    receivedAt: kase.receivedAt.toISOString(),
    category: kase.category
      ? { code: kase.category.code, nameVi: kase.category.nameVi, nameEn: kase.category.nameEn }
      : null,
    handlingUnit: { code: kase.owningUnit.code, nameVi: kase.owningUnit.nameVi, nameEn: kase.owningUnit.nameEn },
    resolveDueAt: iso(kase.resolveDueAt),
    expectedAnswerAt: iso(kase.resolveDueAt ?? kase.expectedAnswerAt),
    citizenReplyDueAt: iso(kase.citizenReplyDueAt),
    resolvedAt: iso(kase.resolvedAt),
    satisfaction: kase.satisfaction ?? null,
    ...actions,
    reopenUntil: kase.status === 'resolved' ? iso(kase.autoCloseDueAt) : null,
    canAppeal: actions.canReopen && canAppeal(kase),
    appealOf: kase.appealOf?.trackingCode ?? null,
    appealedTo: appeal?.trackingCode ?? null,
    publicationConsent: kase.publicationConsent,
    registerUrl: published ? `/cong-khai/${published.id}` : null,
    messages: messages.map((m) => ({
      direction: m.direction,
      subject: m.subject,
      body: m.body,
      at: new Date(m.created_at).toISOString(),
      attachments: (m.files ?? []).map((f) => f.fileName),
      files: m.files ?? [],
    })),
    milestones: events.map((e) => ({
      type: e.type,
      toStatus: e.to_status as CaseStatus | null,
      at: new Date(e.created_at).toISOString(),
    })),
  };
}
