import {
  type EntityManager,
  type MikroORM,
  findDigestSubscribersDue,
  findEscalatedBetween,
  listConcerns,
} from '@caunoi/db';
import { buildEscalationReport } from '../reports/escalation-report';
import type { SlaContext } from '../transitions/sla-context';
import { type DigestContent, renderDigest } from '../notifications/digest-template';
import { queueMessages } from '../transitions/delivery-jobs';

/** Local hour after which the day's digest goes out. */
export const DIGEST_HOUR = 7;
const TOP_UNITS = 10;
const TOP_CASES = 20;
const TOP_CONCERNS = 5;

/**
 * The `queueDailyDigest` task (hourly, from the job queue's crontab): once the local morning has
 * come, queues the day's digest for every Government Office subscriber who has not had it: the
 * units with the most overdue cases, the cases escalated in the last 24 hours, and the fastest
 * growing concerns (those that surged marked). Returns how many it queued.
 */
export async function queueDailyDigest(
  orm: MikroORM,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  publicUrl: string,
  now: Date = new Date(),
): Promise<number> {
  const em = orm.em.fork();
  const sla = await loadSla(em);
  const localDate = sla.calendar.localDate(now);
  const localHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: sla.calendar.timeZone, hour: '2-digit', hourCycle: 'h23' }).format(
      now,
    ),
  );
  if (localHour < DIGEST_HOUR) return 0;
  const subscribers = await findDigestSubscribersDue(em, localDate);
  if (!subscribers.length) return 0;

  const report = await buildEscalationReport(em, sla, undefined, { level: 'province' }, now);
  const escalated = await findEscalatedBetween(em, new Date(now.getTime() - 86_400_000), now, TOP_CASES);
  const concerns = (await listConcerns(em, { minSize: 2, limit: TOP_CONCERNS * 2 }))
    .filter((c) => c.last24h > 0)
    .slice(0, TOP_CONCERNS);
  const content: DigestContent = {
    date: localDate,
    overdueTotal: report.total.overdueNow,
    topOverdueUnits: [...report.rows]
      .filter((r) => r.overdueNow > 0)
      .sort((a, b) => b.overdueNow - a.overdueNow)
      .slice(0, TOP_UNITS)
      .map((r) => ({ code: r.unit.code, name: r.unit.name, overdueNow: r.overdueNow, aging: r.aging })),
    newlyEscalated: escalated.lines,
    newlyEscalatedTotal: escalated.total,
    risingConcerns: concerns.map((c) => ({
      title: c.label ?? c.representative,
      last24h: c.last24h,
      previous24h: c.previous24h,
      provinces: c.provinces.map((p) => p.name ?? p.code),
      surged: !!c.surgedAt && now.getTime() - new Date(c.surgedAt).getTime() < 86_400_000,
    })),
    dashboardUrl: `${publicUrl.replace(/\/$/, '')}/admin/`,
    concernsUrl: `${publicUrl.replace(/\/$/, '')}/admin/#/concerns`,
  };
  await queueMessages(
    em,
    subscribers.map((user) => {
      const { subject, text } = renderDigest(content, user.language);
      return {
        kind: 'email' as const,
        payload: {
          audience: 'govOffice' as const,
          dedupeKey: `digest:${localDate}:${user.id}`,
          template: 'dailyDigest',
          to: user.email,
          subject,
          text,
        },
      };
    }),
  );
  return subscribers.length;
}
