import { Case, type MikroORM, findMergedCasesToTell, takeSupportersToTell } from '@caunoi/db';
import { type Channel, citizenReplyChannel } from '@caunoi/workflows';
import { supporterAnsweredMail } from '../notifications/supporter-notice';
import { queueMessages } from '../transitions/delivery-jobs';

/**
 * A case was answered: each supporter who gave an address gets one mail, queued as its own job
 * (delivered and receipted per recipient), in the transaction that marks them told, so that a
 * retry of this job tells no one twice and a rollback tells no one. The citizens of the cases
 * merged into it hear the answer on their own case's channel (one notice per case and answer).
 */
export async function tellSupporters(
  orm: MikroORM,
  caseId: number,
  operator: { vi: string; en: string },
  answerMessageId: number | null = null,
): Promise<number> {
  return orm.em.fork().transactional(async (tx) => {
    const kase = await tx.findOne(Case, caseId, { fields: ['trackingCode', 'title'] });
    if (!kase) return 0;
    const supporters = await takeSupportersToTell(tx, caseId);
    const merged = await findMergedCasesToTell(tx, caseId);
    await queueMessages(
      tx,
      merged.flatMap((m) => {
        const kind = citizenReplyChannel({
          caseChannel: m.channel as Channel,
          hasEmail: m.hasEmail,
          hasZalo: m.hasZalo,
        });
        if (!kind) return [];
        const payload = {
          audience: 'citizen' as const,
          dedupeKey: `case:${m.caseId}:mergedAnswered:${answerMessageId ?? caseId}`,
          template: 'mergedAnswered',
          caseId: m.caseId,
          language: m.language,
          messageId: answerMessageId,
        };
        return [{ kind, payload }];
      }),
    );
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
    return supporters.length + merged.length;
  });
}
