import type { LegalTrack, SlaClock, SlaPeriodUnit } from '@caunoi/workflows';

/**
 * Legal time limits as data (vietnam-rules.md Part 2 and Part 3 §2). Values the rules page marks
 * [UNVERIFIED], and local policy defaults where the law sets no period, are kept with
 * `verified: false` so that administrators see which ones to confirm.
 */
export interface SlaRuleSeed {
  code: string;
  legalTrack: LegalTrack;
  clock: SlaClock;
  amount: number;
  unit: SlaPeriodUnit;
  remoteAreaAmount?: number;
  extensionAmount?: number;
  maxExtensions?: number;
  source: string;
  verified: boolean;
  effectiveFrom: string;
  effectiveTo?: string;
}

const POLICY = 'CauNoi default policy (no statutory period; set by the operating authority)';

export const slaRules: SlaRuleSeed[] = [
  // PAKN on administrative regulations — Decree 20/2008/NĐ-CP.
  { code: 'pakn.acknowledge', legalTrack: 'pakn', clock: 'acknowledge', amount: 1, unit: 'workingDays', source: `${POLICY}: acknowledge on the channel of receipt.`, verified: false, effectiveFrom: '2008-03-03' },
  { code: 'pakn.transfer', legalTrack: 'pakn', clock: 'transfer', amount: 5, unit: 'workingDays', source: 'Decree 20/2008/NĐ-CP Art. 9.1.d: "trong thời hạn không quá 05 ngày làm việc, kể từ ngày tiếp nhận".', verified: true, effectiveFrom: '2008-03-03' },
  { code: 'pakn.accept', legalTrack: 'pakn', clock: 'accept', amount: 3, unit: 'workingDays', source: `${POLICY}; sector circulars use 2–5 working days (e.g. TT 21/2016/TT-BGTVT Art. 49).`, verified: false, effectiveFrom: '2008-03-03' },
  { code: 'pakn.resolve', legalTrack: 'pakn', clock: 'resolve', amount: 10, unit: 'workingDays', extensionAmount: 10, maxExtensions: 1, source: 'Law on Citizen Reception 42/2013/QH13 Art. 28 (answer within 10 working days); Decree 20/2008 Art. 14 sets no overall period. Complex cases: TT 11/2014/TT-BCT Art. 13 pattern (5 → 10).', verified: false, effectiveFrom: '2014-07-01' },
  { code: 'pakn.citizen-reply', legalTrack: 'pakn', clock: 'citizenReply', amount: 15, unit: 'workingDays', source: `${POLICY}: a question to the citizen lapses after this period.`, verified: false, effectiveFrom: '2008-03-03' },

  // PAKN on officials' conduct — transferred to the competent body (Decree 20/2008 Art. 9.1.d).
  { code: 'conduct.acknowledge', legalTrack: 'conduct', clock: 'acknowledge', amount: 1, unit: 'workingDays', source: `${POLICY}.`, verified: false, effectiveFrom: '2008-03-03' },
  { code: 'conduct.transfer', legalTrack: 'conduct', clock: 'transfer', amount: 5, unit: 'workingDays', source: 'Decree 20/2008/NĐ-CP Art. 9.1.d (conduct of officials → transfer to the competent body).', verified: true, effectiveFrom: '2008-03-03' },
  { code: 'conduct.accept', legalTrack: 'conduct', clock: 'accept', amount: 3, unit: 'workingDays', source: `${POLICY}; TT 11/2014/TT-BCT Art. 13 transfers within 3 working days.`, verified: false, effectiveFrom: '2008-03-03' },
  { code: 'conduct.resolve', legalTrack: 'conduct', clock: 'resolve', amount: 5, unit: 'workingDays', extensionAmount: 5, maxExtensions: 1, source: 'TT 11/2014/TT-BCT Art. 13: report within 5 working days, 10 for complex cases (sector example, applied as default).', verified: false, effectiveFrom: '2014-07-01' },
  { code: 'conduct.citizen-reply', legalTrack: 'conduct', clock: 'citizenReply', amount: 15, unit: 'workingDays', source: `${POLICY}.`, verified: false, effectiveFrom: '2008-03-03' },

  // Complaints — Law on Complaints 02/2011/QH13.
  { code: 'complaint.acknowledge', legalTrack: 'complaint', clock: 'acknowledge', amount: 1, unit: 'workingDays', source: `${POLICY}.`, verified: false, effectiveFrom: '2012-07-01' },
  { code: 'complaint.transfer', legalTrack: 'complaint', clock: 'transfer', amount: 5, unit: 'workingDays', source: 'Law on Citizen Reception Art. 28 (notify of transfer within 10 working days); CauNoi applies the 5-working-day transfer of Decree 20/2008 Art. 9.', verified: false, effectiveFrom: '2014-07-01' },
  { code: 'complaint.accept.2013', legalTrack: 'complaint', clock: 'accept', amount: 10, unit: 'workingDays', source: 'Law on Complaints Art. 27 ("10 ngày"); TT 07/2013/TT-TTCP Art. 5 as amended by TT 02/2016: "10 ngày làm việc".', verified: true, effectiveFrom: '2012-07-01', effectiveTo: '2026-06-30' },
  { code: 'complaint.accept.2026', legalTrack: 'complaint', clock: 'accept', amount: 7, unit: 'workingDays', source: 'Decree 155/2026/NĐ-CP amending Decree 124/2020 Art. 16.1: "07 ngày làm việc" (effective 01/07/2026).', verified: true, effectiveFrom: '2026-07-01' },
  { code: 'complaint.resolve', legalTrack: 'complaint', clock: 'resolve', amount: 30, unit: 'days', remoteAreaAmount: 45, extensionAmount: 15, maxExtensions: 1, source: 'Law on Complaints Art. 28: ≤ 30 days from acceptance, complex ≤ 45; remote areas 45, complex 60. Calendar days is an interpretation [UNVERIFIED].', verified: false, effectiveFrom: '2012-07-01' },
  { code: 'complaint.citizen-reply', legalTrack: 'complaint', clock: 'citizenReply', amount: 15, unit: 'workingDays', source: `${POLICY}.`, verified: false, effectiveFrom: '2012-07-01' },

  // Denunciations — Law on Denunciations 25/2018/QH14.
  { code: 'denunciation.acknowledge', legalTrack: 'denunciation', clock: 'acknowledge', amount: 1, unit: 'workingDays', source: `${POLICY}.`, verified: false, effectiveFrom: '2019-01-01' },
  { code: 'denunciation.transfer', legalTrack: 'denunciation', clock: 'transfer', amount: 5, unit: 'workingDays', source: 'Law on Denunciations Art. 24: not within competence → transfer within 05 working days.', verified: true, effectiveFrom: '2019-01-01' },
  { code: 'denunciation.accept', legalTrack: 'denunciation', clock: 'accept', amount: 7, unit: 'workingDays', extensionAmount: 3, maxExtensions: 1, source: 'Law on Denunciations Art. 24: initial processing within 07 working days, up to 10 when verification is needed at several places.', verified: true, effectiveFrom: '2019-01-01' },
  { code: 'denunciation.resolve', legalTrack: 'denunciation', clock: 'resolve', amount: 30, unit: 'days', extensionAmount: 30, maxExtensions: 2, source: 'Law on Denunciations Art. 30: ≤ 30 days from acceptance; complex +30 once; particularly complex +30 twice (max 90).', verified: true, effectiveFrom: '2019-01-01' },
  { code: 'denunciation.citizen-reply', legalTrack: 'denunciation', clock: 'citizenReply', amount: 15, unit: 'workingDays', source: `${POLICY}.`, verified: false, effectiveFrom: '2019-01-01' },
];
