import { type EntityManager, findCasePage } from '@caunoi/db';
import { canSeeCitizenContact, caseScopeFor } from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import { toCaseListItemDto } from './case-dtos';
import type { TCaseListItem, ZCaseListQuery } from '@caunoi/contract';
import type { z } from '@caunoi/contract';

export interface CaseListPage {
  items: TCaseListItem[];
  from: number;
  to: number;
  /** The number of matches, or the count cap when there are more (then `totalExact` is false). */
  total: number;
  totalExact: boolean;
}

/** The officer's queue: its jurisdiction, the filters, newest first unless sorted otherwise. */
export async function listCases(
  em: EntityManager,
  principal: Principal,
  query: z.output<typeof ZCaseListQuery>,
  countCap?: number,
): Promise<CaseListPage> {
  const [field, order] = query.sort ?? ['receivedAt', 'DESC'];
  const [from, to] = query.range ?? [0, 24];
  const f = query.filter ?? {};
  const { rows, total, totalExact } = await findCasePage(
    em,
    caseScopeFor(principal),
    {
      ids: f.id,
      status: f.status,
      channel: f.channel,
      unitCode: f.unitCode,
      categoryCode: f.categoryCode,
      overdue: f.overdue,
      withoutProgress: f.withoutProgress,
      minEscalationLevel: f.escalationLevel,
      receivedFrom: f.receivedFrom,
      receivedTo: f.receivedTo,
      q: f.q,
    },
    { field, order },
    { offset: from, limit: to - from + 1, countCap },
  );
  const audience = { includeContact: canSeeCitizenContact(principal.role) };
  const items = rows.map((row) => toCaseListItemDto(row, audience));
  return { items, from, to: items.length ? from + items.length - 1 : from, total, totalExact };
}
