import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { routeSubmission } from '../../routing/route-submission';
import { Case, Citizen, type EntityManager, findCaseOfCitizenMail } from '@caunoi/db';
import { automatedMailReason, guessLanguage, stripQuotedReply, titleFromText } from '@caunoi/workflows';
import { AppError } from '../../http/app-error';
import { addCitizenMessage } from '../../transitions/add-citizen-message';
import { type CheckedAttachment, checkAttachment } from '../../transitions/attachments';
import type { HandledItem, IntakeContext, IntakeHandler } from '../../intake/intake-processor';
import { toPlainText, withoutNul } from '../../intake/plain-text';
import { queueMessages } from '../../transitions/delivery-jobs';
import { trackingCodeFromMessageIds, trackingCodeInSubject } from '../../adapters/mail-ids';
import type { RecipientTarget } from './mail-recipients';

export interface EmailIntakeDeps {
  secret: string;
  intakeDomain: string;
  /** Receives mail sent to a general address (triage). */
  triageUnitCode: string;
}

/**
 * A mail becomes a case, or a message on the case it answers. It threads by our signed
 * Message-IDs in In-Reply-To/References, then by the citizen's own earlier Message-IDs, then by a
 * tracking code in the subject when the sender is the case's citizen. Automated mail (auto-replies,
 * bounces, lists) is kept raw and ignored, so we never answer a robot.
 */
export function createEmailIntakeHandler(deps: EmailIntakeDeps): IntakeHandler {
  return {
    async handle(ctx) {
      const mail = await readMail(ctx.item.raw);
      const headers = headerMap(mail);
      const sender = firstAddress(mail.from);
      const envelopeFrom = (ctx.item.meta.envelopeFrom as string | null | undefined) ?? null;
      const automated = automatedMailReason(
        headers,
        envelopeFrom === null ? '' : envelopeFrom,
        sender?.address ?? null,
      );
      if (automated) return { kind: 'ignored', reason: `automated mail: ${automated}` };
      if (!sender?.address) return { kind: 'ignored', reason: 'no sender address to answer' };

      const subject = toPlainText(mail.subject ?? '');
      const fullText = toPlainText(mail.text?.trim() ? mail.text : typeof mail.html === 'string' ? mail.html : '');
      const { attachments, refused } = await checkMailAttachments(mail);
      const refusedNote = refused.length ? `\n\n[${refused.join('; ')}]` : '';
      const existing = await findThreadedCase(ctx.tx, mail, subject, sender.address, deps);

      if (existing) {
        const body = (stripQuotedReply(fullText) || fullText) + refusedNote;
        if (!body.trim() && !attachments.length) throw emptyMail();
        const added = await addCitizenMessage(ctx.tx, ctx.sla, existing.id, {
          channel: 'email',
          subject,
          body: body.trim() || '(tệp đính kèm)',
          externalId: mail.messageId ?? null,
          attachments,
          receivedAt: ctx.item.receivedAt,
        });
        if (added.kind !== 'followUp') return { kind: 'case', caseId: added.caseId, created: false };
        return createFromMail(ctx, deps, {
          subject,
          body: body.trim(),
          sender,
          attachments,
          messageId: mail.messageId ?? null,
          followUpOf: added.finishedCase.trackingCode,
          citizenId: added.finishedCase.citizen?.id ?? null,
        });
      }
      const body = (fullText + refusedNote).trim();
      if (!body && !attachments.length) throw emptyMail();
      return createFromMail(ctx, deps, {
        subject,
        body,
        sender,
        attachments,
        messageId: mail.messageId ?? null,
        followUpOf: null,
        citizenId: null,
      });
    },

    async onRejected(tx, item, error) {
      const mail = await readMail(item.raw).catch(() => null);
      const sender = mail ? firstAddress(mail.from) : null;
      if (!mail || !sender?.address) return;
      const reasons =
        ((error.details?.fields as Array<{ message: string }> | undefined) ?? [])
          .map((f) => `- ${f.message}`)
          .join('\n') || `- ${error.message}`;
      await queueMessages(tx, [
        {
          kind: 'email',
          payload: {
            audience: 'sender',
            dedupeKey: `email-rejected:${item.id}`,
            template: 'mailRefused',
            to: sender.address,
            subject: `Re: ${mail.subject ?? ''}`.trim(),
            inReplyTo: mail.messageId ?? null,
            text: `Thư của ông/bà chưa được tiếp nhận thành phản ánh, kiến nghị:\n${reasons}\nXin gửi lại thư có nội dung.\n\nYour mail could not be registered:\n${reasons}\nPlease send it again with its content.`,
          },
        },
      ]);
    },
  };
}

interface MailFacts {
  subject: string;
  body: string;
  sender: { address: string; name: string };
  attachments: CheckedAttachment[];
  messageId: string | null;
  followUpOf: string | null;
  citizenId: number | null;
}

async function createFromMail(ctx: IntakeContext, deps: EmailIntakeDeps, mail: MailFacts): Promise<HandledItem> {
  const target = ((ctx.item.meta.recipients as Array<RecipientTarget & { address: string }> | undefined) ?? []).find(
    (r) => r.kind === 'unit',
  ) as { unitCode: string } | undefined;
  const title = cleanSubject(mail.subject) || titleFromText(mail.body) || '(không tiêu đề)';
  const citizen = mail.citizenId ? await ctx.tx.findOne(Citizen, mail.citizenId) : null;
  // The general mailbox: the places the mail names choose the triage desk (the commune's, the province's).
  const route = target
    ? null
    : await routeSubmission(ctx.tx, null, { freeText: `${title}\n${mail.body}` }, await ctx.routing());
  const submitted = await ctx.createCase({
    title: title.slice(0, 300),
    body: mail.body || '(tệp đính kèm)',
    language: guessLanguage(`${mail.subject} ${mail.body}`),
    channel: 'email',
    categoryCode: null,
    provinceCode: route?.place.provinceCode ?? null,
    communeCode: route?.place.communeCode ?? null,
    placeText: null,
    citizen: citizen
      ? { existingId: citizen.id }
      : { name: mail.sender.name || null, email: mail.sender.address, phone: null },
    anonymous: false,
    receivingUnitCode: target?.unitCode ?? deps.triageUnitCode,
    // A unit's own mailbox hands the case to that unit; the general mailbox leaves it to triage.
    routeToUnitCode: target?.unitCode ?? null,
    triageUnitCode: route?.decision.kind === 'triage' ? route.decision.deskUnitCode : null,
    receivedAt: ctx.item.receivedAt,
    externalMessageId: mail.messageId,
    attachments: mail.attachments,
    followUpOf: mail.followUpOf,
  });
  return { kind: 'case', caseId: submitted.caseId, created: true };
}

async function findThreadedCase(
  em: EntityManager,
  mail: ParsedMail,
  subject: string,
  senderAddress: string,
  deps: EmailIntakeDeps,
): Promise<Case | null> {
  const ids = [
    ...(mail.inReplyTo ? [mail.inReplyTo] : []),
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []),
  ];
  const signed = trackingCodeFromMessageIds(deps.secret, ids, deps.intakeDomain);
  if (signed) return em.findOne(Case, { trackingCode: signed }, { populate: ['citizen'] });
  if (ids.length) {
    // The citizen answering their own earlier mail (a second thought, a forgotten attachment).
    const caseId = await findCaseOfCitizenMail(em, ids, senderAddress);
    if (caseId !== null) return em.findOne(Case, caseId, { populate: ['citizen'] });
  }
  const written = trackingCodeInSubject(subject);
  if (written) {
    // A code typed in a subject threads only mail from the case's own citizen.
    const kase = await em.findOne(Case, { trackingCode: written }, { populate: ['citizen'] });
    if (kase?.citizen?.email && kase.citizen.email.toLowerCase() === senderAddress.toLowerCase()) return kase;
  }
  return null;
}

async function checkMailAttachments(
  mail: ParsedMail,
): Promise<{ attachments: CheckedAttachment[]; refused: string[] }> {
  const attachments: CheckedAttachment[] = [];
  const refused: string[] = [];
  for (const [index, part] of mail.attachments.entries()) {
    // Inline images of an HTML signature are decoration, not evidence.
    if (part.related && part.contentDisposition === 'inline') continue;
    try {
      attachments.push(
        await checkAttachment(
          {
            fileName: part.filename ?? `attachment-${index + 1}`,
            declaredType: part.contentType,
            content: part.content,
          },
          `attachments[${index}]`,
        ),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push((error.details?.fields as Array<{ message: string }> | undefined)?.[0]?.message ?? error.message);
    }
  }
  return { attachments, refused };
}

function headerMap(mail: ParsedMail): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of mail.headers) {
    // mailparser folds List-Id, List-Unsubscribe… into one `list` entry.
    if (key.toLowerCase() === 'list') map.set('list-id', JSON.stringify(value));
    map.set(
      key.toLowerCase(),
      typeof value === 'string'
        ? value
        : typeof value === 'object' && value && 'value' in value
          ? String((value as { value: unknown }).value)
          : String(value),
    );
  }
  return map;
}

/**
 * The mail as mailparser reads it, with NUL taken out of every text it decoded: an encoded-word
 * or a broken transfer encoding can decode to one, and PostgreSQL cannot store it (the raw bytes
 * keep it).
 */
async function readMail(raw: Buffer): Promise<ParsedMail> {
  const mail = await simpleParser(raw);
  const clean = withoutNul;
  const cleanAddresses = (a: AddressObject | AddressObject[] | undefined) => {
    for (const object of Array.isArray(a) ? a : a ? [a] : [])
      for (const entry of object.value) {
        entry.name = clean(entry.name ?? '');
        if (entry.address) entry.address = clean(entry.address);
      }
  };
  if (mail.subject) mail.subject = clean(mail.subject);
  if (mail.text) mail.text = clean(mail.text);
  if (typeof mail.html === 'string') mail.html = clean(mail.html);
  if (mail.messageId) mail.messageId = clean(mail.messageId);
  if (mail.inReplyTo) mail.inReplyTo = clean(mail.inReplyTo);
  if (mail.references)
    mail.references = (Array.isArray(mail.references) ? mail.references : [mail.references]).map(clean);
  cleanAddresses(mail.from);
  cleanAddresses(mail.to);
  cleanAddresses(mail.cc);
  cleanAddresses(mail.replyTo);
  return mail;
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): { address: string; name: string } | null {
  const list = Array.isArray(from) ? from.flatMap((f) => f.value) : (from?.value ?? []);
  const first = list.find((a) => a.address);
  return first?.address ? { address: first.address.toLowerCase(), name: first.name ?? '' } : null;
}

function cleanSubject(subject: string): string {
  return subject
    .replace(/^((re|fwd?|tr|sv|aw|trả lời|chuyển tiếp)\s*:\s*)+/i, '')
    .replace(/\[CN\.\d{8}\.\d{5,}\]\s*/i, '')
    .trim();
}

function emptyMail(): AppError {
  return new AppError('VALIDATION_FAILED', 'The mail has no content', {
    fields: [
      {
        field: 'body',
        message: 'the mail has no text and no attachment / thư không có nội dung và không có tệp đính kèm',
      },
    ],
  });
}
