import {
  type EntityManager,
  deliveredRecipients,
  findCitizenZaloAddress,
  loadNoticeFacts,
  markMessageDelivery,
} from '@caunoi/db';
import { ZALO_TEXT_LIMIT, type ZaloClient } from '../adapters/zalo-client';
import {
  APPEAL_KEYWORD,
  NOT_SATISFIED_KEYWORD,
  SATISFIED_KEYWORD,
  type LegalTrack,
  mayAppeal,
} from '@caunoi/workflows';
import { ZaloApiError } from '../adapters/zalo-errors';
import { type CitizenNoticeSetting, ZALO_TEXTS, renderQueuedCitizenNotice } from '../notifications/citizen-templates';
import { type ZaloJob, queueMessages } from '../transitions/delivery-jobs';
import { permanentFailure, receiptsOf } from './deliverer';

export interface ZaloDeliveryDeps extends CitizenNoticeSetting {
  client: ZaloClient;
}

export type ZaloDeliverer = (job: ZaloJob, em: EntityManager) => Promise<void>;

/**
 * The `deliverZalo` task. A citizen's notice goes to their Zalo id at the OA they wrote to. When
 * the 7-day window has closed (-230/-232) the notice goes by email if the citizen gave one, and
 * the message records why; otherwise it stays readable on the status page. Rate limits (-32) and
 * transient errors are retried with backoff; errors retrying cannot fix fail the job for good.
 */
export function createZaloDeliverer(deps: ZaloDeliveryDeps): ZaloDeliverer {
  return async (job, em) => {
    const receipt = receiptsOf(em, job, 'zalo');
    if (job.audience === 'zaloUser') {
      const recipient = `${job.oaId}:${job.userId}`;
      if ((await deliveredRecipients(em, job.dedupeKey)).has(recipient)) return;
      const buttons = job.buttons;
      await send<unknown>(() =>
        buttons?.length
          ? deps.client.sendButtons(job.oaId, job.userId, job.text, buttons)
          : deps.client.sendText(job.oaId, job.userId, job.text),
      );
      return receipt(recipient, null);
    }
    const facts = await loadNoticeFacts(em, job.caseId, job.messageId, job.dedupeKey);
    if (!facts) return receipt('(none)', null, 'the case no longer exists');
    const address = await findCitizenZaloAddress(em, facts.citizen?.zaloIds ?? {});
    if (!address) return receipt('(none)', job.caseId, 'the citizen has no Zalo id at an active OA');
    const recipient = `${address.oaId}:${address.userId}`;
    if (facts.alreadyReached.has(recipient)) return;
    const notice = renderQueuedCitizenNotice(job, facts, { ...deps, reply: { channel: 'zalo' } });
    try {
      const ids = await send(() =>
        job.template === 'answered'
          ? sendAnswerWithVerdict(
              deps.client,
              address,
              notice.text,
              facts.trackingCode,
              // Dissatisfied a second time (or on a complaint), the citizen may go to the level above instead.
              mayAppeal({
                legalTrack: facts.legalTrack as LegalTrack,
                reopenCount: facts.reopenCount,
                owningUnitPath: facts.unitPath,
              }),
            )
          : deps.client.sendText(address.oaId, address.userId, notice.text),
      );
      await receipt(
        recipient,
        job.caseId,
        null,
        facts.message ? { messageId: facts.message.id, externalId: ids[0] ?? null } : undefined,
      );
    } catch (error) {
      if (!(error instanceof ZaloApiError && error.windowClosed)) throw error;
      const reason = `${ZALO_TEXTS.windowClosed.vi} (${error.message})`;
      if (facts.citizen?.email) {
        await queueMessages(em, [
          { kind: 'email', payload: { ...job, dedupeKey: `${job.dedupeKey}:email`, fallbackFrom: 'zalo' } },
        ]);
        if (facts.message)
          await markMessageDelivery(em, facts.message.id, { sent: false, failed: false, note: `${reason} → email` });
        return receipt(recipient, job.caseId, `Zalo window closed (${error.code}); sent by email instead`);
      }
      if (facts.message)
        await markMessageDelivery(em, facts.message.id, {
          sent: false,
          failed: true,
          note: `${reason}; no email: readable on the status page`,
        });
      return receipt(recipient, job.caseId, `Zalo window closed (${error.code}); no email: the status page shows it`);
    }
  };
}

/**
 * An answer on Zalo carries the citizen's verdict as two buttons under it ("Hài lòng", "Chưa hài
 * lòng", and "Kiến nghị lên cấp trên" when the case may go to the level above): a tap sends
 * `#hailong <code>`, `#chuahailong <code>` or `#lencaptren <code>` back, which the intake reads. An
 * answer longer than one message goes as text first, the buttons under a short question after.
 */
async function sendAnswerWithVerdict(
  client: ZaloClient,
  address: { oaId: string; userId: string },
  text: string,
  trackingCode: string,
  appealable: boolean,
): Promise<string[]> {
  const buttons = [
    { title: ZALO_TEXTS.verdictButtons.satisfied, payload: `${SATISFIED_KEYWORD} ${trackingCode}` },
    { title: ZALO_TEXTS.verdictButtons.notSatisfied, payload: `${NOT_SATISFIED_KEYWORD} ${trackingCode}` },
    ...(appealable ? [{ title: ZALO_TEXTS.verdictButtons.appeal, payload: `${APPEAL_KEYWORD} ${trackingCode}` }] : []),
  ];
  if (text.length <= ZALO_TEXT_LIMIT) return [await client.sendButtons(address.oaId, address.userId, text, buttons)];
  const ids = await client.sendText(address.oaId, address.userId, text);
  ids.push(await client.sendButtons(address.oaId, address.userId, ZALO_TEXTS.verdictButtons.question, buttons));
  return ids;
}

async function send<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof ZaloApiError && error.permanent) throw permanentFailure(error.message);
    throw error;
  }
}
