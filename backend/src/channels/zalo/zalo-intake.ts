import {
  Case,
  type EntityManager,
  OrgUnit,
  applyZaloReceipt,
  findCaseByTrackingCode,
  findCaseOfferedToJoin,
  findCitizensOfZaloUser,
  findOpenCaseOfCitizens,
  findZaloOa,
  linkZaloUserToCase,
  storeZaloContact,
} from '@caunoi/db';
import {
  type TrackingReference,
  findJoinSimilarCommand,
  isJoinableSimilarCase,
  findSatisfactionCommand,
  findAppealCommand,
  isReopenWindowOpen,
  findTrackingReference,
  isOpenStatus,
  startsNewCase,
  titleFromText,
  withoutNewCaseKeyword,
} from '@caunoi/workflows';
import { accessKeyMatches } from '../../transitions/access-key';
import { addCitizenMessage } from '../../transitions/add-citizen-message';
import { changeCase } from '../../transitions/change-case';
import { AppError } from '../../http/app-error';
import { appealCase } from '../../transitions/appeal-case';
import type { HandledItem, IntakeContext, IntakeHandler } from '../../intake/intake-processor';
import { toPlainText } from '../../intake/plain-text';
import { queueMessages } from '../../transitions/delivery-jobs';
import { ZALO_TEXTS } from '../../notifications/citizen-templates';
import { type ZaloEvent, describeUserMessage, oaIdOf, parseZaloEvent, userIdOf } from './zalo-events';

const USER_MESSAGE =
  /^(user_send_(text|image|file|link|location|audio|video|sticker|gif|business_card)|anonymous_send_text)$/;

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
      const oa = await findZaloOa(ctx.tx, oaId);
      if (!oa) return { kind: 'ignored', reason: `no OA ${oaId} configured` };

      if (USER_MESSAGE.test(name)) return userMessage(ctx, event, oa, userId);
      if (name === 'follow') {
        await queueZaloText(
          ctx.tx,
          oaId,
          userId,
          `${ZALO_TEXTS.welcome.vi}\n\n${ZALO_TEXTS.welcome.en}`,
          `zalo-welcome:${oaId}:${userId}`,
        );
        return { kind: 'recorded', note: 'follower welcomed' };
      }
      if (name === 'user_submit_info') return submitInfo(ctx.tx, event, oaId, userId);
      if (name === 'user_received_message' || name === 'user_seen_message') {
        const ids = [event.message?.msg_id, ...(event.message?.msg_ids ?? [])].filter((x): x is string => !!x);
        const status = name === 'user_seen_message' ? 'seen' : 'delivered';
        return { kind: 'recorded', note: `${status}: ${await applyZaloReceipt(ctx.tx, ids, status)} message(s)` };
      }
      return { kind: 'ignored', reason: `event ${name} is not handled` };
    },
  };
}

async function userMessage(
  ctx: IntakeContext,
  event: ZaloEvent,
  oa: { oaId: string; unitCode: string },
  userId: string,
): Promise<HandledItem> {
  const text = toPlainText(describeUserMessage(event));
  const msgId = event.message?.msg_id ?? ctx.item.externalId;
  // One Zalo user may be several citizen rows (their own first message, a portal case they linked).
  const citizenIds = await findCitizensOfZaloUser(ctx.tx, oa.oaId, userId);
  const say = (vi: string, en: string) =>
    queueZaloText(ctx.tx, oa.oaId, userId, `${vi}\n\n${en}`, `zalo-answer:${oa.oaId}:${msgId}`);

  // A tap under an answer: satisfied (the case closes, rated) or not (it is reopened).
  const verdict = findSatisfactionCommand(text);
  if (verdict) return giveVerdict(ctx, citizenIds, verdict, say);
  // The third button under an appealable answer: to the level above.
  const appealed = findAppealCommand(text);
  if (appealed) return appealInChat(ctx, citizenIds, appealed, say);

  // A tap on a similar case offered after their message (or the same typed): join it.
  const joinCode = findJoinSimilarCommand(text);
  if (joinCode) return joinSimilarCase(ctx, citizenIds, joinCode, say);

  const reference = startsNewCase(text) ? null : findTrackingReference(text);
  if (reference) return messageWithTrackingCode(ctx, event, oa, citizenIds, reference, say, userId);

  const open = citizenIds.length ? await openCaseFor(ctx.tx, citizenIds, event.message?.quote_msg_id ?? null) : null;
  const receivedAt = ctx.item.receivedAt;
  if (open && isOpenStatus(open.status) && !startsNewCase(text)) {
    if (!text) {
      await say(ZALO_TEXTS.stickerOnCase.vi(open.trackingCode), ZALO_TEXTS.stickerOnCase.en(open.trackingCode));
      return { kind: 'ignored', reason: 'a sticker on an open case; the user was told to write' };
    }
    const added = await addCitizenMessage(ctx.tx, ctx.sla, open.id, {
      channel: 'zalo',
      body: text,
      externalId: event.message?.msg_id ?? null,
      receivedAt,
    });
    if (added.kind !== 'followUp') {
      // Every message gets an answer: the citizen knows it reached their case.
      await say(ZALO_TEXTS.addedToCase.vi(open.trackingCode), ZALO_TEXTS.addedToCase.en(open.trackingCode));
      return { kind: 'case', caseId: added.caseId, created: false };
    }
  }
  const body = withoutNewCaseKeyword(text);
  if (!body) {
    await queueZaloText(
      ctx.tx,
      oa.oaId,
      userId,
      `${ZALO_TEXTS.welcome.vi}\n\n${ZALO_TEXTS.welcome.en}`,
      `zalo-welcome:${oa.oaId}:${userId}`,
    );
    return { kind: 'ignored', reason: 'no words to register; the user was told how to write' };
  }
  const submitted = await ctx.createCase({
    title: titleFromText(body),
    body,
    language: 'vi',
    channel: 'zalo',
    categoryCode: null,
    // An OA is a unit's: a commune's chat is about that commune (similar cases, concerns' provinces).
    ...(await placeOfUnit(ctx.tx, oa.unitCode)),
    placeText: null,
    citizen: citizenIds.length
      ? { existingId: citizenIds[0]! }
      : { name: null, email: null, phone: null, zaloIds: { [oa.oaId]: userId } },
    anonymous: false,
    receivingUnitCode: oa.unitCode,
    // The OA that received the message answers for its unit: the case goes there first.
    routeToUnitCode: oa.unitCode,
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
  oa: { oaId: string; unitCode: string },
  citizenIds: number[],
  reference: TrackingReference,
  say: (vi: string, en: string) => Promise<void>,
  userId: string,
): Promise<HandledItem> {
  const code = reference.trackingCode;
  const kase = await findCaseByTrackingCode(ctx.tx, code);
  const theirs = !!kase && kase.citizenId !== null && citizenIds.includes(kase.citizenId);
  if (!theirs && !reference.accessKey) {
    await say(ZALO_TEXTS.askForKey.vi(code), ZALO_TEXTS.askForKey.en(code));
    return { kind: 'recorded', note: `tracking code ${code} without its access key; asked for the key` };
  }
  if (!kase || (!theirs && !accessKeyMatches(kase.accessKeyHash, reference.accessKey!))) {
    await say(ZALO_TEXTS.noSuchCase.vi(code), ZALO_TEXTS.noSuchCase.en(code));
    return { kind: 'recorded', note: `tracking code ${code} with a key that does not match` };
  }
  if (!theirs) await linkZaloUserToCase(ctx.tx, kase, oa.oaId, userId);
  const finished = !isOpenStatus(kase.status);
  if (reference.rest && !finished) {
    await addCitizenMessage(ctx.tx, ctx.sla, kase.id, {
      channel: 'zalo',
      body: reference.rest,
      externalId: event.message?.msg_id ?? null,
      receivedAt: ctx.item.receivedAt,
    });
  }
  if (finished) await say(ZALO_TEXTS.linkedFinished.vi(code), ZALO_TEXTS.linkedFinished.en(code));
  else if (theirs) await say(ZALO_TEXTS.addedToCase.vi(code), ZALO_TEXTS.addedToCase.en(code));
  else await say(ZALO_TEXTS.linked.vi(code), ZALO_TEXTS.linked.en(code));
  return { kind: 'case', caseId: kase.id, created: false };
}

/**
 * The citizen taps one of the similar open cases offered in chat: their own case (the newest one
 * it was offered to) is merged into it, through the one path, as the citizen's choice; the merge
 * notice answers them, and they hear the master's answer when it comes. Anything not offered, or
 * a case finished meanwhile, is answered with why, and their case stays as it is.
 */
async function joinSimilarCase(
  ctx: IntakeContext,
  citizenIds: number[],
  code: string,
  say: (vi: string, en: string) => Promise<void>,
): Promise<HandledItem> {
  const ownId = await findCaseOfferedToJoin(ctx.tx, citizenIds, code);
  const master = ownId ? await findCaseByTrackingCode(ctx.tx, code) : null;
  const own = ownId ? await ctx.tx.findOne(Case, ownId, { fields: ['id', 'status'] }) : null;
  if (!own || !master || !isOpenStatus(own.status) || !isJoinableSimilarCase(master.status)) {
    await say(ZALO_TEXTS.cannotJoin.vi(code), ZALO_TEXTS.cannotJoin.en(code));
    return { kind: 'recorded', note: `asked to join ${code}, which was not offered or is not open` };
  }
  const merged = await changeCase(ctx.tx, ctx.sla, own.id, {
    event: { type: 'merge', intoCaseId: master.id, reason: 'the citizen chose a similar case offered in chat' },
    context: { actor: { kind: 'citizen', relation: 'none' } },
    actor: { actorType: 'citizen', actor: 'citizen:zalo', userId: null },
    now: ctx.item.receivedAt,
    auditExtra: { chosenByCitizen: true, intoTrackingCode: code },
  });
  return { kind: 'case', caseId: merged.caseId, created: false };
}

/**
 * The citizen's verdict on an answer, from the buttons under it: on their own answered case,
 * within the period, "Hài lòng" closes it rated 5 and "Chưa hài lòng" reopens it (the unit is
 * told). Anything else is answered with why, and nothing changes.
 */
async function giveVerdict(
  ctx: IntakeContext,
  citizenIds: number[],
  verdict: { satisfied: boolean; trackingCode: string },
  say: (vi: string, en: string) => Promise<void>,
): Promise<HandledItem> {
  const code = verdict.trackingCode;
  const kase = await findCaseByTrackingCode(ctx.tx, code);
  const own = kase && kase.citizenId !== null && citizenIds.includes(kase.citizenId) ? kase : null;
  const locked = own ? await ctx.tx.findOne(Case, own.id, { fields: ['id', 'status', 'autoCloseDueAt'] }) : null;
  const now = ctx.item.receivedAt;
  if (!locked || !isReopenWindowOpen(locked.status, locked.autoCloseDueAt ?? null, now)) {
    await say(ZALO_TEXTS.cannotRate.vi(code), ZALO_TEXTS.cannotRate.en(code));
    return { kind: 'recorded', note: `a verdict on ${code}, which is not this user's answered case in its period` };
  }
  await changeCase(ctx.tx, ctx.sla, locked.id, {
    event: verdict.satisfied
      ? { type: 'close', satisfaction: 5 }
      : { type: 'reopen', reason: 'Chưa hài lòng với kết quả giải quyết (qua Zalo)' },
    context: { actor: { kind: 'citizen', relation: 'none' }, facts: { reopenWindowOpen: true } },
    actor: { actorType: 'citizen', actor: 'citizen:zalo', userId: null },
    now,
    origin: { channel: 'zalo', externalId: null },
  });
  if (verdict.satisfied) await say(ZALO_TEXTS.rated.vi(code), ZALO_TEXTS.rated.en(code));
  else await say(ZALO_TEXTS.reopenedByChat.vi(code), ZALO_TEXTS.reopenedByChat.en(code));
  return { kind: 'case', caseId: locked.id, created: false };
}

/**
 * The citizen takes their own answered case to the level above from the chat: as on the status
 * page, the case closes and a linked one opens at the parent unit; they are told its code, or why
 * not (the rule and the window are the machine's, through the one path).
 */
async function appealInChat(
  ctx: IntakeContext,
  citizenIds: number[],
  code: string,
  say: (vi: string, en: string) => Promise<void>,
): Promise<HandledItem> {
  const kase = await findCaseByTrackingCode(ctx.tx, code);
  if (!kase || kase.citizenId === null || !citizenIds.includes(kase.citizenId)) {
    await say(ZALO_TEXTS.cannotRate.vi(code), ZALO_TEXTS.cannotRate.en(code));
    return { kind: 'recorded', note: `an appeal of ${code}, which is not this user's case` };
  }
  try {
    const appeal = await appealCase(
      ctx.tx,
      ctx.sla,
      kase.id,
      {
        reason: 'Chưa hài lòng với kết quả giải quyết, đề nghị cơ quan cấp trên xem xét (qua Zalo)',
        now: ctx.item.receivedAt,
        origin: { channel: 'zalo', externalId: null },
      },
      ctx.createCase,
    );
    await say(ZALO_TEXTS.appealed.vi(code, appeal.trackingCode), ZALO_TEXTS.appealed.en(code, appeal.trackingCode));
    return { kind: 'case', caseId: appeal.caseId, created: true };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    const why = String(
      (error.details?.fields as Array<{ message: string }> | undefined)?.[0]?.message ?? error.message,
    );
    await say(ZALO_TEXTS.cannotAppeal.vi(code, APPEAL_REFUSALS_VI[why] ?? why), ZALO_TEXTS.cannotAppeal.en(code, why));
    return { kind: 'recorded', note: `an appeal of ${code} refused: ${why}` };
  }
}

/** The appeal's refusals (appeal-case.ts) in Vietnamese, for the chat. */
const APPEAL_REFUSALS_VI: Record<string, string> = {
  'only an answered case can be taken to the level above':
    'chỉ hồ sơ đã có kết quả trả lời mới có thể kiến nghị lên cấp trên.',
  'the period for this answer has ended; submit a new case that refers to this tracking code':
    'đã quá thời hạn; ông/bà có thể gửi phản ánh mới kèm mã hồ sơ này.',
  'ask for the answer to be reconsidered first (reopen); if the next answer does not settle it, you can appeal':
    'xin đề nghị xem xét lại trước (bấm "Chưa hài lòng"); nếu kết quả lần sau vẫn chưa thỏa đáng, ông/bà có thể kiến nghị lên cấp trên.',
};

/** A commune's OA places its chats in the commune (and its province); another unit's names no place. */
async function placeOfUnit(
  tx: EntityManager,
  unitCode: string,
): Promise<{ communeCode: string | null; provinceCode: string | null }> {
  const unit = await tx.findOne(OrgUnit, { code: unitCode }, { populate: ['parent'] });
  if (unit?.level === 'commune') return { communeCode: unit.code, provinceCode: unit.parent?.code ?? null };
  if (unit?.level === 'province') return { communeCode: null, provinceCode: unit.code };
  return { communeCode: null, provinceCode: null };
}

/** The open case a message from this user belongs to: the one they quoted, else the one awaiting them, else the latest. */
async function openCaseFor(
  tx: EntityManager,
  citizenIds: number[],
  quotedMessageId: string | null,
): Promise<Case | null> {
  const id = await findOpenCaseOfCitizens(tx, citizenIds, quotedMessageId);
  return id === null ? null : tx.findOne(Case, id);
}

async function submitInfo(tx: EntityManager, event: ZaloEvent, oaId: string, userId: string): Promise<HandledItem> {
  const info = event.info ?? {};
  // Two shapes exist (zalo-oa.md §1.4): `full_address{…}` now, flat `address/city/district/ward` before.
  const full = info.full_address as Record<string, string> | undefined;
  const address = full
    ? [full.user_address, full.user_ward, full.user_city].filter(Boolean).join(', ')
    : [info.address, info.ward, info.district, info.city].filter(Boolean).join(', ');
  const name = typeof info.name === 'string' ? info.name : null;
  const phone = typeof info.phone === 'string' ? info.phone : null;
  await storeZaloContact(tx, oaId, userId, { name, phone, address });
  return { kind: 'recorded', note: 'contact data stored' };
}

/** A Zalo text not tied to a case event (a welcome, an explanation), queued as a job like every other message. */
export async function queueZaloText(
  tx: EntityManager,
  oaId: string,
  userId: string,
  text: string,
  dedupeKey: string,
): Promise<void> {
  await queueMessages(tx, [
    { kind: 'zalo', payload: { audience: 'zaloUser', dedupeKey, template: 'zaloText', oaId, userId, text } },
  ]);
}
