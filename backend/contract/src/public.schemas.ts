import { CASE_STATUSES, CHANNELS, LEGAL_TRACKS } from '@caunoi/workflows';
import { z } from './zod';

const isoDate = z.string().openapi({ format: 'date-time' });
const namedUnit = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });

/** What a citizen (or a portal built on CauNoi) sends: JSON, a form, or multipart with files as `attachments`. */
export const ZPortalSubmission = z
  .object({
    title: z.string().min(5).max(300),
    body: z.string().min(10).max(20_000),
    categoryCode: z.string().optional(),
    provinceCode: z.string().optional().openapi({ example: '01' }),
    communeCode: z.string().optional().openapi({ example: '00004' }),
    placeText: z.string().max(300).optional(),
    lat: z.number().min(-90).max(90).optional().openapi({ description: 'WGS 84; with long' }),
    long: z.number().min(-180).max(180).optional(),
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    language: z.enum(['vi', 'en']).optional(),
    anonymous: z.boolean().optional(),
    consent: z
      .boolean()
      .optional()
      .openapi({ description: 'Required (true) when name, email or phone is given (Decree 13/2023)' }),
  })
  .openapi('PortalSubmission');

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
    messages: z.array(
      z.object({
        direction: z.enum(['inbound', 'outbound']),
        subject: z.string().nullable(),
        body: z.string(),
        at: isoDate,
        attachments: z.array(z.string()).openapi({ description: 'File names' }),
      }),
    ),
    milestones: z.array(z.object({ type: z.string(), toStatus: z.enum(CASE_STATUSES).nullable(), at: isoDate })),
  })
  .openapi('PublicCase');
export type TPublicCase = z.infer<typeof ZPublicCase>;

export const ZPortalReply = z
  .object({
    key: z.string(),
    action: z.enum(['message', 'reopen', 'rate']).optional(),
    message: z.string().optional(),
    satisfaction: z.number().int().min(1).max(5).optional(),
  })
  .openapi('PortalReply');

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
