import { Pagination, useListContext, useLocale, useTranslate } from 'react-admin';

/**
 * The case list's pagination. The backend counts matches only up to a cap (a national list never
 * pays for counting a million rows); past it the range says "of more than 10,000", not a false total.
 */
export function CasePagination() {
  const { meta, total, data, page, perPage } = useListContext();
  const translate = useTranslate();
  const locale = useLocale();
  if (meta?.totalExact !== false) return <Pagination />;
  const number = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB');
  // The rows shown, counted from the page itself (MUI would clip them to the capped total).
  const first = (page - 1) * perPage + 1;
  const labelDisplayedRows = () =>
    translate('caunoi.list.moreThan', {
      from: number.format(first),
      to: number.format(first + (data?.length ?? 0) - 1),
      total: number.format(total ?? 0),
    });
  // react-admin passes the rest of its props to MUI's TablePagination, whose label this is (not in its props type).
  return <Pagination {...({ labelDisplayedRows } as object)} />;
}
