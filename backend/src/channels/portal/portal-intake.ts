import { ZPortalReply, ZPortalSubmission, ZPortalSupport } from '@caunoi/contract';
import { Case, type EntityManager, addCaseSupporter, countSupporter } from '@caunoi/db';
import { FINAL_CASE_STATUSES, checkAttributes, isReopenWindowOpen, titleFromText } from '@caunoi/workflows';
import { changeCase } from '../../transitions/change-case';
import { AppError } from '../../http/app-error';
import { parseOrReject } from '../../http/from-zod';
import { accessKeyMatches } from '../../transitions/access-key';
import { addCitizenMessage } from '../../transitions/add-citizen-message';
import { appealCase } from '../../transitions/appeal-case';
import { withdrawConsentedEntry } from '../../transitions/register-entries';
import { type CheckedAttachment, checkAttachment } from '../../transitions/attachments';
import type { HandledItem, IntakeContext, IntakeHandler, IntakePreparation } from '../../intake/intake-processor';
import type { SubmissionInput } from '../../transitions/submit-case';
import { toPlainText } from '../../intake/plain-text';
import { routeSubmission } from '../../routing/route-submission';
import { readFormBody } from './read-form-body';

/** The national portal receives on behalf of the Government Office; routing sends the case on. */
export const PORTAL_RECEIVING_UNIT = 'VPCP';

/** Items of the portal channel: a new submission, or a citizen's reply on the status page. */
export function createPortalIntakeHandler(): IntakeHandler {
  return {
    async handle(ctx) {
      if (ctx.item.meta.kind === 'reply') return handleReply(ctx);
      if (ctx.item.meta.kind === 'support') return handleSupport(ctx);
      const submitted = await ctx.createCase(await readSubmission(ctx));
      return { kind: 'case', caseId: submitted.caseId, created: true };
    },
    // A new submission only reads before its case is created, so a group of them is created together.
    async prepare(ctx) {
      return ctx.item.meta.kind === 'reply' || ctx.item.meta.kind === 'support' ? null : readSubmission(ctx);
    },
  };
}

/** The form as the case it asks for: parsed, checked, its files checked and its place routed (reads only). */
async function readSubmission(ctx: IntakePreparation): Promise<SubmissionInput> {
  const form = await readFormBody(ctx.item.raw, ctx.item.contentType);
  const open311 = ctx.item.meta.kind === 'open311';
  const input = open311
    ? withOpen311FieldNames(() => parseOrReject(ZPortalSubmission, fromOpen311(form.fields)))
    : parseOrReject(ZPortalSubmission, withBracketedAttributes(form.fields, 'attributes'));
  const attachments = await checkFiles(form.files);
  const route = await routeSubmission(
    ctx.tx,
    input.categoryCode ?? null,
    {
      provinceCode: input.provinceCode ?? null,
      communeCode: input.communeCode ?? null,
      placeText: input.placeText ?? null,
      point:
        input.lat !== undefined && input.long !== undefined ? { latitude: input.lat, longitude: input.long } : null,
      freeText: `${input.title}\n${input.body}`,
    },
    await ctx.routing(),
  );
  const problems: Array<{ field: string; message: string; code: string; params: Record<string, string> }> = [
    ...(route.place.problems ?? []),
  ];
  if (input.categoryCode && !(await ctx.routing()).category(input.categoryCode))
    problems.unshift({
      field: 'categoryCode',
      message: `no category has the code ${input.categoryCode}; use a code from /api/public/reference`,
      code: 'category.unknown',
      params: { code: input.categoryCode },
    });
  const details = checkAttributes(input.categoryCode, input.attributes ?? {});
  problems.push(...details.problems);
  // A code that names nothing is refused, as any other wrong field: dropping it would route the case elsewhere.
  if (problems.length) {
    const refusal = new AppError('VALIDATION_FAILED', `Invalid ${problems.map((p) => p.field).join(', ')}`, {
      fields: problems,
    });
    throw open311 ? inOpen311Names(refusal) : refusal;
  }
  const hasContact = !!(input.name || input.email || input.phone);
  return {
    title: toPlainText(input.title),
    body: toPlainText(input.body),
    language: input.language,
    channel: 'portal',
    categoryCode: input.categoryCode ?? null,
    provinceCode: route.place.provinceCode,
    communeCode: route.place.communeCode,
    placeText: input.placeText ?? null,
    latitude: input.lat ?? null,
    longitude: input.long ?? null,
    attributes: details.values,
    citizen: hasContact
      ? {
          name: input.name ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          consentAt: ctx.item.receivedAt,
        }
      : null,
    anonymous: input.anonymous,
    publicationConsent: input.publish,
    receivingUnitCode: PORTAL_RECEIVING_UNIT,
    routeToUnitCode: route.decision.kind === 'unit' ? route.decision.unitCode : null,
    triageUnitCode: route.decision.kind === 'triage' ? route.decision.deskUnitCode : null,
    receivedAt: ctx.item.receivedAt,
    externalMessageId: null,
    attachments,
  };
}

/**
 * Another citizen supports an open case (found by its tracking code alone: supporting reveals
 * nothing of it) instead of filing the same again: the case records it and counts them, and an
 * email given with consent is told when the case is answered.
 */
async function handleSupport(ctx: IntakeContext): Promise<HandledItem> {
  const form = await readFormBody(ctx.item.raw, ctx.item.contentType);
  const support = parseOrReject(ZPortalSupport, form.fields);
  const code = String(ctx.item.meta.trackingCode ?? '');
  const found = await ctx.tx.findOne(Case, { trackingCode: code }, { fields: ['id', 'status'] });
  if (!found) throw new AppError('NOT_FOUND', `No case ${code}`);
  if ((FINAL_CASE_STATUSES as readonly string[]).includes(found.status) || found.status === 'received')
    throw new AppError('CONFLICT', `Case ${code} is finished; submit a new one if the matter is not settled`, {
      status: found.status,
    });
  await changeCase(ctx.tx, ctx.sla, found.id, {
    event: { type: 'support' },
    context: { actor: { kind: 'citizen', relation: 'none' } },
    actor: { actorType: 'citizen', actor: 'citizen:supporter', userId: null },
    now: ctx.item.receivedAt,
    auditExtra: { following: !!support.email },
  });
  await countSupporter(ctx.tx, found.id);
  await addCaseSupporter(ctx.tx, found.id, { email: support.email ?? null, language: support.language });
  return { kind: 'case', caseId: found.id, created: false };
}

async function handleReply(ctx: IntakeContext): Promise<HandledItem> {
  const form = await readFormBody(ctx.item.raw, ctx.item.contentType);
  const reply = parseOrReject(ZPortalReply, form.fields);
  const kase = await findCaseByKey(ctx.tx, String(ctx.item.meta.trackingCode ?? ''), reply.key);
  const attachments = await checkFiles(form.files);
  const now = ctx.item.receivedAt;
  if (reply.action === 'message') {
    const added = await addCitizenMessage(ctx.tx, ctx.sla, kase.id, {
      channel: 'portal',
      body: toPlainText(reply.message!),
      externalId: null,
      attachments,
      receivedAt: now,
    });
    if (added.kind === 'followUp') {
      throw new AppError('CONFLICT', `Case ${kase.trackingCode} is finished`, {
        fields: [
          { field: 'action', message: 'this case is finished; submit a new one that refers to its tracking code' },
        ],
      });
    }
    return { kind: 'case', caseId: kase.id, created: false };
  }
  if (reply.action === 'appeal') {
    const appeal = await appealCase(
      ctx.tx,
      ctx.sla,
      kase.id,
      { reason: toPlainText(reply.message!), now, origin: { channel: 'portal', externalId: null } },
      ctx.createCase,
    );
    // The citizen goes on to the new case: its page is where the appeal is followed.
    return { kind: 'case', caseId: appeal.caseId, created: true };
  }
  if (reply.action === 'publication') {
    const consent = reply.publish === 'yes';
    await changeCase(ctx.tx, ctx.sla, kase.id, {
      event: { type: 'setPublicationConsent', consent },
      context: { actor: { kind: 'citizen', relation: 'none' } },
      actor: { actorType: 'citizen', actor: 'citizen', userId: null },
      now,
      refused: (_refusal, locked) =>
        new AppError('VALIDATION_FAILED', `Cannot change the publication of case ${locked.trackingCode}`, {
          fields: [
            {
              field: 'publish',
              message: 'a case that was rejected or merged is never published',
              code: 'publish.refused',
            },
          ],
        }),
    });
    if (!consent) await withdrawConsentedEntry(ctx.tx, kase.id, now);
    return { kind: 'case', caseId: kase.id, created: false };
  }
  const event =
    reply.action === 'reopen'
      ? { type: 'reopen' as const, reason: toPlainText(reply.message!) }
      : { type: 'close' as const, satisfaction: reply.satisfaction! };
  await changeCase(ctx.tx, ctx.sla, kase.id, {
    event,
    context: (locked) => ({
      actor: { kind: 'citizen', relation: 'none' },
      facts: { reopenWindowOpen: isReopenWindowOpen(locked.status, locked.autoCloseDueAt ?? null, now) },
    }),
    actor: { actorType: 'citizen', actor: 'citizen', userId: null },
    now,
    origin: { channel: 'portal', externalId: null },
    // The citizen is told, beside the field, what they can do instead.
    refused: (_refusal, locked) => {
      const message =
        reply.action === 'reopen'
          ? locked.status === 'resolved'
            ? 'the period for reopening this answer has ended; submit a new case that refers to this tracking code'
            : 'only an answered case can be reopened'
          : 'a case can be rated once it has been answered';
      return new AppError('VALIDATION_FAILED', `Cannot ${reply.action} case ${locked.trackingCode} now`, {
        fields: [{ field: 'action', message, code: `action.${reply.action}Refused` }],
      });
    },
  });
  return { kind: 'case', caseId: kase.id, created: false };
}

async function checkFiles(files: Awaited<ReturnType<typeof readFormBody>>['files']): Promise<CheckedAttachment[]> {
  const checked: CheckedAttachment[] = [];
  for (const [index, file] of files.entries()) checked.push(await checkAttachment(file, `attachments[${index}]`));
  return checked;
}

/** The same 404 for an unknown code and a wrong key: the status page does not confirm that a code exists. */
export async function findCaseByKey(em: EntityManager, trackingCode: string, key: string): Promise<Case> {
  const kase = await em.findOne(Case, { trackingCode });
  if (!kase || !accessKeyMatches(kase.accessKeyHash, key)) {
    throw new AppError('NOT_FOUND', 'No case with this tracking code and access key', {
      fields: [{ field: 'key', message: 'check the tracking code and the access key in your acknowledgement' }],
    });
  }
  return kase;
}

/**
 * An Open311 GeoReport v2 `POST requests` as the portal's form: `description` is the body (its
 * first line the title), `service_code` the category, `address_id` a commune code,
 * `address_string` the place, the submitter's names and contacts the citizen's. The agency's
 * system asserts the citizen's consent to the processing of their contact data (its terms with
 * the Government Office say so). `media_url` is kept as a line of the body.
 */
function fromOpen311(fields: Record<string, unknown>): Record<string, unknown> {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const description = text(fields.description);
  const media = text(fields.media_url);
  const name = [text(fields.first_name), text(fields.last_name)].filter(Boolean).join(' ');
  const located = text(fields.lat) || text(fields.long) || text(fields.address_string) || text(fields.address_id);
  if (!located)
    throw new AppError('VALIDATION_FAILED', 'A location is required', {
      fields: [{ field: 'lat', message: 'send lat and long, address_string or address_id' }],
    });
  if (!text(fields.service_code))
    throw new AppError('VALIDATION_FAILED', 'service_code is required', {
      fields: [{ field: 'service_code', message: 'a service_code from GET services' }],
    });
  return {
    title: titleFromText(description, 120),
    body: media ? `${description}\n\n[media: ${media}]` : description,
    categoryCode: text(fields.service_code),
    communeCode: text(fields.address_id) || undefined,
    placeText: text(fields.address_string) || undefined,
    lat: fields.lat,
    long: fields.long,
    name: name || undefined,
    email: text(fields.email) || undefined,
    phone: text(fields.phone) || undefined,
    language: text(fields.locale).toLowerCase().startsWith('en') ? 'en' : 'vi',
    consent: true,
    attributes: withBracketedAttributes(fields, 'attribute').attributes,
  };
}

/**
 * `attribute[code]=value` (Open311) or `attributes[code]=value` (a form) as one `attributes`
 * object; a JSON body that already sends `attributes` as an object keeps it.
 */
function withBracketedAttributes(fields: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const pattern = new RegExp(`^${prefix}\\[([^\\]]{1,60})\\]$`);
  const bracketed = Object.entries(fields).flatMap(([name, value]) => {
    const code = pattern.exec(name)?.[1];
    return code ? [[code, Array.isArray(value) ? value[0] : value] as const] : [];
  });
  if (!bracketed.length) return prefix === 'attributes' ? fields : { ...fields, attributes: undefined };
  const rest = Object.fromEntries(Object.entries(fields).filter(([name]) => !pattern.test(name)));
  return { ...rest, attributes: Object.fromEntries(bracketed) };
}

/** The portal's field names in a refusal, as an Open311 client sent them. */
const OPEN311_NAMES: Record<string, string> = {
  title: 'description',
  body: 'description',
  categoryCode: 'service_code',
  communeCode: 'address_id',
  placeText: 'address_string',
  name: 'first_name',
};

function withOpen311FieldNames<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof AppError ? inOpen311Names(error) : error;
  }
}

function inOpen311Names(error: AppError): AppError {
  if (!Array.isArray(error.details?.fields)) return error;
  const fields = (error.details.fields as Array<{ field: string }>).map((f) => ({
    ...f,
    field: OPEN311_NAMES[f.field] ?? f.field.replace(/^attributes\.(.+)$/, 'attribute[$1]'),
  }));
  return new AppError(error.code, error.message, { ...error.details, fields });
}
