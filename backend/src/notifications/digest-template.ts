import type { Language } from '@caunoi/workflows';

export interface DigestContent {
  date: string;
  overdueTotal: number;
  topOverdueUnits: Array<{ code: string; name: string; overdueNow: number; aging: Record<string, number> }>;
  newlyEscalated: Array<{ trackingCode: string; title: string; unitName: string; level: number }>;
  newlyEscalatedTotal: number;
  dashboardUrl: string;
}

const TEXT = {
  vi: {
    subject: (d: DigestContent) =>
      `[CauNoi] Tổng hợp ngày ${d.date}: ${d.overdueTotal} hồ sơ quá hạn, ${d.newlyEscalatedTotal} hồ sơ mới chuyển cấp`,
    overdue: 'Đơn vị có nhiều hồ sơ quá hạn nhất',
    cases: (n: number) => `${n} hồ sơ quá hạn`,
    aging: 'quá hạn >20 ngày làm việc',
    escalated: 'Hồ sơ chuyển cấp trong 24 giờ qua',
    level: 'cấp',
    none: 'Không có.',
    more: (n: number) => `… và ${n} hồ sơ khác.`,
    footer: 'Xem chi tiết trên bảng điều khiển:',
  },
  en: {
    subject: (d: DigestContent) =>
      `[CauNoi] Digest for ${d.date}: ${d.overdueTotal} overdue cases, ${d.newlyEscalatedTotal} newly escalated`,
    overdue: 'Units with the most overdue cases',
    cases: (n: number) => `${n} overdue`,
    aging: 'overdue more than 20 working days',
    escalated: 'Cases escalated in the last 24 hours',
    level: 'level',
    none: 'None.',
    more: (n: number) => `… and ${n} more.`,
    footer: 'Details on the dashboard:',
  },
} as const;

/** The daily digest as plain text, in the subscriber's language; no citizen contact data. */
export function renderDigest(content: DigestContent, language: Language): { subject: string; text: string } {
  const t = TEXT[language];
  const lines = [`${t.overdue}:`];
  if (!content.topOverdueUnits.length) lines.push(`  ${t.none}`);
  for (const u of content.topOverdueUnits)
    lines.push(`  - ${u.name} (${u.code}): ${t.cases(u.overdueNow)}, ${u.aging['>20'] ?? 0} ${t.aging}`);
  lines.push('', `${t.escalated}:`);
  if (!content.newlyEscalated.length) lines.push(`  ${t.none}`);
  for (const c of content.newlyEscalated)
    lines.push(`  - ${c.trackingCode} · ${c.unitName} · ${t.level} ${c.level} · ${c.title}`);
  if (content.newlyEscalatedTotal > content.newlyEscalated.length)
    lines.push(`  ${t.more(content.newlyEscalatedTotal - content.newlyEscalated.length)}`);
  lines.push('', `${t.footer} ${content.dashboardUrl}`);
  return { subject: t.subject(content), text: lines.join('\n') };
}
