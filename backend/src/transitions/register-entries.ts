import { type EntityManager, findLivePublicAnswerOfCase, withdrawPublicAnswer } from '@caunoi/db';

/**
 * The citizen withdrew their consent to publication: an entry published on it leaves the register
 * in the same transaction as the audited change (one published in the public interest stays: the
 * unit decided that on its own ground, with the citizen's data removed).
 */
export async function withdrawConsentedEntry(tx: EntityManager, caseId: number, now: Date): Promise<void> {
  const published = await findLivePublicAnswerOfCase(tx, caseId);
  if (published?.basis === 'consent')
    await withdrawPublicAnswer(tx, caseId, 'the citizen withdrew their consent to publication', now);
}
