import { List as MuiList, ListItem, ListItemText, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import type { TCaseDetail, TCaseListItem } from '@caunoi/contract';

/** Likely duplicates for the merge dialog: open cases of the same unit and category whose text matches the title's words. */
export function DuplicateSuggestions({ kase }: { kase: TCaseDetail }) {
  const translate = useTranslate();
  const words = kase.title
    .split(/\s+/)
    .filter((w) => w.length > 3)
    .slice(0, 4)
    .join(' ');
  const { data = [] } = useGetList<TCaseListItem>('cases', {
    filter: {
      q: words,
      unitCode: kase.owningUnit.code,
      ...(kase.category ? { categoryCode: kase.category.code } : {}),
    },
    pagination: { page: 1, perPage: 6 },
    sort: { field: 'receivedAt', order: 'DESC' },
  });
  const others = data.filter((c) => c.id !== kase.id);
  return (
    <>
      <Typography variant="subtitle2">{translate('caunoi.case.duplicates')}</Typography>
      {others.length === 0 ? (
        <Typography variant="body2">{translate('caunoi.case.noDuplicates')}</Typography>
      ) : (
        <MuiList dense>
          {others.map((c) => (
            <ListItem key={c.id}>
              <ListItemText
                primary={`#${c.id} · ${c.trackingCode} — ${c.title}`}
                secondary={translate(`caunoi.status.${c.status}`)}
              />
            </ListItem>
          ))}
        </MuiList>
      )}
    </>
  );
}
