import type { LegalTrack, SlaClock, SlaPeriodUnit } from '@caunoi/workflows';

/**
 * Legal time limits as data (vietnam-rules.md Part 2 and Part 3 §2). Values the rules page marks
 * [UNVERIFIED], and local policy defaults where the law sets no period, are kept with
 * `verified: false` so that administrators see which ones to confirm. Each source is written in
 * Vietnamese (what officers read and cite) with an English translation.
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
  /** The legal basis in Vietnamese, as officers read it (the law's own words where it has them). */
  source: string;
  /** The same in English, for the English interface. */
  sourceEn: string;
  verified: boolean;
  effectiveFrom: string;
  effectiveTo?: string;
}

const POLICY = 'Mặc định của CauNoi (pháp luật không quy định thời hạn; cơ quan vận hành quyết định)';
const POLICY_EN = 'CauNoi default policy (no statutory period; set by the operating authority)';

export const slaRules: SlaRuleSeed[] = [
  // PAKN on administrative regulations — Decree 20/2008/NĐ-CP.
  {
    code: 'pakn.acknowledge',
    legalTrack: 'pakn',
    clock: 'acknowledge',
    amount: 1,
    unit: 'workingDays',
    source: `${POLICY}: xác nhận đã tiếp nhận trên kênh đã gửi.`,
    sourceEn: `${POLICY_EN}: acknowledge on the channel of receipt.`,
    verified: false,
    effectiveFrom: '2008-03-03',
  },
  {
    code: 'pakn.transfer',
    legalTrack: 'pakn',
    clock: 'transfer',
    amount: 5,
    unit: 'workingDays',
    source: 'Nghị định 20/2008/NĐ-CP Điều 9.1.d: "trong thời hạn không quá 05 ngày làm việc, kể từ ngày tiếp nhận".',
    sourceEn: 'Decree 20/2008/NĐ-CP Art. 9.1.d: "within no more than 05 working days from receipt".',
    verified: true,
    effectiveFrom: '2008-03-03',
  },
  {
    code: 'pakn.accept',
    legalTrack: 'pakn',
    clock: 'accept',
    amount: 3,
    unit: 'workingDays',
    source: `${POLICY}; các thông tư chuyên ngành dùng 2–5 ngày làm việc (ví dụ Thông tư 21/2016/TT-BGTVT Điều 49).`,
    sourceEn: `${POLICY_EN}; sector circulars use 2–5 working days (e.g. TT 21/2016/TT-BGTVT Art. 49).`,
    verified: false,
    effectiveFrom: '2008-03-03',
  },
  {
    code: 'pakn.resolve',
    legalTrack: 'pakn',
    clock: 'resolve',
    amount: 10,
    unit: 'workingDays',
    extensionAmount: 10,
    maxExtensions: 1,
    source:
      'Luật Tiếp công dân 42/2013/QH13 Điều 28 (trả lời trong 10 ngày làm việc); Nghị định 20/2008 Điều 14 không quy định thời hạn chung. Vụ việc phức tạp: theo mẫu Thông tư 11/2014/TT-BCT Điều 13 (5 → 10).',
    sourceEn:
      'Law on Citizen Reception 42/2013/QH13 Art. 28 (answer within 10 working days); Decree 20/2008 Art. 14 sets no overall period. Complex cases: TT 11/2014/TT-BCT Art. 13 pattern (5 → 10).',
    verified: false,
    effectiveFrom: '2014-07-01',
  },
  {
    code: 'pakn.citizen-reply',
    legalTrack: 'pakn',
    clock: 'citizenReply',
    amount: 15,
    unit: 'workingDays',
    source: `${POLICY}: đề nghị bổ sung hết hiệu lực sau thời hạn này.`,
    sourceEn: `${POLICY_EN}: a question to the citizen lapses after this period.`,
    verified: false,
    effectiveFrom: '2008-03-03',
  },

  // PAKN on officials' conduct — transferred to the competent body (Decree 20/2008 Art. 9.1.d).
  {
    code: 'conduct.acknowledge',
    legalTrack: 'conduct',
    clock: 'acknowledge',
    amount: 1,
    unit: 'workingDays',
    source: `${POLICY}.`,
    sourceEn: `${POLICY_EN}.`,
    verified: false,
    effectiveFrom: '2008-03-03',
  },
  {
    code: 'conduct.transfer',
    legalTrack: 'conduct',
    clock: 'transfer',
    amount: 5,
    unit: 'workingDays',
    source: 'Nghị định 20/2008/NĐ-CP Điều 9.1.d (hành vi của cán bộ → chuyển cơ quan có thẩm quyền).',
    sourceEn: 'Decree 20/2008/NĐ-CP Art. 9.1.d (conduct of officials → transfer to the competent body).',
    verified: true,
    effectiveFrom: '2008-03-03',
  },
  {
    code: 'conduct.accept',
    legalTrack: 'conduct',
    clock: 'accept',
    amount: 3,
    unit: 'workingDays',
    source: `${POLICY}; Thông tư 11/2014/TT-BCT Điều 13 chuyển trong 3 ngày làm việc.`,
    sourceEn: `${POLICY_EN}; TT 11/2014/TT-BCT Art. 13 transfers within 3 working days.`,
    verified: false,
    effectiveFrom: '2008-03-03',
  },
  {
    code: 'conduct.resolve',
    legalTrack: 'conduct',
    clock: 'resolve',
    amount: 5,
    unit: 'workingDays',
    extensionAmount: 5,
    maxExtensions: 1,
    source:
      'Thông tư 11/2014/TT-BCT Điều 13: báo cáo trong 5 ngày làm việc, 10 ngày với vụ việc phức tạp (ví dụ của một ngành, dùng làm mặc định).',
    sourceEn:
      'TT 11/2014/TT-BCT Art. 13: report within 5 working days, 10 for complex cases (sector example, applied as default).',
    verified: false,
    effectiveFrom: '2014-07-01',
  },
  {
    code: 'conduct.citizen-reply',
    legalTrack: 'conduct',
    clock: 'citizenReply',
    amount: 15,
    unit: 'workingDays',
    source: `${POLICY}.`,
    sourceEn: `${POLICY_EN}.`,
    verified: false,
    effectiveFrom: '2008-03-03',
  },

  // Complaints — Law on Complaints 02/2011/QH13.
  {
    code: 'complaint.acknowledge',
    legalTrack: 'complaint',
    clock: 'acknowledge',
    amount: 1,
    unit: 'workingDays',
    source: `${POLICY}.`,
    sourceEn: `${POLICY_EN}.`,
    verified: false,
    effectiveFrom: '2012-07-01',
  },
  {
    code: 'complaint.transfer',
    legalTrack: 'complaint',
    clock: 'transfer',
    amount: 5,
    unit: 'workingDays',
    source:
      'Luật Tiếp công dân Điều 28 (thông báo chuyển đơn trong 10 ngày làm việc); CauNoi áp dụng thời hạn chuyển 5 ngày làm việc của Nghị định 20/2008 Điều 9.',
    sourceEn:
      'Law on Citizen Reception Art. 28 (notify of transfer within 10 working days); CauNoi applies the 5-working-day transfer of Decree 20/2008 Art. 9.',
    verified: false,
    effectiveFrom: '2014-07-01',
  },
  {
    code: 'complaint.accept.2013',
    legalTrack: 'complaint',
    clock: 'accept',
    amount: 10,
    unit: 'workingDays',
    source:
      'Luật Khiếu nại Điều 27 ("10 ngày"); Thông tư 07/2013/TT-TTCP Điều 5, sửa đổi bởi Thông tư 02/2016: "10 ngày làm việc".',
    sourceEn:
      'Law on Complaints Art. 27 ("10 days"); TT 07/2013/TT-TTCP Art. 5 as amended by TT 02/2016: "10 working days".',
    verified: true,
    effectiveFrom: '2012-07-01',
    effectiveTo: '2026-06-30',
  },
  {
    code: 'complaint.accept.2026',
    legalTrack: 'complaint',
    clock: 'accept',
    amount: 7,
    unit: 'workingDays',
    source:
      'Nghị định 155/2026/NĐ-CP sửa đổi Nghị định 124/2020 Điều 16.1: "07 ngày làm việc" (hiệu lực từ 01/07/2026).',
    sourceEn: 'Decree 155/2026/NĐ-CP amending Decree 124/2020 Art. 16.1: "07 working days" (effective 01/07/2026).',
    verified: true,
    effectiveFrom: '2026-07-01',
  },
  {
    code: 'complaint.resolve',
    legalTrack: 'complaint',
    clock: 'resolve',
    amount: 30,
    unit: 'days',
    remoteAreaAmount: 45,
    extensionAmount: 15,
    maxExtensions: 1,
    source:
      'Luật Khiếu nại Điều 28: không quá 30 ngày kể từ ngày thụ lý, vụ việc phức tạp không quá 45 ngày; vùng sâu, vùng xa 45 ngày, phức tạp 60 ngày. Tính theo ngày (dương lịch) là cách hiểu [CHƯA ĐỐI CHIẾU].',
    sourceEn:
      'Law on Complaints Art. 28: ≤ 30 days from acceptance, complex ≤ 45; remote areas 45, complex 60. Calendar days is an interpretation [UNVERIFIED].',
    verified: false,
    effectiveFrom: '2012-07-01',
  },
  {
    code: 'complaint.citizen-reply',
    legalTrack: 'complaint',
    clock: 'citizenReply',
    amount: 15,
    unit: 'workingDays',
    source: `${POLICY}.`,
    sourceEn: `${POLICY_EN}.`,
    verified: false,
    effectiveFrom: '2012-07-01',
  },

  // Denunciations — Law on Denunciations 25/2018/QH14.
  {
    code: 'denunciation.acknowledge',
    legalTrack: 'denunciation',
    clock: 'acknowledge',
    amount: 1,
    unit: 'workingDays',
    source: `${POLICY}.`,
    sourceEn: `${POLICY_EN}.`,
    verified: false,
    effectiveFrom: '2019-01-01',
  },
  {
    code: 'denunciation.transfer',
    legalTrack: 'denunciation',
    clock: 'transfer',
    amount: 5,
    unit: 'workingDays',
    source: 'Luật Tố cáo Điều 24: không thuộc thẩm quyền → chuyển trong 05 ngày làm việc.',
    sourceEn: 'Law on Denunciations Art. 24: not within competence → transfer within 05 working days.',
    verified: true,
    effectiveFrom: '2019-01-01',
  },
  {
    code: 'denunciation.accept',
    legalTrack: 'denunciation',
    clock: 'accept',
    amount: 7,
    unit: 'workingDays',
    extensionAmount: 3,
    maxExtensions: 1,
    source: 'Luật Tố cáo Điều 24: xử lý ban đầu trong 07 ngày làm việc, đến 10 ngày khi cần xác minh ở nhiều nơi.',
    sourceEn:
      'Law on Denunciations Art. 24: initial processing within 07 working days, up to 10 when verification is needed at several places.',
    verified: true,
    effectiveFrom: '2019-01-01',
  },
  {
    code: 'denunciation.resolve',
    legalTrack: 'denunciation',
    clock: 'resolve',
    amount: 30,
    unit: 'days',
    extensionAmount: 30,
    maxExtensions: 2,
    source:
      'Luật Tố cáo Điều 30: không quá 30 ngày kể từ ngày thụ lý; phức tạp gia hạn một lần 30 ngày; đặc biệt phức tạp gia hạn hai lần, mỗi lần 30 ngày (tối đa 90 ngày).',
    sourceEn:
      'Law on Denunciations Art. 30: ≤ 30 days from acceptance; complex +30 once; particularly complex +30 twice (max 90).',
    verified: true,
    effectiveFrom: '2019-01-01',
  },
  {
    code: 'denunciation.citizen-reply',
    legalTrack: 'denunciation',
    clock: 'citizenReply',
    amount: 15,
    unit: 'workingDays',
    source: `${POLICY}.`,
    sourceEn: `${POLICY_EN}.`,
    verified: false,
    effectiveFrom: '2019-01-01',
  },
];
