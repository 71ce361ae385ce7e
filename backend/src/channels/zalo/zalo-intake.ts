import { Case, type EntityManager } from '@caunoi/db';
import { type CaseStatus, FINAL_CASE_STATUSES, type TrackingReference, findTrackingReference, isOpenStatus, startsNewCase, titleFromText, withoutNewCaseKeyword } from '@caunoi/workflows';
import { accessKeyMatches } from '../../transitions/access-key';
import { addCitizenMessage } from '../../transitions/add-citizen-message';
import type { HandledItem, IntakeContext, IntakeHandler } from '../../intake/intake-processor';
import { toPlainText } from '../../intake/plain-text';
import { queueMessages } from '../../transitions/delivery-jobs';
import { ZALO_TEXTS } from '../../notifications/citizen-templates';
import { type ZaloEvent, describeUserMessage, oaIdOf, parseZaloEvent, userIdOf } from './zalo-events';

const USER_MESSAGE = /^(user_send_(text|image|file|link|location|audio|video|sticker|gif|business_card)|anonymous_send_text)$/;

/**
 * Zalo events, after the webhook checked their signature. A user with an open case adds to it (an
 * answer to a question resumes it); `#moi` or a first message opens a case at the OA's unit and
 * the acknowledgement goes back on Zalo; a follower is welcomed; shared contact data is kept;
 * receipts mark our messages delivered or seen.
 */
export function createZaloIntakeHandler(): IntakeHandler {
  return {
    async handle(ctx) {
      // Stored first and checked against the schema here: an odd event is kept and set aside, never lost.
      const read = parseZaloEvent(ctx.item.raw.toString('utf8'));
      if (!read.ok) return { kind: 'ignored', reason: `not a Zalo event CauNoi understands (${read.problem})` };
      const event = read.event;
      const name = event.event_name ?? '';
      const oaId = oaIdOf(event);
      const userId = userIdOf(event);
      if (!oaId || !userId) return { kind: 'ignored', reason: `event ${name} names no OA or user` };
      const [oa] = await ctx.tx.execute<Array<{ oa_id: string; unit_code: string }>>(
        'select z.oa_id, u.code as unit_code from zalo_oa z join org_unit u on u.id = z.unit_id where z.oa_id = ?',
        [oaId],
      );
      if (!oa) return { kind: 'ignored', reason: `no OA ${oaId} configured` };

      if (USER_MESSAGE.test(name)) return userMessage(ctx, event, oa, userId);
      if (name === 'follow') {
        await queueZaloText(ctx.tx, oaId, userId, `${ZALO_TEXTS.welcome.vi}\n\n${ZALO_TEXTS.welcome.en}`, `zalo-welcome:${oaId}:${userId}`);
        return { kind: 'recorded', note: 'follower welcomed' };
      }
      if (name === 'user_submit_info') return submitInfo(ctx.tx, event, oaId, userId);
      if (name === 'user_received_message' || name === 'user_seen_message') {
        const ids = [event.message?.msg_id, ...(event.message?.msg_ids ?? [])].filter((x): x is string => !!x);
        const status = name === 'user_seen_message' ? 'seen' : 'delivered';
        // A receipt never moves a message backwards (seen stays seen when a late "received" arrives).
        const updated = ids.length
          ? await ctx.tx.execute(
              `update case_message set delivery_status = ? where channel = 'zalo' and direction = 'outbound' and external_id in (${ids.map(() => '?').join(', ')})
               and delivery_status in (${status === 'seen' ? `'queued', 'sent', 'delivered'` : `'queued', 'sent'`})`,
              [status, ...ids],
              'run',
            )
          : { affectedRows: 0 };
        return { kind: 'recorded', note: `${status}: ${(updated as { affectedRows?: number }).affectedRows ?? 0} message(s)` };
      }
      return { kind: 'ignored', reason: `event ${name} is not handled` };
    },
  };
}

async function userMessage(ctx: IntakeContext, event: ZaloEvent, oa: { oa_id: string; unit_code: string }, userId: string): Promise<HandledItem> {
  const text = toPlainText(describeUserMessage(event));
  const msgId = event.message?.msg_id ?? ctx.item.externalId;
  // One Zalo user may be several citizen rows (their own first message, a portal case they linked).
  const citizens = await ctx.tx.execute<Array<{ id: number }>>(`select id from citizen where zalo_ids ->> ? = ? order by id desc`, [oa.oa_id, userId]);
  const citizenIds = citizens.map((c) => c.id);
  const say = (vi: string, en: string) => queueZaloText(ctx.tx, oa.oa_id, userId, `${vi}\n\n${en}`, `zalo-answer:${oa.oa_id}:${msgId}`);

  const reference = startsNewCase(text) ? null : findTrackingReference(text);
  if (reference) return messageWithTrackingCode(ctx, event, oa, citizenIds, reference, say, userId);

  const open = citizenIds.length ? await openCaseFor(ctx.tx, citizenIds, event.message?.quote_msg_id ?? null) : null;
  const receivedAt = ctx.item.receivedAt;
  if (open && isOpenStatus(open.status) && !startsNewCase(text)) {
    if (!text) {
      await say(ZALO_TEXTS.stickerOnCase.vi(open.trackingCode), ZALO_TEXTS.stickerOnCase.en(open.trackingCode));
      return { kind: 'ignored', reason: 'a sticker on an open case; the user was told to write' };
    }
    const added = await addCitizenMessage(ctx.tx, ctx.sla, open.id, { channel: 'zalo', body: text, externalId: event.message?.msg_id ?? null, receivedAt });
    if (added.kind !== 'followUp') {
      // Every message gets an answer: the citizen knows it reached their case.
      await say(ZALO_TEXTS.addedToCase.vi(open.trackingCode), ZALO_TEXTS.addedToCase.en(open.trackingCode));
      return { kind: 'case', caseId: added.caseId, created: false };
    }
  }
  const body = withoutNewCaseKeyword(text);
  if (!body) {
    await queueZaloText(ctx.tx, oa.oa_id, userId, `${ZALO_TEXTS.welcome.vi}\n\n${ZALO_TEXTS.welcome.en}`, `zalo-welcome:${oa.oa_id}:${userId}`);
    return { kind: 'ignored', reason: 'no words to register; the user was told how to write' };
  }
  const submitted = await ctx.createCase({
    title: titleFromText(body),
    body,
    language: 'vi',
    channel: 'zalo',
    categoryCode: null,
    provinceCode: null,
    communeCode: null,
    placeText: null,
    citizen: citizenIds.length ? { existingId: citizenIds[0]! } : { name: null, email: null, phone: null, zaloIds: { [oa.oa_id]: userId } },
    anonymous: false,
    receivingUnitCode: oa.unit_code,
    // The OA that received the message answers for its unit: the case goes there first.
    routeToUnitCode: oa.unit_code,
    receivedAt,
    externalMessageId: event.message?.msg_id ?? null,
  });
  return { kind: 'case', caseId: submitted.caseId, created: true };
}

/**
 * A message that quotes a tracking code, as the portal asks citizens to send it: never a new case
 * titled with the code. With the right access key (or from the Zalo user the case already
 * belongs to) it links this Zalo user to the case, and what else they wrote joins it; a code
 * alone from anyone else is answered with a request for the key. Unknown codes and wrong keys get
 * the same answer, so that nobody learns which codes exist.
 */
async function messageWithTrackingCode(
  ctx: IntakeContext,
  event: ZaloEvent,
  oa: { oa_id: string; unit_code: string },
  citizenIds: number[],
  reference: TrackingReference,
  say: (vi: string, en: string) => Promise<void>,
  userId: string,
): Promise<HandledItem> {
  const code = reference.trackingCode;
  const [kase] = await ctx.tx.execute<Array<{ id: number; citizen_id: number | null; access_key_hash: string; status: CaseStatus }>>(
    'select id, citizen_id, access_key_hash, status from case_file where tracking_code = ?',
    [code],
  );
  const theirs = !!kase && kase.citizen_id !== null && citizenIds.includes(kase.citizen_id);
  if (!theirs && !reference.accessKey) {
    await say(ZALO_TEXTS.askForKey.vi(code), ZALO_TEXTS.askForKey.en(code));
    return { kind: 'recorded', note: `tracking code ${code} without its access key; asked for the key` };
  }
  if (!kase || (!theirs && !accessKeyMatches(kase.access_key_hash, reference.accessKey!))) {
    await say(ZALO_TEXTS.noSuchCase.vi(code), ZALO_TEXTS.noSuchCase.en(code));
    return { kind: 'recorded', note: `tracking code ${code} with a key that does not match` };
  }
  if (!theirs) await linkZaloUser(ctx.tx, kase, oa.oa_id, userId);
  const finished = !isOpenStatus(kase.status);
  if (reference.rest && !finished) {
    await addCitizenMessage(ctx.tx, ctx.sla, kase.id, { channel: 'zalo', body: reference.rest, externalId: event.message?.msg_id ?? null, receivedAt: ctx.item.receivedAt });
  }
  if (finished) await say(ZALO_TEXTS.linkedFinished.vi(code), ZALO_TEXTS.linkedFinished.en(code));
  else if (theirs) await say(ZALO_TEXTS.addedToCase.vi(code), ZALO_TEXTS.addedToCase.en(code));
  else await say(ZALO_TEXTS.linked.vi(code), ZALO_TEXTS.linked.en(code));
  return { kind: 'case', caseId: kase.id, created: false };
}

/** Makes this Zalo user the case's citizen on Zalo: added to the citizen the case has, or a citizen made for it. */
async function linkZaloUser(tx: EntityManager, kase: { id: number; citizen_id: number | null }, oaId: string, userId: string): Promise<void> {
  const zaloId = JSON.stringify({ [oaId]: userId });
  if (kase.citizen_id !== null) {
    await tx.execute(`update citizen set zalo_ids = coalesce(zalo_ids, '{}'::jsonb) || ?::jsonb where id = ?`, [zaloId, kase.citizen_id]);
    return;
  }
  const [citizen] = await tx.execute<Array<{ id: number }>>(`insert into citizen (zalo_ids, is_organisation, created_at) values (?::jsonb, false, now()) returning id`, [zaloId]);
  await tx.execute(`update case_file set citizen_id = ? where id = ? and citizen_id is null`, [citizen!.id, kase.id]);
}

/**
 * Which open case a message from a user with several belongs to: the one whose message they
 * quoted, else the one waiting for their answer, else the latest (on any channel: a portal case
 * they linked counts).
 */
async function openCaseFor(tx: EntityManager, citizenIds: number[], quotedMessageId: string | null): Promise<Case | null> {
  const [row] = await tx.execute<Array<{ id: number }>>(
    `select c.id from case_file c
     where c.citizen_id = any(?::int[]) and c.status not in (${FINAL_CASE_STATUSES.map(() => '?').join(', ')})
     order by (? is not null and exists (select 1 from case_message m where m.case_id = c.id and m.external_id = ?)) desc,
              (c.status = 'awaitingCitizen') desc, c.received_at desc
     limit 1`,
    [`{${citizenIds.join(',')}}`, ...FINAL_CASE_STATUSES, quotedMessageId, quotedMessageId],
  );
  return row ? tx.findOne(Case, row.id) : null;
}

async function submitInfo(tx: EntityManager, event: ZaloEvent, oaId: string, userId: string): Promise<HandledItem> {
  const info = event.info ?? {};
  // Two shapes exist (zalo-oa.md §1.4): `full_address{…}` now, flat `address/city/district/ward` before.
  const full = info.full_address as Record<string, string> | undefined;
  const address = full ? [full.user_address, full.user_ward, full.user_city].filter(Boolean).join(', ') : [info.address, info.ward, info.district, info.city].filter(Boolean).join(', ');
  const name = typeof info.name === 'string' ? info.name : null;
  const phone = typeof info.phone === 'string' ? info.phone : null;
  const updated = (await tx.execute(
    `update citizen set name = coalesce(?, name), phone = coalesce(?, phone), address = coalesce(nullif(?, ''), address), consent_at = coalesce(consent_at, now()) where zalo_ids ->> ? = ?`,
    [name, phone, address, oaId, userId],
    'run',
  )) as { affectedRows?: number };
  if (!updated.affectedRows) {
    await tx.execute(`insert into citizen (name, phone, address, zalo_ids, is_organisation, consent_at, created_at) values (?, ?, nullif(?, ''), ?, false, now(), now())`, [name, phone, address, JSON.stringify({ [oaId]: userId })]);
  }
  return { kind: 'recorded', note: 'contact data stored' };
}

/** A Zalo text not tied to a case event (a welcome, an explanation), through the outbox like everything else. */
export async function queueZaloText(tx: EntityManager, oaId: string, userId: string, text: string, dedupeKey: string): Promise<void> {
  await queueMessages(tx, [{ kind: 'zalo', payload: { audience: 'zaloUser', dedupeKey, template: 'zaloText', oaId, userId, text } }]);
}

