import { type EntityManager, type MikroORM, findCitizenZaloAddress, findSimilarOpenCases } from '@caunoi/db';
import {
  type CaseStatus,
  JOIN_SIMILAR_KEYWORD,
  isJoinableSimilarCase,
  isOpenStatus,
  rankSimilarCases,
} from '@caunoi/workflows';
import { ZALO_TEXTS } from '../notifications/citizen-templates';
import { changeCase, lockCase } from '../transitions/change-case';
import { queueMessages } from '../transitions/delivery-jobs';
import type { SlaContext } from '../transitions/sla-context';

export interface OfferSimilarDeps {
  orm: MikroORM;
  loadSla: (em: EntityManager) => Promise<SlaContext>;
}

/** Zalo shows three buttons under a text; a longer title is cut at a word. */
const OFFERS = 3;
const BUTTON_TITLE = 60;
const OFFER_ACTOR = { actorType: 'system', actor: 'system:similar', userId: null } as const;

/**
 * A chat has no form to compare before sending (the portal's "Tôi cũng gặp việc này"), so after a
 * Zalo case is committed its citizen is asked "Có phải bạn muốn phản ánh về …?" with up to three
 * similar open cases of the same place that were there before theirs, as buttons; a tap sends
 * `#ungho <code>` back and the intake merges their case into that one (only into one offered).
 * The offer is the case's SIMILAR_OFFERED event, written with its message in one transaction.
 */
export async function offerSimilarInChat(
  deps: OfferSimilarDeps,
  caseIds: readonly number[],
  now = new Date(),
): Promise<number> {
  let offered = 0;
  for (const caseId of caseIds) {
    const done = await deps.orm.em.fork().transactional(async (tx) => {
      const kase = await lockCase(tx, caseId);
      if (kase.channel !== 'zalo' || kase.status === 'received' || !isOpenStatus(kase.status)) return false;
      // A retried job offers once.
      const [already] = await tx.execute(`select 1 from case_event where case_id = ? and type = 'SIMILAR_OFFERED'`, [
        kase.id,
      ]);
      if (already) return false;
      const address = await findCitizenZaloAddress(tx, kase.citizen?.zaloIds ?? {});
      if (!address) return false;
      const rows = await findSimilarOpenCases(
        tx,
        {
          title: kase.title,
          body: kase.body,
          communeId: kase.commune?.id ?? null,
          provinceId: kase.province?.id ?? null,
          excludeCaseId: kase.id,
          excludeCitizenId: kase.citizen?.id ?? null,
          receivedBefore: kase.receivedAt,
        },
        OFFERS + 2,
      );
      const similar = rankSimilarCases(
        rows.filter((r) => isJoinableSimilarCase(r.status as CaseStatus)),
        now,
      ).slice(0, OFFERS);
      if (!similar.length) return false;
      await changeCase(tx, await deps.loadSla(tx), kase, {
        event: { type: 'offerSimilar', similarCaseIds: similar.map((s) => s.id) },
        context: { actor: { kind: 'system', relation: 'none' } },
        actor: OFFER_ACTOR,
        now,
        auditExtra: { offered: similar.map((s) => s.trackingCode) },
      });
      const titles = similar.map((s) => ({ title: s.title, supporters: s.supportCount }));
      await queueMessages(tx, [
        {
          kind: 'zalo',
          payload: {
            audience: 'zaloUser',
            dedupeKey: `zalo-similar:${kase.id}`,
            template: 'offerSimilar',
            oaId: address.oaId,
            userId: address.userId,
            text: `${ZALO_TEXTS.offerSimilar.vi(kase.trackingCode, titles)}\n\n${ZALO_TEXTS.offerSimilar.en(kase.trackingCode)}`,
            buttons: similar.map((s, i) => ({
              title: buttonTitle(`${i + 1}. ${s.title}`),
              payload: `${JOIN_SIMILAR_KEYWORD} ${s.trackingCode}`,
            })),
          },
        },
      ]);
      return true;
    });
    if (done) offered += 1;
  }
  return offered;
}

function buttonTitle(text: string): string {
  if (text.length <= BUTTON_TITLE) return text;
  const cut = text.slice(0, BUTTON_TITLE - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${atWord > BUTTON_TITLE / 2 ? cut.slice(0, atWord) : cut}…`;
}
