import {
  CALENDAR_DAY_KINDS,
  CHANNELS,
  INBOUND_STATUSES,
  LANGUAGES,
  LEGAL_TRACKS,
  ORG_UNIT_LEVELS,
  OUTBOX_STATUSES,
  ROLES,
  SLA_CLOCKS,
} from '@caunoi/workflows';
import { z } from './zod';

// What administrators send to change the reference data (backend admin/reference-edits.ts
// validates with these) and what the reference lists answer.

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2027-02-06');
const isoDate = z.string().openapi({ format: 'date-time' });

export const ZCalendarDayEdit = z
  .object({
    date: isoDay,
    kind: z.enum(CALENDAR_DAY_KINDS),
    name: z.string().trim().min(2).max(200),
    compensate: z.boolean().default(true),
    active: z.boolean().default(true),
    verified: z.boolean().default(false),
    source: z.string().trim().min(3, 'cite the decision or notice'),
    sourceEn: z.string().trim().max(2000).default(''),
  })
  .openapi('CalendarDayEdit');
export const ZSlaRuleEdit = z
  .object({
    amount: z.number().int().min(0).max(365),
    remoteAreaAmount: z.number().int().min(0).max(365).nullable().optional(),
    maxExtensions: z.number().int().min(0).max(5),
    verified: z.boolean(),
    effectiveTo: isoDay.nullable().optional(),
    source: z.string().trim().min(3),
    sourceEn: z.string().trim().max(2000).default(''),
  })
  .openapi('SlaRuleEdit');
export const ZCategoryEdit = z
  .object({
    nameVi: z.string().trim().min(2).max(200),
    nameEn: z.string().trim().min(2).max(200),
    active: z.boolean(),
    responsibleUnit: z.string().nullable().optional().openapi({ description: 'The code of the responsible ministry' }),
    defaultLevel: z.enum(ORG_UNIT_LEVELS).nullable().optional(),
    suggestionThreshold: z.number().min(0.5).max(1).optional().openapi({
      description:
        'How sure the category model must be before its suggestion of this category routes a case by itself (1: never)',
    }),
    answerApproval: z.boolean().optional().openapi({
      description:
        'Its answers are drafts the unit head approves before they go out (complaints and denunciations always are)',
    }),
  })
  .openapi('CategoryEdit');
export const ZUserCreate = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().min(2).max(200),
    role: z.enum(ROLES),
    unitCode: z.string().min(1),
    language: z.enum(LANGUAGES).default('vi'),
    password: z.string().min(10, 'at least 10 characters'),
  })
  .openapi('UserCreate');
export const ZUserEdit = ZUserCreate.omit({ email: true, password: true })
  .extend({
    active: z.boolean(),
    password: z.string().min(10, 'at least 10 characters').optional().or(z.literal('')),
  })
  .openapi('UserEdit');
export const ZZaloOaEdit = z
  .object({
    oaId: z.string().regex(/^\d{6,25}$/, 'the OA id, digits'),
    name: z.string().trim().min(2).max(200),
    unitCode: z.string().min(1),
    appId: z.string().regex(/^\d{6,25}$/, 'the app id, digits'),
    oaSecretKey: z.string().min(8).optional().or(z.literal('')),
    appSecret: z.string().min(8).optional().or(z.literal('')),
    refreshToken: z.string().min(8).optional().or(z.literal('')),
    active: z.boolean().default(true),
  })
  .openapi('ZaloOaEdit', { description: 'Secrets are write-only: an empty one keeps the stored secret.' });

/** The rows of each reference list (`GET /api/admin/reference/{list}`), keyed by the list's name. */
export const ZReferenceRows = {
  'org-units': z
    .object({
      id: z.string(),
      code: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      level: z.enum(ORG_UNIT_LEVELS),
      kind: z.string().nullable(),
      parentCode: z.string().nullable(),
      isRemoteArea: z.boolean(),
      intakeAliases: z.array(z.string()),
      childCount: z.number().int(),
    })
    .openapi('OrgUnitRow'),
  categories: z
    .object({
      id: z.number().int(),
      code: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      legalTrack: z.enum(LEGAL_TRACKS),
      sector: z.string().nullable(),
      responsibleUnit: z.string().nullable(),
      defaultLevel: z.enum(ORG_UNIT_LEVELS).nullable(),
      active: z.boolean(),
      suggestionThreshold: z.number(),
      answerApproval: z.boolean(),
    })
    .openapi('CategoryRow'),
  'sla-rules': z
    .object({
      id: z.number().int(),
      code: z.string(),
      legalTrack: z.enum(LEGAL_TRACKS).nullable(),
      category: z.string().nullable(),
      categoryNameVi: z.string().nullable(),
      categoryNameEn: z.string().nullable(),
      clock: z.enum(SLA_CLOCKS),
      amount: z.number().int(),
      unit: z.string(),
      remoteAreaAmount: z.number().int().nullable(),
      extensionAmount: z.number().int().nullable(),
      maxExtensions: z.number().int(),
      source: z.string(),
      sourceEn: z.string(),
      verified: z.boolean(),
      effectiveFrom: isoDay,
      effectiveTo: isoDay.nullable(),
    })
    .openapi('SlaRuleRow'),
  'calendar-days': ZCalendarDayEdit.extend({ id: isoDay }).openapi('CalendarDayRow'),
  users: z
    .object({
      id: z.number().int(),
      email: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
      unitCode: z.string(),
      unitName: z.string(),
      language: z.enum(LANGUAGES),
      active: z.boolean(),
      lastLoginAt: isoDate.nullable(),
      failedLogins: z.number().int(),
      lockedUntil: isoDate.nullable(),
    })
    .openapi('UserRow'),
  'zalo-oas': z
    .object({
      id: z.number().int(),
      oaId: z.string(),
      name: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      appId: z.string(),
      active: z.boolean(),
      tokenExpiresAt: isoDate.nullable(),
      authorised: z.boolean(),
    })
    .openapi('ZaloOaRow'),
} as const;

/** A unit in the pickers (`GET /api/units`); the id is the code. */
export const ZUnitOption = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    level: z.enum(ORG_UNIT_LEVELS),
    parentName: z.string().nullable(),
    label: z.string(),
  })
  .openapi('UnitOption');

/** An item of the intake queue; its contact data is redacted for whom may not see that case's. */
export const ZInboundItem = z
  .object({
    id: z.number().int(),
    channel: z.enum(CHANNELS),
    externalId: z.string(),
    contentType: z.string(),
    status: z.enum(INBOUND_STATUSES),
    attempts: z.number().int(),
    error: z.string().nullable(),
    meta: z.record(z.string(), z.unknown()),
    size: z.number().int(),
    receivedAt: isoDate,
    processedAt: isoDate.nullable(),
    trackingCode: z.string().nullable(),
    redacted: z
      .literal(true)
      .optional()
      .openapi({ description: "Contact data masked: the item's case belongs to a unit outside the reader's reach" }),
  })
  .openapi('InboundItem');

/** A message in the outbox (a delivery job), in the operators' words. */
export const ZOutboxMessage = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    template: z.string().nullable(),
    audience: z.string().nullable(),
    createdAt: isoDate,
    nextAttemptAt: isoDate,
    trackingCode: z.string().nullable(),
  })
  .openapi('OutboxMessage');
