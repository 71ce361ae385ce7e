import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { TCaseListItem } from '@caunoi/contract';
import { isOpenStatus } from '@caunoi/workflows/domain';

/** Time left or overdue, in days (hours under a day). */
export function formatSpan(ms: number, translate: (key: string, options?: Record<string, unknown>) => string): string {
  const hours = Math.abs(ms) / 3_600_000;
  return hours < 24
    ? translate('caunoi.sla.hours', { n: Math.max(1, Math.round(hours)) })
    : translate('caunoi.sla.days', { n: Math.round(hours / 24) });
}

/**
 * The SLA state at a glance, as the server computed it: grey when paused for the citizen, red when
 * the running clock is overdue, amber within two days of its deadline, green otherwise.
 */
export function SlaField(_props: { label?: string; sortBy?: string }) {
  const record = useRecordContext<TCaseListItem>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.isPaused) return <Chip size="small" label={translate('caunoi.sla.paused')} />;
  if (!record.runningDueAt || !isOpenStatus(record.status)) return <span>{translate('caunoi.sla.none')}</span>;
  const left = new Date(record.runningDueAt).getTime() - Date.now();
  if (record.isOverdue)
    return (
      <Chip size="small" color="error" label={translate('caunoi.sla.overdue', { time: formatSpan(left, translate) })} />
    );
  return (
    <Chip
      size="small"
      color={left < 2 * 86_400_000 ? 'warning' : 'success'}
      variant="outlined"
      label={translate('caunoi.sla.left', { time: formatSpan(left, translate) })}
    />
  );
}

export function EscalationBadge(_props: { label?: string; sortBy?: string }) {
  const record = useRecordContext<TCaseListItem>();
  const translate = useTranslate();
  if (!record?.escalationLevel) return null;
  return (
    <Chip
      size="small"
      color={record.escalationLevel >= 3 ? 'error' : 'warning'}
      label={translate('caunoi.escalation', { level: record.escalationLevel })}
    />
  );
}

export function StatusField(_props: { label?: string; sortBy?: string }) {
  const record = useRecordContext<TCaseListItem>();
  const translate = useTranslate();
  return record ? <span>{translate(`caunoi.status.${record.status}`)}</span> : null;
}
