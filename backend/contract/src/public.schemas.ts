import { CASE_STATUSES, CHANNELS, LANGUAGES, LEGAL_TRACKS } from '@caunoi/workflows';
import { z } from './zod';

const isoDate = z.string().openapi({ format: 'date-time' });
const namedUnit = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });

const flag = z.preprocess(
  (v) => (typeof v === 'string' ? ['true', 'on', '1', 'yes'].includes(v.toLowerCase()) : v),
  z.boolean(),
);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max).optional(),
  );

/** A coordinate as a form or JSON sends it (a number or its text), within its range. */
const coordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v),
    z.number({ error: 'a number in degrees (WGS 84)' }).min(min).max(max).optional(),
  );

/**
 * What a citizen (or a portal built on CauNoi) sends: JSON, a form, or multipart with files as
 * `attachments`. The portal intake validates with this schema; its messages are what the citizen
 * reads beside the field (translated on the form pages).
 */
export const ZPortalSubmission = z
  .object({
    title: z.string({ error: 'a short title is required' }).trim().min(5, 'at least 5 characters').max(300),
    body: z.string({ error: 'describe the matter' }).trim().min(10, 'at least 10 characters').max(20_000),
    categoryCode: optionalText(60),
    provinceCode: optionalText(16),
    communeCode: optionalText(16),
    placeText: optionalText(300),
    lat: coordinate(-90, 90).openapi({
      description: 'WGS 84, with long; kept on the case (routing goes by the commune fields)',
    }),
    long: coordinate(-180, 180),
    attributes: z
      .record(z.string().max(60), z.union([z.string().max(2000), z.number()]))
      .optional()
      .openapi({
        description:
          "The category's details, code → answer (GET /open311/v2/services/{code}.json lists them); a form sends `attributes[code]` fields",
      }),
    name: optionalText(200),
    email: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.email('not an email address').max(320).optional(),
    ),
    phone: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 .-]{8,16}$/, 'digits, 8 to 15 of them')
        .optional(),
    ),
    language: z.enum(LANGUAGES).default('vi'),
    anonymous: flag.default(false),
    consent: flag
      .default(false)
      .openapi({ description: 'Required (true) when name, email or phone is given (Decree 13/2023)' }),
    publish: flag.default(false).openapi({
      description:
        'The citizen agrees that the question and its answer may appear in the public register, with personal data masked (default: no)',
    }),
    /** The honeypot: hidden from people, filled in by form-spamming robots. */
    website: z
      .string()
      .max(0, 'leave this field empty')
      .optional()
      .openapi({ description: 'The honeypot: leave it out' }),
  })
  .refine((s) => (s.lat === undefined) === (s.long === undefined), {
    path: ['long'],
    message: 'send lat and long together',
  })
  .refine((s) => s.consent || (!s.email && !s.phone && !s.name), {
    path: ['consent'],
    message: 'agree to the processing of your contact data (Decree 13/2023), or leave name, email and phone empty',
  })
  .openapi('PortalSubmission');

export const ZPortalReply = z
  .object({
    key: z.string({ error: 'the access key from your acknowledgement is required' }).trim().min(6).max(40),
    action: z.enum(['message', 'reopen', 'rate', 'appeal', 'publication']).default('message'),
    message: optionalText(20_000),
    satisfaction: z.coerce.number().int().min(1).max(5).optional(),
    /** With `publication`: whether the question and its answer may be published, masked. */
    publish: z.enum(['yes', 'no']).optional(),
  })
  .refine((r) => r.action === 'rate' || r.action === 'publication' || !!r.message, {
    path: ['message'],
    message: 'write your message',
  })
  .refine((r) => r.action !== 'publication' || r.publish !== undefined, {
    path: ['publish'],
    message: 'choose yes or no',
  })
  .refine((r) => r.action !== 'rate' || r.satisfaction !== undefined, {
    path: ['satisfaction'],
    message: 'choose 1 to 5',
  })
  .openapi('PortalReply');

/** The acknowledgement: the tracking code and the key that opens the status page. */
export const ZSubmissionReceipt = z
  .object({
    trackingCode: z.string().openapi({ example: 'CN.20261122.00042' }),
    accessKey: z.string(),
    status: z.enum(CASE_STATUSES),
    statusUrl: z.string(),
    expectedAnswerAt: isoDate.nullable().openapi({ description: 'The answer date promised at receipt' }),
  })
  .openapi('SubmissionReceipt');

/** Stored, not yet a case (the database was busy): the same Idempotency-Key gets the tracking code later. */
export const ZSubmissionQueued = z
  .object({ received: z.literal(true), message: z.string() })
  .openapi('SubmissionQueued');

/** What a citizen sees on the status page: their case, the conversation, the milestones; never an officer's name. */
export const ZPublicCase = z
  .object({
    trackingCode: z.string(),
    title: z.string(),
    body: z.string(),
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    language: z.string(),
    receivedAt: isoDate,
    category: namedUnit.nullable(),
    handlingUnit: namedUnit,
    resolveDueAt: isoDate.nullable(),
    expectedAnswerAt: isoDate.nullable().openapi({
      description: 'The answer date the citizen was told at receipt, or the resolve deadline once it runs',
    }),
    citizenReplyDueAt: isoDate.nullable(),
    resolvedAt: isoDate.nullable(),
    satisfaction: z.number().int().min(1).max(5).nullable(),
    canReply: z.boolean(),
    canReopen: z.boolean(),
    reopenUntil: isoDate.nullable(),
    canRate: z.boolean(),
    /** Dissatisfied a second time, or on a complaint: the case may go to the level above (within the window). */
    canAppeal: z.boolean(),
    /** The case this one appeals, and the case an appeal of this one opened (tracking codes). */
    appealOf: z.string().nullable(),
    appealedTo: z.string().nullable(),
    /** The citizen's choice about publication (default: not published), and the register entry once published. */
    publicationConsent: z.boolean(),
    registerUrl: z.string().nullable(),
    messages: z.array(
      z.object({
        direction: z.enum(['inbound', 'outbound']),
        subject: z.string().nullable(),
        body: z.string(),
        at: isoDate,
        attachments: z.array(z.string()).openapi({ description: 'File names' }),
        files: z
          .array(z.object({ id: z.number().int(), fileName: z.string() }))
          .openapi({ description: 'The same files, to download from the status page (`/track/file`)' }),
      }),
    ),
    milestones: z.array(z.object({ type: z.string(), toStatus: z.enum(CASE_STATUSES).nullable(), at: isoDate })),
  })
  .openapi('PublicCase');
export type TPublicCase = z.infer<typeof ZPublicCase>;

/** The portal's pickers: active categories and the 34 provinces. */
export const ZPublicReference = z
  .object({
    categories: z.array(
      z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), legalTrack: z.enum(LEGAL_TRACKS) }),
    ),
    provinces: z.array(namedUnit),
  })
  .openapi('PublicReference');

export const ZPublicCommune = namedUnit.extend({ kind: z.string() }).openapi('PublicCommune');

/** The portal's "is it one of these?" before submitting: what the citizen has typed so far. */
export const ZSimilarQuery = z.object({
  title: z.string().trim().min(3, 'at least 3 characters').max(300),
  body: z.string().max(2000).optional(),
  communeCode: z.string().max(16).optional(),
  provinceCode: z.string().max(16).optional(),
});

export const ZSimilarPublicCase = z
  .object({
    trackingCode: z.string(),
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    supportCount: z.number().int(),
    receivedAt: isoDate,
  })
  .openapi('SimilarPublicCase');

/** Another citizen supports an open case instead of filing it again; with an email (and consent) they are told when it is answered. */
export const ZPortalSupport = z
  .object({
    email: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.email('not an email address').max(320).optional(),
    ),
    consent: flag.default(false),
    language: z.enum(LANGUAGES).default('vi'),
  })
  .refine((s) => s.consent || !s.email, {
    path: ['consent'],
    message: 'agree to the processing of your email address (Decree 13/2023), or leave it empty',
  })
  .openapi('PortalSupport');

export const ZSupportReceipt = z
  .object({
    trackingCode: z.string(),
    supportCount: z.number().int(),
    following: z.boolean().openapi({ description: 'Told by email when the case is answered' }),
  })
  .openapi('SupportReceipt');
