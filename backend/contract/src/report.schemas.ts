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
