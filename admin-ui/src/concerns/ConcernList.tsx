import {
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { TCaseListItem, TConcern, TSurgeRule } from '@caunoi/contract';
import type { CaseDataProvider } from '../providers/data-provider';
import { useConcernSurges } from '../realtime/live';

/** Fourteen days of counts as a small bar chart (SVG; no chart library for this). */
function Sparkline({ daily, label }: { daily: number[]; label: string }) {
  const max = Math.max(1, ...daily);
  return (
    <svg width={14 * 8} height={32} role="img" aria-label={label}>
      {daily.map((n, i) => (
        // A day without submissions is a grey line, so that the fortnight reads as one.
        <rect
          key={i}
          x={i * 8}
          y={32 - Math.max(2, (n / max) * 30)}
          width={6}
          height={Math.max(2, (n / max) * 30)}
          fill={n ? '#b3261e' : '#9aa4ae'}
        />
      ))}
    </svg>
  );
}

function NameDialog({ concern, onClose }: { concern: TConcern; onClose: (changed: boolean) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const [label, setLabel] = useState(concern.label ?? '');
  const [leadUnitCode, setLeadUnitCode] = useState(concern.leadUnit?.code ?? '');
  const save = async () => {
    try {
      await dataProvider.updateConcern(concern.id, { label: label || null, leadUnitCode: leadUnitCode || null });
      onClose(true);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Dialog open onClose={() => onClose(false)} aria-labelledby="concern-name-title">
      <DialogTitle id="concern-name-title">{translate('caunoi.concerns.name')}</DialogTitle>
      <DialogContent>
        <TextField
          label={translate('caunoi.concerns.label')}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          fullWidth
          margin="dense"
        />
        <TextField
          label={translate('caunoi.concerns.leadUnit')}
          helperText={translate('caunoi.concerns.leadUnitHint')}
          value={leadUnitCode}
          onChange={(e) => setLeadUnitCode(e.target.value)}
          fullWidth
          margin="dense"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const RULE_FIELDS = [
  'minCases',
  'minProvinces',
  'windowHours',
  'similarity',
  'campaignMinCases',
  'campaignSimilarity',
  'campaignWindowHours',
] as const;

/** The surge rule as a form: the server checks the bounds and names the field it refuses. */
function SurgeRuleDialog({ rule, onClose }: { rule: TSurgeRule; onClose: (saved: TSurgeRule | null) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(RULE_FIELDS.map((f) => [f, String(rule[f])])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    try {
      const { data } = await dataProvider.saveSurgeRule(
        Object.fromEntries(RULE_FIELDS.map((f) => [f, Number(values[f]!.replace(',', '.'))])) as TSurgeRule,
      );
      notify('caunoi.concerns.ruleSaved', { type: 'success' });
      onClose(data);
    } catch (error) {
      const fields = (error as { body?: { error?: { fields?: Array<{ field: string; message: string }> } } }).body
        ?.error?.fields;
      if (fields?.length) setErrors(Object.fromEntries(fields.map((f) => [f.field, f.message])));
      else notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Dialog open onClose={() => onClose(null)} aria-labelledby="surge-rule-title">
      <DialogTitle id="surge-rule-title">{translate('caunoi.concerns.rule')}</DialogTitle>
      <DialogContent>
        {RULE_FIELDS.map((f) => (
          <TextField
            key={f}
            label={translate(`caunoi.concerns.${f}`)}
            value={values[f]}
            onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            error={!!errors[f]}
            helperText={errors[f]}
            inputMode="decimal"
            fullWidth
            margin="dense"
          />
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(null)}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * "Vấn đề nổi lên": the Government Office's list of emerging concerns, fastest growing first, each
 * with its 14-day counts, the provinces and channels it spans and a few titles; a surge arrives
 * live. Officers name a concern and give it a lead unit.
 */
export function ConcernList() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const [concerns, setConcerns] = useState<TConcern[] | null>(null);
  const [naming, setNaming] = useState<TConcern | null>(null);
  const [rule, setRule] = useState<TSurgeRule | null>(null);
  const [editingRule, setEditingRule] = useState(false);
  const [casesOf, setCasesOf] = useState<Record<number, TCaseListItem[] | undefined>>({});
  const toggleCases = async (id: number) => {
    if (casesOf[id]) return setCasesOf({ ...casesOf, [id]: undefined });
    const { data } = await dataProvider.concernCases(id);
    setCasesOf({ ...casesOf, [id]: data });
  };
  const load = useCallback(() => {
    void dataProvider.concerns().then(({ data }) => setConcerns(data));
    void dataProvider.surgeRule().then(({ data }) => setRule(data));
  }, [dataProvider]);
  useEffect(load, [load]);
  const surge = useConcernSurges(load);
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={translate('caunoi.concerns.title')} />
      <Typography variant="h5" component="h1">
        {translate('caunoi.concerns.title')}
      </Typography>
      {rule && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2">{translate('caunoi.concerns.ruleNow', rule)}</Typography>
          <Button size="small" onClick={() => setEditingRule(true)}>
            {translate('caunoi.concerns.rule')}
          </Button>
        </Stack>
      )}
      {surge && (
        <Chip
          color="error"
          role="alert"
          label={translate('caunoi.concerns.surgeNow', {
            title: surge.label ?? surge.representative,
            cases: surge.cases,
            provinces: surge.provinces,
          })}
        />
      )}
      {concerns?.length === 0 && <Typography>{translate('caunoi.concerns.none')}</Typography>}
      {concerns?.map((c) => (
        <Card key={c.id} variant="outlined" component="section" aria-label={c.label ?? c.representative}>
          <CardContent>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="h6" component="h2">
                {c.label ?? c.representative}
              </Typography>
              {c.surgedAt && <Chip size="small" color="error" label={translate('caunoi.concerns.surged')} />}
              {c.campaigns > 0 && (
                <Chip
                  size="small"
                  color="warning"
                  label={translate('caunoi.concerns.campaign', { campaigns: c.campaigns, copies: c.campaignCopies })}
                />
              )}
              {c.leadUnit && (
                <Chip size="small" label={`${translate('caunoi.concerns.leadUnit')}: ${c.leadUnit.name}`} />
              )}
            </Stack>
            <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 1 }}>
              <Sparkline daily={c.daily} label={translate('caunoi.concerns.daily')} />
              <Typography variant="body2">
                {translate('caunoi.concerns.figures', {
                  last24h: c.last24h,
                  previous24h: c.previous24h,
                  last7d: c.last7d,
                  size: c.size,
                })}
              </Typography>
            </Stack>
            <Typography variant="body2" sx={{ mt: 1 }}>
              {translate('caunoi.concerns.spans', {
                provinces: c.provinces.map((p) => `${p.name ?? p.code} (${p.cases})`).join(', ') || '—',
                units: c.units,
                channels: Object.entries(c.channels)
                  .map(([channel, n]) => `${translate(`caunoi.channel.${channel}`)} ${n}`)
                  .join(', '),
              })}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {c.sampleTitles.join(' · ')}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              <Button size="small" variant="outlined" onClick={() => void toggleCases(c.id)}>
                {translate('caunoi.concerns.cases')}
              </Button>
              <Button size="small" onClick={() => setNaming(c)}>
                {translate('caunoi.concerns.name')}
              </Button>
            </Stack>
            {casesOf[c.id] && (
              <ul>
                {casesOf[c.id]!.map((k) => (
                  <li key={k.id}>
                    <a href={`#/cases/${k.id}/show`}>{k.trackingCode}</a> — {k.title} ·{' '}
                    {translate(`caunoi.status.${k.status}`)} · {k.owningUnit.name}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      ))}
      {editingRule && rule && (
        <SurgeRuleDialog
          rule={rule}
          onClose={(saved) => {
            setEditingRule(false);
            if (saved) setRule(saved);
          }}
        />
      )}
      {naming && (
        <NameDialog
          concern={naming}
          onClose={(changed) => {
            setNaming(null);
            if (changed) load();
          }}
        />
      )}
    </Stack>
  );
}
