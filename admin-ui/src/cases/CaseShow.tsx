import { Box, Button, Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Show, useDataProvider, useLocale, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TCaseDetail } from '@caunoi/contract';
import { describeAttributes } from '@caunoi/workflows/category-attributes';
import { downloadWithToken } from '../providers/download';
import { useLiveCase } from '../realtime/live';
import { formatSpan } from './sla';
import { TransitionDialog } from './TransitionDialog';
import { PublicationPanel } from './PublicationPanel';
import { useCategories } from './categories';
import type { CaseDataProvider } from '../providers/data-provider';

const CLOCKS = ['acknowledge', 'transfer', 'accept', 'resolve', 'citizenReply', 'autoClose'] as const;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card variant="outlined" sx={{ mb: 2 }} component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * The category model's suggestion: the category, how sure, the words it went by, and any complaint
 * or denunciation signal. The officer accepts it in one click (categorise: in triage that routes the
 * case too); the choice is what the next model learns from.
 */
function SuggestionPanel({ kase }: { kase: TCaseDetail }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const categories = useCategories();
  const s = kase.suggestion!;
  const name = (code: string) => categories.find((c) => c.id === code)?.name ?? code;
  const canAccept = kase.availableTransitions.includes('categorise') && kase.category?.code !== s.categoryCode;
  const accept = async () => {
    try {
      await dataProvider.transition(kase.id, {
        type: 'categorise',
        version: kase.version,
        categoryCode: s.categoryCode,
      });
      notify('caunoi.case.done', { type: 'success', messageArgs: { action: translate('caunoi.suggestion.accept') } });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      refresh();
    }
  };
  return (
    <Section title={translate('caunoi.suggestion.title')}>
      <Typography>
        {translate('caunoi.suggestion.line', {
          category: name(s.categoryCode),
          percent: Math.floor(s.confidence * 100),
        })}
      </Typography>
      {s.because.length > 0 && (
        <Typography variant="body2">
          {translate('caunoi.suggestion.because', { words: s.because.join(', ') })}
        </Typography>
      )}
      {s.alternatives.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('caunoi.suggestion.alternatives', {
            list: s.alternatives.map((a) => `${name(a.categoryCode)} (${Math.floor(a.confidence * 100)}%)`).join(', '),
          })}
        </Typography>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        {s.signals.map((signal) => (
          <Chip key={signal} color="warning" label={translate(`caunoi.suggestion.${signal}`)} />
        ))}
        {s.applied && <Typography variant="body2">{translate('caunoi.suggestion.applied')}</Typography>}
        {canAccept && (
          <Button variant="contained" onClick={() => void accept()}>
            {translate('caunoi.suggestion.accept')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}

function CaseDetail() {
  const kase = useRecordContext<TCaseDetail>();
  const translate = useTranslate();
  const locale = useLocale();
  const [action, setAction] = useState<string | null>(null);
  useLiveCase(kase?.id ?? null);
  // Opened from the list, react-admin shows the list's row until the full case arrives.
  if (!kase?.availableTransitions) return null;
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Asia/Ho_Chi_Minh',
        }).format(new Date(iso))
      : '—';
  return (
    <Box sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {kase.trackingCode} — {kase.title}
        </Typography>
        <Chip label={translate(`caunoi.status.${kase.status}`)} color="primary" />
        {kase.escalationLevel > 0 && (
          <Chip color="error" label={translate('caunoi.escalation', { level: kase.escalationLevel })} />
        )}
        <Chip variant="outlined" label={translate(`caunoi.channel.${kase.channel}`)} />
      </Stack>

      <Section title={translate('caunoi.case.actions')}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {kase.availableTransitions.map((type) => (
            <Button
              key={type}
              variant={type === 'respond' || type === 'accept' ? 'contained' : 'outlined'}
              onClick={() => setAction(type)}
            >
              {translate(`caunoi.transition.${type}`)}
            </Button>
          ))}
        </Stack>
        {action && <TransitionDialog kase={kase} type={action} onClose={() => setAction(null)} />}
      </Section>

      {(kase.status === 'resolved' || kase.status === 'closed') && (
        <Card variant="outlined" sx={{ mb: 2 }}>
          <CardContent>
            <PublicationPanel kase={kase} />
          </CardContent>
        </Card>
      )}

      {kase.suggestion && <SuggestionPanel kase={kase} />}

      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Box sx={{ flex: 2 }}>
          <Section title={translate('caunoi.case.citizenMessage')}>
            <Typography sx={{ whiteSpace: 'pre-wrap' }}>{kase.body}</Typography>
            <Typography variant="body2" sx={{ mt: 1 }}>
              {kase.owningUnit.name} ·{' '}
              {kase.category ? (locale === 'vi' ? kase.category.nameVi : kase.category.nameEn) : '—'} ·{' '}
              {when(kase.receivedAt)}
              {kase.placeText ? ` · ${kase.placeText}` : ''}
            </Typography>
            {kase.location && (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {translate('caunoi.case.location')}:{' '}
                <a
                  href={`https://www.openstreetmap.org/?mlat=${kase.location.latitude}&mlon=${kase.location.longitude}#map=18/${kase.location.latitude}/${kase.location.longitude}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {kase.location.latitude.toFixed(5)}, {kase.location.longitude.toFixed(5)}
                </a>
              </Typography>
            )}
            {describeAttributes(kase.category?.code, kase.attributes, locale === 'vi' ? 'vi' : 'en').map((a) => (
              <Typography key={a.code} variant="body2" sx={{ mt: 0.5 }}>
                {a.label}: {a.value}
              </Typography>
            ))}
            {kase.related.length > 0 && (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {translate('caunoi.case.related')}:{' '}
                {kase.related.map((r, i) => (
                  <span key={r.id}>
                    {i > 0 && ', '}
                    <a href={`#/cases/${r.id}/show`}>{r.trackingCode}</a> — {r.title} (
                    {translate(`caunoi.status.${r.status}`)})
                  </span>
                ))}
              </Typography>
            )}
            {kase.attachments.length > 0 && (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1, alignItems: 'center' }}>
                <Typography variant="body2">{translate('caunoi.case.attachments')}:</Typography>
                {kase.attachments.map((a) => (
                  <Button
                    key={a.id}
                    size="small"
                    variant="outlined"
                    onClick={() => void downloadWithToken(`/api/cases/${kase.id}/attachments/${a.id}`, a.fileName)}
                  >
                    {a.fileName} ({Math.ceil(a.size / 1024)} kB)
                  </Button>
                ))}
              </Stack>
            )}
          </Section>
          <Section title={translate('caunoi.case.conversation')}>
            {kase.messages.map((m) => (
              <Box
                key={m.id}
                sx={{
                  borderLeft: 4,
                  borderColor: m.direction === 'inbound' ? 'info.main' : 'success.main',
                  pl: 1.5,
                  mb: 1.5,
                }}
                data-testid="message"
              >
                <Typography variant="caption">
                  {translate(`caunoi.case.${m.direction}`)} · {translate(`caunoi.channel.${m.channel}`)} ·{' '}
                  {when(m.createdAt)} · {translate(`caunoi.delivery.${m.deliveryStatus}`, { _: m.deliveryStatus })}
                </Typography>
                <Typography sx={{ whiteSpace: 'pre-wrap' }}>{m.body}</Typography>
              </Box>
            ))}
          </Section>
          <Section title={translate('caunoi.case.timeline')}>
            <Box component="ol" sx={{ pl: 2, m: 0 }}>
              {kase.timeline.map((e) => (
                <li key={e.seq}>
                  <Typography variant="body2">
                    <strong>{translate(`caunoi.event.${e.type}`, { _: e.type })}</strong> ·{' '}
                    {e.actorName ?? translate(`caunoi.actor.${e.actor.split(':')[0]}`, { _: e.actor })} ·{' '}
                    {when(e.createdAt)}
                    {e.toStatus ? ` → ${translate(`caunoi.status.${e.toStatus}`)}` : ''}
                    {e.reason ? ` — ${e.reason}` : ''}
                  </Typography>
                </li>
              ))}
            </Box>
          </Section>
        </Box>
        <Box sx={{ flex: 1 }}>
          <Section title={translate('caunoi.case.deadlines')}>
            {kase.deadlines.pausedAt && (
              <Chip sx={{ mb: 1 }} label={translate('caunoi.case.paused', { since: when(kase.deadlines.pausedAt) })} />
            )}
            {CLOCKS.map((clock) => {
              const due = kase.deadlines[clock];
              if (!due) return null;
              // Deadlines of stages the case has left are history: shown, not counted down.
              if (!kase.deadlines.live.includes(clock)) {
                return (
                  <Typography key={clock} variant="body2" color="text.secondary">
                    {translate(`caunoi.case.clock.${clock}`)}: {when(due)}
                  </Typography>
                );
              }
              const left = new Date(due).getTime() - Date.now();
              const paused = clock === 'resolve' && !!kase.deadlines.pausedAt;
              return (
                <Typography
                  key={clock}
                  variant="body2"
                  color={left < 0 && !paused ? 'error' : 'text.primary'}
                  sx={{ fontWeight: 600 }}
                >
                  {translate(`caunoi.case.clock.${clock}`)}: {when(due)} (
                  {paused
                    ? translate('caunoi.sla.paused')
                    : left < 0
                      ? translate('caunoi.sla.overdue', { time: formatSpan(left, translate) })
                      : translate('caunoi.sla.left', { time: formatSpan(left, translate) })}
                  )
                </Typography>
              );
            })}
          </Section>
          <Section title={translate('caunoi.case.citizen')}>
            {kase.citizen === null ? (
              <Typography variant="body2">{translate('caunoi.case.none')}</Typography>
            ) : kase.citizen ? (
              <Typography variant="body2">
                {[kase.citizen.name, kase.citizen.email, kase.citizen.phone].filter(Boolean).join(' · ') || '—'}
              </Typography>
            ) : (
              <Typography variant="body2">{translate('caunoi.case.noContact')}</Typography>
            )}
          </Section>
          <Divider />
        </Box>
      </Stack>
    </Box>
  );
}

export function CaseShow() {
  return (
    <Show component="div" actions={false}>
      <CaseDetail />
    </Show>
  );
}
