import type { TCaseListItem } from '@caunoi/contract';
// The CSV writer alone: the contract's index would bring zod and every schema into the bundle.
import { toCsv } from '@caunoi/contract/csv';

/** The columns of the officers' CSV export, in order, with the heading each gets. */
export const CASE_EXPORT_COLUMNS = [
  'trackingCode',
  'title',
  'status',
  'channel',
  'category',
  'owningUnit',
  'place',
  'citizenName',
  'receivedAt',
  'runningDueAt',
  'resolveDueAt',
  'isOverdue',
  'escalationLevel',
] as const;

/**
 * The case list as the officer downloads it: chosen columns (never the raw records), headings in
 * their language, and every cell through contract's toCsv, so a citizen's title that starts with
 * `=` is text in the spreadsheet, not a formula.
 */
export function caseListCsv(
  items: readonly TCaseListItem[],
  heading: (column: (typeof CASE_EXPORT_COLUMNS)[number]) => string,
  language: 'vi' | 'en',
): string {
  const rows = items.map((c) => [
    c.trackingCode,
    c.title,
    c.status,
    c.channel,
    c.category ? (language === 'en' ? c.category.nameEn : c.category.nameVi) : '',
    `${c.owningUnit.code} ${c.owningUnit.name}`,
    c.place ?? '',
    c.citizenName ?? '',
    c.receivedAt,
    c.runningDueAt ?? '',
    c.resolveDueAt ?? '',
    c.isOverdue,
    c.escalationLevel,
  ]);
  return toCsv(CASE_EXPORT_COLUMNS.map(heading), rows);
}
