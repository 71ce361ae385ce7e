import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '@caunoi/workflows';
import { jobKeyExistsSql } from './job-queue.repository';

/**
 * The Government Office subscribers who have not had the digest of `localDate` yet: no receipt for
 * it and no job waiting to send it. However many instances ask, each subscriber gets one a day.
 */
export async function findDigestSubscribersDue(
  em: EntityManager,
  localDate: string,
): Promise<Array<{ id: number; email: string; language: Language }>> {
  return em.execute(
    `select u.id, u.email, u.language from app_user u
     where u.role = 'govOffice' and u.active
       and not exists (select 1 from delivery_receipt r where r.dedupe_key = 'digest:' || ? || ':' || u.id)
       and not ${jobKeyExistsSql(`'digest:' || ? || ':' || u.id`)}
     order by u.id`,
    [localDate, localDate],
  );
}

export interface EscalatedCaseLine {
  trackingCode: string;
  title: string;
  unitName: string;
  level: number;
}

/** Cases escalated in a time window, newest first, with how many there were in all. */
export async function findEscalatedBetween(
  em: EntityManager,
  from: Date,
  to: Date,
  limit: number,
): Promise<{ lines: EscalatedCaseLine[]; total: number }> {
  const rows = await em.execute<Array<EscalatedCaseLine & { total: number }>>(
    `select c.tracking_code as "trackingCode", c.title, ou.name_vi as "unitName", (e.payload->>'level')::int as level, count(*) over ()::int as total
     from case_event e join case_file c on c.id = e.case_id join org_unit ou on ou.id = c.owning_unit_id
     where e.type = 'SLA_BREACHED' and e.created_at > ? and e.created_at <= ?
     order by e.created_at desc limit ?`,
    [from, to, limit],
  );
  return { lines: rows.map(({ total: _total, ...line }) => line), total: rows[0]?.total ?? 0 };
}
