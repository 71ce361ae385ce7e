import { List as MuiList, ListItem, ListItemText, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { TCaseDetail, TSimilarCase } from '@caunoi/contract';
import type { CaseDataProvider } from '../providers/data-provider';

/**
 * Likely duplicates for the merge dialog, from any channel (GET /api/cases/{id}/similar): open
 * cases of the same commune or province whose words are alike, most alike first, each with why.
 * Alike is not the same: two neighbours asking for and against one thing read alike.
 */
export function DuplicateSuggestions({ kase }: { kase: TCaseDetail }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const [similar, setSimilar] = useState<TSimilarCase[] | null>(null);
  useEffect(() => {
    void dataProvider.similar(kase.id).then(({ data }) => setSimilar(data));
  }, [dataProvider, kase.id]);
  const reason = (r: string) => {
    const [code, value] = r.split(':');
    return translate(`caunoi.similar.${code}`, { value });
  };
  if (!similar) return null;
  return (
    <>
      <Typography variant="subtitle2">{translate('caunoi.case.duplicates')}</Typography>
      {similar.length === 0 ? (
        <Typography variant="body2">{translate('caunoi.case.noDuplicates')}</Typography>
      ) : (
        <MuiList dense>
          {similar.map((c) => (
            <ListItem key={c.id}>
              <ListItemText
                primary={`#${c.id} · ${c.trackingCode} — ${c.title}`}
                secondary={`${translate(`caunoi.status.${c.status}`)} · ${translate(`caunoi.channel.${c.channel}`)} · ${c.reasons.map(reason).join(', ')}`}
              />
            </ListItem>
          ))}
        </MuiList>
      )}
    </>
  );
}
