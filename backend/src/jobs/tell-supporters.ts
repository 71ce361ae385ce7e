import { Case, type MikroORM, takeSupportersToTell } from '@caunoi/db';
import { supporterAnsweredMail } from '../notifications/supporter-notice';
import { queueMessages } from '../transitions/delivery-jobs';

/**
 * A case was answered: each supporter who gave an address gets one mail, queued as its own job
 * (delivered and receipted per recipient), in the transaction that marks them told, so that a
 * retry of this job tells no one twice and a rollback tells no one.
 */
export async function tellSupporters(
  orm: MikroORM,
  caseId: number,
  operator: { vi: string; en: string },
): Promise<number> {
  return orm.em.fork().transactional(async (tx) => {
    const kase = await tx.findOne(Case, caseId, { fields: ['trackingCode', 'title'] });
    if (!kase) return 0;
    const supporters = await takeSupportersToTell(tx, caseId);
    await queueMessages(
      tx,
      supporters.map((s) => ({
        kind: 'email' as const,
        payload: {
          audience: 'supporter' as const,
          dedupeKey: `supporter:${caseId}:${s.id}:answered`,
          template: 'supporterAnswered',
          to: s.email,
          ...supporterAnsweredMail(s.language, kase, operator),
          caseId,
        },
      })),
    );
    return supporters.length;
  });
}
