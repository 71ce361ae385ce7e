import { type EntityManager, type MikroORM, User } from '@caunoi/db';
import { enqueueOutbox } from '../transitions/write-outbox';
import { buildEscalationReport } from '../reports/escalation-report';
import type { SlaContext } from '../transitions/sla-context';
import { type DigestContent, renderDigest } from '../notifications/digest-template';

/** Local hour after which the day's digest goes out. */
export const DIGEST_HOUR = 7;
const TOP_UNITS = 10;
const TOP_CASES = 20;

/**
 * Queues the day's digest for every Government Office subscriber as an outbox email: the units
 * with the most overdue cases and the cases escalated in the last 24 hours. The dedupe key holds
 * the date and the subscriber, so however many instances call this, each gets one a day.
 */
export async function queueDailyDigest(orm: MikroORM, loadSla: (em: EntityManager) => Promise<SlaContext>, publicUrl: string, now: Date = new Date()): Promise<number> {
  const em = orm.em.fork();
  const sla = await loadSla(em);
  const localDate = sla.calendar.localDate(now);
  const localHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: sla.calendar.timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
  if (localHour < DIGEST_HOUR) return 0;
  const subscribers = await em.find(User, { role: 'govOffice', active: true }, { populate: ['unit'] });
  if (!subscribers.length) return 0;
  const pending = await em.execute<Array<{ id: number }>>(`select id from app_user where id in (${subscribers.map(() => '?').join(', ')}) and not exists (select 1 from outbox_message where dedupe_key = 'digest:' || ? || ':' || app_user.id)`, [...subscribers.map((s) => s.id), localDate]);
  if (!pending.length) return 0;

  const report = await buildEscalationReport(em, sla, undefined, { level: 'province' }, now);
  const escalated = await em.execute<Array<{ trackingCode: string; title: string; unitName: string; level: number; total: number }>>(
    `select c.tracking_code as "trackingCode", c.title, ou.name_vi as "unitName", (e.payload->>'level')::int as level, count(*) over ()::int as total
     from case_event e join case_file c on c.id = e.case_id join org_unit ou on ou.id = c.owning_unit_id
     where e.type = 'SLA_BREACHED' and e.created_at > ? and e.created_at <= ?
     order by e.created_at desc limit ${TOP_CASES}`,
    [new Date(now.getTime() - 86_400_000), now],
  );
  const content: DigestContent = {
    date: localDate,
    overdueTotal: report.total.overdueNow,
    topOverdueUnits: [...report.rows]
      .filter((r) => r.overdueNow > 0)
      .sort((a, b) => b.overdueNow - a.overdueNow)
      .slice(0, TOP_UNITS)
      .map((r) => ({ code: r.unit.code, name: r.unit.name, overdueNow: r.overdueNow, aging: r.aging })),
    newlyEscalated: escalated.map(({ total: _total, ...c }) => c),
    newlyEscalatedTotal: escalated[0]?.total ?? 0,
    dashboardUrl: `${publicUrl.replace(/\/$/, '')}/admin/`,
  };

  let queued = 0;
  for (const { id } of pending) {
    const user = subscribers.find((s) => s.id === id)!;
    const { subject, text } = renderDigest(content, user.language);
    const added = await enqueueOutbox(em, { kind: 'email', payload: { audience: 'govOffice', template: 'dailyDigest', to: user.email, language: user.language, subject, text }, dedupeKey: `digest:${localDate}:${id}`, at: now });
    if (added) queued += 1;
  }
  return queued;
}
