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
  })
  .openapi('EscalationReport');
export type TEscalationReport = z.infer<typeof ZEscalationReport>;
