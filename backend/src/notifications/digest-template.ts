import type { Language } from '@caunoi/workflows';

export interface DigestContent {
  date: string;
  overdueTotal: number;
  topOverdueUnits: Array<{ code: string; name: string; overdueNow: number; aging: Record<string, number> }>;
  newlyEscalated: Array<{ trackingCode: string; title: string; unitName: string; level: number }>;
  newlyEscalatedTotal: number;
  /** The fastest growing concerns of the last 24 h (titles only: no citizen data). */
  risingConcerns: Array<{ title: string; last24h: number; previous24h: number; provinces: string[]; surged: boolean }>;
  dashboardUrl: string;
  concernsUrl: string;
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
    concerns: 'Vấn đề nổi lên trong 24 giờ qua',
    concernLine: (c: DigestContent['risingConcerns'][number]) =>
      `${c.surged ? '[TĂNG ĐỘT BIẾN] ' : ''}${c.title}: ${c.last24h} phản ánh (24 giờ trước đó: ${c.previous24h}) · ${c.provinces.join(', ') || '—'}`,
    concernsLink: 'Danh sách đầy đủ:',
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
    concerns: 'Emerging concerns in the last 24 hours',
    concernLine: (c: DigestContent['risingConcerns'][number]) =>
      `${c.surged ? '[SURGE] ' : ''}${c.title}: ${c.last24h} submissions (the 24 hours before: ${c.previous24h}) · ${c.provinces.join(', ') || '—'}`,
    concernsLink: 'The full list:',
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
  lines.push('', `${t.concerns}:`);
  if (!content.risingConcerns.length) lines.push(`  ${t.none}`);
  for (const c of content.risingConcerns) lines.push(`  - ${t.concernLine(c)}`);
  if (content.risingConcerns.length) lines.push(`  ${t.concernsLink} ${content.concernsUrl}`);
  lines.push('', `${t.footer} ${content.dashboardUrl}`);
  return { subject: t.subject(content), text: lines.join('\n') };
}
