import type { ZaloClient } from '../adapters/zalo-client';
import { ZaloApiError } from '../adapters/zalo-errors';
import { type CitizenNoticeSetting, ZALO_TEXTS, renderQueuedCitizenNotice } from '../notifications/citizen-templates';
import { loadNoticeFacts } from '@caunoi/db';
import { type Deliverer, permanentFailure } from './deliverer';
import { enqueueOutbox } from '../transitions/write-outbox';

export interface ZaloDeliveryDeps extends CitizenNoticeSetting {
  client: ZaloClient;
}

/**
 * Zalo rows of the outbox. A citizen's notice goes to their Zalo id at the OA they wrote to. When
 * the 7-day window has closed (-230/-232) the notice goes by email if the citizen gave one, and
 * the message records why; otherwise it stays readable on the status page. Rate limits (-32) and
 * transient errors are retried with backoff; errors retrying cannot fix go dead at once.
 */
export function createZaloDeliverer(deps: ZaloDeliveryDeps): Deliverer {
  return {
    async deliver(row, em) {
      const p = row.payload;
      if (p.audience === 'zaloUser') {
        await send(() => deps.client.sendText(String(p.oaId), String(p.userId), String(p.text)));
        return;
      }
      if (p.audience !== 'citizen' || row.caseId === null) throw permanentFailure(`unknown zalo audience ${String(p.audience)}`);
      const facts = await loadNoticeFacts(em, row.caseId, typeof p.messageId === 'number' ? p.messageId : null);
      if (!facts) return { note: 'the case no longer exists' };
      const [oa] = await em.execute<Array<{ oa_id: string }>>(`select oa_id from zalo_oa where active and oa_id in (select jsonb_object_keys(?::jsonb)) order by id limit 1`, [JSON.stringify(facts.citizen?.zaloIds ?? {})]);
      const userId = oa ? facts.citizen?.zaloIds[oa.oa_id] : undefined;
      if (!oa || !userId) return { note: 'the citizen has no Zalo id at an active OA' };
      const notice = renderQueuedCitizenNotice(p, facts, { ...deps, reply: { channel: 'zalo' } });
      try {
        const ids = await send(() => deps.client.sendText(oa.oa_id, userId, notice.text));
        if (facts.message) {
          await em.execute(`update case_message set external_id = ?, delivery_status = 'sent', sent_at = now() where id = ? and direction = 'outbound'`, [ids[0] ?? null, facts.message.id]);
        }
        return;
      } catch (error) {
        if (!(error instanceof ZaloApiError && error.windowClosed)) throw error;
        const reason = `${ZALO_TEXTS.windowClosed.vi} (${error.message})`;
        if (facts.citizen?.email) {
          await enqueueOutbox(em, { kind: 'email', caseId: row.caseId, payload: { ...p, fallbackFrom: 'zalo' }, dedupeKey: `${row.dedupeKey}:email` });
          if (facts.message) await em.execute(`update case_message set delivery_note = ? where id = ?`, [`${reason} → email`, facts.message.id]);
          return { note: `Zalo window closed (${error.code}); sent by email instead` };
        }
        if (facts.message) await em.execute(`update case_message set delivery_status = 'failed', delivery_note = ? where id = ?`, [`${reason}; no email: readable on the status page`, facts.message.id]);
        return { note: `Zalo window closed (${error.code}); no email: the status page shows it` };
      }
    },
  };
}

async function send<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof ZaloApiError && error.permanent) throw permanentFailure(error.message);
    throw error;
  }
}
