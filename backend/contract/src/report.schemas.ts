import { AGING_BUCKETS, LEGAL_TRACKS } from '@caunoi/workflows';
import { z } from './zod';

export const ZEscalationReportQuery = z
  .object({
    receivedFrom: z.coerce.date().optional(),
    receivedTo: z.coerce.date().optional(),
    /** `province`: provinces, ministries and agencies (each with everything below it); `unit`: each owning unit. */
    level: z.enum(['province', 'unit']).default('province'),
    parentUnit: z.string().optional(),
    categoryCode: z.string().optional(),
    legalTrack: z.enum(LEGAL_TRACKS).optional(),
  })
  .strict();
export type TEscalationReportQuery = z.output<typeof ZEscalationReportQuery>;

const ZSummary = z.object({
  received: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  onTimeRate: z.number().nullable(),
  overdueNow: z.number().int(),
  aging: z.object(
    Object.fromEntries(AGING_BUCKETS.map((b) => [b, z.number().int()])) as Record<
      (typeof AGING_BUCKETS)[number],
      z.ZodNumber
    >,
  ),
  escalations: z.object({ level1: z.number().int(), level2: z.number().int(), level3: z.number().int() }),
  transfers: z.number().int(),
  reopenRate: z.number().nullable(),
  averageSatisfaction: z.number().nullable(),
});

export const ZEscalationReport = z
  .object({
    generatedAt: z.string(),
    filter: z.record(z.string(), z.unknown()),
    rows: z.array(ZSummary.extend({ unit: z.object({ code: z.string(), name: z.string() }), drillDown: z.string() })),
    total: ZSummary,
    /** `tally`: read from the case tallies (whole days, no category or track filter); `cases`: aggregated from the cases. */
    source: z.enum(['tally', 'cases']),
  })
  .openapi('EscalationReport');
export type TEscalationReport = z.infer<typeof ZEscalationReport>;

export const ZDashboardQuery = z
  .object({
    level: z.enum(['province', 'unit']).default('province'),
    /** Weeks of trend, ending with today (whole local days). */
    weeks: z.coerce.number().int().min(1).max(52).default(8),
  })
  .strict();
export type TDashboardQuery = z.output<typeof ZDashboardQuery>;

/** The Government Office dashboard in one request: the summary and the weekly trend. */
export const ZDashboard = z
  .object({
    summary: ZEscalationReport,
    trend: z.array(
      z.object({
        /** First local day of the week (YYYY-MM-DD). */
        weekStart: z.string(),
        received: z.number().int(),
        onTimeRate: z.number().nullable(),
      }),
    ),
  })
  .openapi('Dashboard');
export type TDashboard = z.infer<typeof ZDashboard>;

/** An emerging concern: alike submissions across units and channels (GET /api/reports/concerns). */
export const ZConcern = z
  .object({
    id: z.number().int(),
    label: z.string().nullable().openapi({ description: 'The name officers gave it' }),
    representative: z.string().openapi({ description: 'The title of the case that started it' }),
    leadUnit: z.object({ code: z.string(), name: z.string() }).nullable(),
    size: z.number().int(),
    last24h: z.number().int(),
    previous24h: z.number().int(),
    last7d: z.number().int(),
    surgedAt: z.string().nullable(),
    lastCaseAt: z.string(),
    provinces: z.array(z.object({ code: z.string(), name: z.string().nullable(), cases: z.number().int() })),
    units: z.number().int(),
    channels: z.record(z.string(), z.number().int()),
    categories: z.record(z.string(), z.number().int()),
    sampleTitles: z.array(z.string()),
    daily: z.array(z.number().int()).openapi({ description: 'Cases received each of the last 14 days, oldest first' }),
    campaigns: z.number().int().openapi({ description: 'Copy-paste campaigns inside it' }),
    campaignCopies: z
      .number()
      .int()
      .openapi({ description: "Their copies, counted as support of each campaign's first case, not as workload" }),
  })
  .openapi('Concern');
export type TConcern = z.infer<typeof ZConcern>;

/** Sent live to the Government Office when a concern crosses the surge rule. */
export const ZConcernSurge = z
  .object({
    id: z.number().int(),
    label: z.string().nullable(),
    representative: z.string(),
    cases: z.number().int(),
    provinces: z.number().int(),
    windowHours: z.number().int(),
  })
  .openapi('ConcernSurge');
export type TConcernSurge = z.infer<typeof ZConcernSurge>;

/** When a concern surges (the live alert and the digest), and how alike a case must be to join one. */
export const ZSurgeRule = z
  .object({
    minCases: z.number().int().min(2).max(100_000).openapi({ description: 'Submissions in the window (default 20)' }),
    minProvinces: z
      .number()
      .int()
      .min(1)
      .max(100)
      .openapi({ description: 'From at least so many provinces (default 3; 1: any burst)' }),
    windowHours: z.number().int().min(1).max(168).openapi({ description: 'The window, in hours (default 24)' }),
    similarity: z
      .number()
      .min(0.2)
      .max(0.95)
      .openapi({ description: "Trigram similarity of a title to a concern's to join it (default 0.45)" }),
    campaignMinCases: z
      .number()
      .int()
      .min(2)
      .max(10_000)
      .openapi({ description: 'Near-identical submissions from different citizens that make a campaign (default 10)' }),
    campaignSimilarity: z
      .number()
      .min(0.6)
      .max(1)
      .openapi({ description: 'How alike their texts must be (trigram similarity, default 0.9)' }),
    campaignWindowHours: z.number().int().min(1).max(168).openapi({ description: 'Within so many hours (default 24)' }),
  })
  .openapi('SurgeRule');
export type TSurgeRule = z.infer<typeof ZSurgeRule>;

export const ZConcernUpdate = z
  .object({
    label: z.string().trim().max(200).nullable(),
    leadUnitCode: z.string().nullable(),
  })
  .openapi('ConcernUpdate');
