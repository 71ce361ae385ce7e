import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { TCaseDetail, TPublication } from '@caunoi/contract';
import type { CaseDataProvider } from '../providers/data-provider';

const TEXTS = ['title', 'question', 'answer'] as const;
type PublicText = (typeof TEXTS)[number];

/**
 * The case's publication in the public register: the citizen's choice, what is published, and for
 * the unit head the review before publishing: each text as written beside its masked version
 * (editable), what the masking found, and the basis. The server checks the edited texts again.
 */
export function PublicationPanel({ kase }: { kase: TCaseDetail }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const [publication, setPublication] = useState<TPublication | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  useEffect(() => {
    let live = true;
    dataProvider.publication(kase.id).then(
      ({ data }) => live && setPublication(data),
      () => live && setPublication(null),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, kase.id, kase.version]);
  if (!publication) return null;
  return (
    <Box component="section" aria-label={translate('caunoi.publication.heading')} sx={{ mb: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('caunoi.publication.heading')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Chip
          variant="outlined"
          label={translate(publication.consent ? 'caunoi.publication.consentYes' : 'caunoi.publication.consentNo')}
        />
        {publication.published ? (
          <>
            <Typography variant="body2">
              {translate('caunoi.publication.publishedAs')}{' '}
              <a href={publication.published.url} target="_blank" rel="noreferrer">
                {publication.published.url}
              </a>
            </Typography>
            {publication.canWithdraw && (
              <Button variant="outlined" color="warning" onClick={() => setWithdrawing(true)}>
                {translate('caunoi.publication.withdraw')}
              </Button>
            )}
          </>
        ) : publication.canPublish ? (
          <Button variant="contained" onClick={() => setReviewing(true)}>
            {translate('caunoi.publication.review')}
          </Button>
        ) : (
          publication.why && <Typography variant="body2">{publication.why}</Typography>
        )}
      </Stack>
      {reviewing && publication.proposal && (
        <ReviewDialog kase={kase} publication={publication} onClose={() => setReviewing(false)} />
      )}
      {withdrawing && <WithdrawDialog kase={kase} onClose={() => setWithdrawing(false)} />}
    </Box>
  );
}

function ReviewDialog({
  kase,
  publication,
  onClose,
}: {
  kase: TCaseDetail;
  publication: TPublication;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const proposal = publication.proposal!;
  const [texts, setTexts] = useState<Record<PublicText, string>>({
    title: proposal.title.masked,
    question: proposal.question.masked,
    answer: proposal.answer.masked,
  });
  const [basis, setBasis] = useState(publication.bases[0]!);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const publish = async () => {
    try {
      await dataProvider.publish(kase.id, {
        version: kase.version,
        basis,
        ...(basis === 'publicInterest' ? { reason } : {}),
        ...texts,
      });
      notify('caunoi.publication.done', { type: 'success' });
      onClose();
      refresh();
    } catch (error) {
      const fields = (error as { body?: { error?: { fields?: Array<{ field: string; message: string }> } } }).body
        ?.error?.fields;
      // The server names each field that still holds personal data: shown beside it.
      if (fields?.length) setProblems(Object.fromEntries(fields.map((f) => [f.field, f.message])));
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="publication-title">
      <DialogTitle id="publication-title">{translate('caunoi.publication.review')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('caunoi.publication.lead')}
        </Typography>
        {TEXTS.map((field) => (
          <Stack key={field} direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
            <Box sx={{ flex: 1 }} data-testid={`original-${field}`}>
              <Typography variant="subtitle2" component="h3">
                {translate(`caunoi.publication.${field}`)} — {translate('caunoi.publication.original')}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {proposal[field].original}
              </Typography>
            </Box>
            <Box sx={{ flex: 1 }}>
              <TextField
                label={`${translate(`caunoi.publication.${field}`)} — ${translate('caunoi.publication.masked')}`}
                value={texts[field]}
                onChange={(e) => setTexts({ ...texts, [field]: e.target.value })}
                multiline={field !== 'title'}
                minRows={field === 'title' ? undefined : 4}
                fullWidth
                error={!!problems[field]}
                helperText={
                  problems[field] ??
                  (proposal[field].found.length
                    ? translate('caunoi.publication.found', {
                        list: proposal[field].found.map((f) => f.original).join(', '),
                      })
                    : translate('caunoi.publication.nothingFound'))
                }
                slotProps={{ htmlInput: { 'data-testid': `masked-${field}` } }}
              />
            </Box>
          </Stack>
        ))}
        <RadioGroup value={basis} onChange={(e) => setBasis(e.target.value as typeof basis)} aria-label="basis">
          {publication.bases.map((b) => (
            <FormControlLabel key={b} value={b} control={<Radio />} label={translate(`caunoi.publication.${b}`)} />
          ))}
        </RadioGroup>
        {basis === 'publicInterest' && (
          <TextField
            label={translate('caunoi.publication.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            fullWidth
            error={!!problems.reason}
            helperText={problems.reason}
          />
        )}
        {Object.keys(problems).length > 0 && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {translate('caunoi.publication.problems')}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={() => void publish()}>
          {translate('caunoi.publication.publish')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function WithdrawDialog({ kase, onClose }: { kase: TCaseDetail; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const [reason, setReason] = useState('');
  const withdraw = async () => {
    try {
      await dataProvider.withdrawPublication(kase.id, { version: kase.version, reason });
      notify('caunoi.publication.withdrawn', { type: 'success' });
      onClose();
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="withdraw-title">
      <DialogTitle id="withdraw-title">{translate('caunoi.publication.withdraw')}</DialogTitle>
      <DialogContent>
        <TextField
          label={translate('caunoi.publication.withdrawReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          sx={{ mt: 1 }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" color="warning" onClick={() => void withdraw()}>
          {translate('caunoi.publication.withdraw')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
