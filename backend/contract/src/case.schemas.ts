import { CASE_STATUSES, CHANNELS, LEGAL_TRACKS, SLA_CLOCKS } from '@caunoi/workflows';
import { z } from './zod';
import type { TransitionField } from './transition-fields';

const version = z
  .number()
  .int()
  .min(1)
  .openapi({ description: 'The version of the case you read; a stale one answers 409.' });
const text = (min: number) => z.string().trim().min(min, `must be at least ${min} characters`).max(5000);

/** The transitions officers send (citizens and the sweeper have their own entry points). */
export const ZTransitionRequest = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('route'), version, unitCode: z.string().min(1) }),
    z.object({ type: z.literal('accept'), version }),
    z.object({ type: z.literal('transfer'), version, unitCode: z.string().min(1), reason: text(3) }),
    z.object({ type: z.literal('refuseTransfer'), version, reason: text(3) }),
    z.object({ type: z.literal('reject'), version, reason: text(3) }),
    z.object({
      type: z.literal('merge'),
      version,
      intoCaseId: z.number().int().positive(),
      reason: text(3).optional(),
    }),
    z.object({ type: z.literal('requestInfo'), version, question: text(5) }),
    // The answer may carry files uploaded for it first (POST /api/cases/{id}/attachments): the signed document, photos.
    z.object({
      type: z.literal('respond'),
      version,
      answer: text(5),
      attachmentIds: z.array(z.number().int().positive()).max(5, 'at most 5 files').optional(),
    }),
    // Progress the citizen sees: what is being done and the new expected date (a local day).
    z.object({ type: z.literal('postProgress'), version, note: text(5), expectedDate: z.iso.date() }),
    // The unit head approves a drafted answer (it goes out) or returns it with what to change.
    z.object({ type: z.literal('approveAnswer'), version, note: text(3).optional() }),
    z.object({ type: z.literal('returnAnswer'), version, note: text(3) }),
    z.object({ type: z.literal('close'), version }),
    z.object({ type: z.literal('urge'), version, note: text(3) }),
    z.object({ type: z.literal('assign'), version, officerId: z.number().int().positive() }),
    z.object({ type: z.literal('extendDeadline'), version, reason: text(3) }),
    // Sets or corrects the category (training data for the triage model); in triage it also routes
    // the case as that category routes for its place.
    z.object({ type: z.literal('categorise'), version, categoryCode: z.string().min(1) }),
    // Links another case as related without merging; both cases record it (a supervisor of both).
    z.object({
      type: z.literal('linkRelated'),
      version,
      relatedCaseId: z.number().int().positive(),
      reason: text(3).optional(),
    }),
  ])
  .openapi('TransitionRequest');
export type TTransitionRequest = z.infer<typeof ZTransitionRequest>;

export const jsonParam = <T extends z.ZodType>(schema: T, example: string) =>
  z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be JSON, e.g. ${example}` });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** ra-data-simple-rest's `range=[from, to]` (inclusive), at most `maxRows` rows a page. */
export const rangeParam = (maxRows: number) =>
  jsonParam(
    z
      .tuple([z.number().int().min(0), z.number().int().min(0)])
      .refine(([from, to]) => to >= from && to - from < maxRows, `must be [from, to] with at most ${maxRows} rows`),
    '[0,24]',
  );

const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.array(schema)]).transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.infer<T>>);

export const ZCaseListFilter = z
  .object({
    id: oneOrMany(z.coerce.number().int().positive()).optional(),
    status: oneOrMany(z.enum(CASE_STATUSES)).optional(),
    channel: oneOrMany(z.enum(CHANNELS)).optional(),
    unitCode: z.string().optional(),
    categoryCode: z.string().optional(),
    overdue: z.boolean().optional(),
    /** Overdue and no progress note (nor an extension) posted: what the Government Office presses. */
    withoutProgress: z.boolean().optional(),
    escalationLevel: z.number().int().min(0).max(3).optional(),
    receivedFrom: z.coerce.date().optional(),
    receivedTo: z.coerce.date().optional(),
    q: z.string().max(200).optional(),
  })
  .strict();

/** ra-data-simple-rest: `sort=["receivedAt","DESC"]&range=[0,24]&filter={"status":"routed"}`. */
/** The fields the case list sorts by (the database's named query maps each to its column). */
export const CASE_SORT_FIELDS = [
  'id',
  'trackingCode',
  'title',
  'status',
  'receivedAt',
  'updatedAt',
  'nextDueAt',
  'resolveDueAt',
  'escalationLevel',
] as const;
export type TCaseSortField = (typeof CASE_SORT_FIELDS)[number];

export const ZCaseListQuery = z.object({
  sort: jsonParam(z.tuple([z.enum(CASE_SORT_FIELDS), z.enum(['ASC', 'DESC'])]), '["receivedAt","DESC"]').optional(),
  range: rangeParam(500).optional(),
  filter: jsonParam(ZCaseListFilter, '{"status":"routed"}').optional(),
});

const ZUnitRef = z.object({ code: z.string(), name: z.string() });
const isoDate = z.string().openapi({ format: 'date-time' });

export const ZCaseListItem = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    legalTrack: z.enum(LEGAL_TRACKS),
    language: z.string(),
    category: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
    owningUnit: ZUnitRef,
    place: z.string().nullable(),
    receivedAt: isoDate,
    updatedAt: isoDate,
    nextDueAt: isoDate.nullable(),
    resolveDueAt: isoDate.nullable(),
    /** The deadline of the clock running in the case's state (what "overdue" is measured against); null when none runs. */
    runningDueAt: isoDate.nullable(),
    isPaused: z.boolean(),
    isOverdue: z.boolean(),
    escalationLevel: z.number().int(),
    supportCount: z.number().int(),
    assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    citizenName: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: 'Absent for the Government Office and administrators.' }),
    version: z.number().int(),
  })
  .openapi('CaseListItem');
export type TCaseListItem = z.infer<typeof ZCaseListItem>;

export const ZCaseDetail = ZCaseListItem.extend({
  body: z.string(),
  placeText: z.string().nullable(),
  /** Where the citizen's device or the agency's app said it is (WGS 84); null when not sent. */
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  /** The category's structured details, code → answer (workflows' describeAttributes names them). */
  attributes: z.record(z.string(), z.string()),
  anonymous: z.boolean(),
  receivingUnit: ZUnitRef,
  citizen: z
    .object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      zaloIds: z.record(z.string(), z.string()),
    })
    .nullable()
    .optional()
    .openapi({ description: 'Absent for the Government Office and administrators.' }),
  deadlines: z
    .object(
      Object.fromEntries(SLA_CLOCKS.map((c) => [c, isoDate.nullable()])) as Record<
        (typeof SLA_CLOCKS)[number],
        z.ZodNullable<typeof isoDate>
      >,
    )
    .extend({
      autoClose: isoDate.nullable(),
      pausedAt: isoDate.nullable(),
      pausedSeconds: z.number().int(),
      live: z
        .array(z.string())
        .openapi({ description: 'The clocks that still count in the current state; the others are kept as history.' }),
    }),
  transferCount: z.number().int(),
  reopenCount: z.number().int(),
  extensionCount: z.number().int(),
  satisfaction: z.number().int().nullable(),
  duplicateOf: z.object({ id: z.number().int(), trackingCode: z.string() }).nullable(),
  acceptedAt: isoDate.nullable(),
  resolvedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  timeline: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      actor: z.string(),
      actorName: z.string().nullable(),
      fromStatus: z.enum(CASE_STATUSES).nullable(),
      toStatus: z.enum(CASE_STATUSES).nullable(),
      reason: z.string().nullable(),
      payload: z.record(z.string(), z.unknown()),
      createdAt: isoDate,
    }),
  ),
  messages: z.array(
    z.object({
      id: z.number().int(),
      direction: z.enum(['inbound', 'outbound']),
      channel: z.enum(CHANNELS),
      subject: z.string().nullable(),
      body: z.string(),
      deliveryStatus: z.string(),
      createdAt: isoDate,
      sentAt: isoDate.nullable(),
    }),
  ),
  attachments: z.array(
    z.object({ id: z.number().int(), fileName: z.string(), mime: z.string(), size: z.number().int() }),
  ),
  availableTransitions: z.array(z.string()),
  /** Cases linked as related (not merged), in either direction. */
  related: z.array(
    z.object({ id: z.number().int(), trackingCode: z.string(), title: z.string(), status: z.enum(CASE_STATUSES) }),
  ),
  /** The category model's suggestion (after intake, for cases that came without a category); null when none. */
  suggestion: z
    .object({
      categoryCode: z.string(),
      confidence: z.number().openapi({ description: 'The model’s probability, 0 to 1' }),
      because: z.array(z.string()).openapi({ description: 'The words that weighed most for it' }),
      alternatives: z.array(z.object({ categoryCode: z.string(), confidence: z.number() })),
      signals: z
        .array(z.enum(['complaint', 'denunciation']))
        .openapi({ description: 'Complaint or denunciation words in the text: for the officer to decide the track' }),
      applied: z.boolean().openapi({ description: 'Confident enough to set the category (and route) by itself' }),
      at: isoDate,
    })
    .nullable(),
}).openapi('CaseDetail');
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

/** A file an officer uploaded for an answer, not yet sent (it goes with the answer that names it). */
export const ZUploadedAttachment = z
  .object({ id: z.number().int(), fileName: z.string(), mime: z.string(), size: z.number().int() })
  .openapi('UploadedAttachment');
export type TUploadedAttachment = z.infer<typeof ZUploadedAttachment>;

export const ZAuditVerdict = z
  .object({
    caseId: z.number().int(),
    ok: z.boolean(),
    length: z.number().int().optional(),
    brokenAtSeq: z.number().int().optional(),
    reason: z.string().optional(),
  })
  .openapi('AuditVerdict');

function describeField(field: string, schema: z.ZodType): TransitionField {
  const optional = schema instanceof z.ZodOptional;
  const inner = (optional ? (schema as z.ZodOptional<z.ZodType>).unwrap() : schema) as z.ZodType;
  if (inner instanceof z.ZodNumber) return { field, kind: 'number', optional, minLength: null };
  if (inner instanceof z.ZodISODate) return { field, kind: 'date', optional, minLength: null };
  if (inner instanceof z.ZodArray) return { field, kind: 'files', optional, minLength: null };
  const minLength = inner instanceof z.ZodString ? inner.minLength : null;
  return {
    field,
    kind: field === 'unitCode' ? 'unit' : field === 'categoryCode' ? 'category' : 'text',
    optional,
    minLength,
  };
}

/**
 * What each transition asks for, read from ZTransitionRequest. The admin UI uses the same table as
 * plain data (transition-fields.ts, without zod in the browser); a test keeps the two equal.
 */
export function deriveTransitionFields(): Record<TTransitionRequest['type'], TransitionField[]> {
  return Object.fromEntries(
    ZTransitionRequest.options.map((option) => [
      option.shape.type.value,
      Object.entries(option.shape as Record<string, z.ZodType>)
        .filter(([field]) => field !== 'type' && field !== 'version')
        .map(([field, schema]) => describeField(field, schema)),
    ]),
  ) as Record<TTransitionRequest['type'], TransitionField[]>;
}

/**
 * What a transition answers when the client asks for a minimal reply (`Prefer: return=minimal`,
 * RFC 7240): the case's new state and version, without reading its page again (an officer's
 * screen reloads the page anyway).
 */
export const ZTransitionResult = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    status: z.string(),
    version: z.number().int(),
    owningUnit: z.object({ code: z.string() }),
  })
  .openapi('TransitionResult');
export type TTransitionResult = z.infer<typeof ZTransitionResult>;

/** A likely duplicate of a case (GET /api/cases/{id}/similar): how alike, and why. */
export const ZSimilarCase = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    owningUnit: ZUnitRef,
    receivedAt: isoDate,
    supportCount: z.number().int(),
    score: z.number().openapi({ description: '0.6 × title similarity + 0.4 × text similarity (+0.05, same commune)' }),
    reasons: z
      .array(z.string())
      .openapi({ description: '`sameCommune` or `sameProvince`, `title:0.62`, `text:0.41`, `days:3`' }),
  })
  .openapi('SimilarCase');
export type TSimilarCase = z.infer<typeof ZSimilarCase>;
