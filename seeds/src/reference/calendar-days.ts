import type { CalendarDayKind } from '@caunoi/workflows';

/**
 * Exceptions to the Monday–Friday week for 2025–2027 (vietnam-rules.md §2.6). Fixed-date holidays
 * come from Labor Code 45/2019/QH14 Art. 112.1. Tết, the Hùng Kings' day, the day next to 2/9 and
 * swaps are set each year by the Prime Minister's notice: those rows carry `verified: false` until
 * an administrator checks them against the notice. A holiday on a weekend gets its compensatory
 * day from the calendar (Art. 111.3), so those are not listed.
 */
export interface CalendarDaySeed {
  date: string;
  kind: CalendarDayKind;
  name: string;
  /** The basis in Vietnamese; `sourceEn` is its English translation. */
  source: string;
  sourceEn: string;
  verified: boolean;
  active?: boolean;
  compensate?: boolean;
}

const ART_112 = 'Bộ luật Lao động 45/2019/QH14 Điều 112.1';
const ART_112_EN = 'Labor Code 45/2019/QH14 Art. 112.1';
const holiday = (
  date: string,
  name: string,
  source = ART_112,
  sourceEn = ART_112_EN,
  verified = true,
): CalendarDaySeed => ({ date, kind: 'holiday', name, source, sourceEn, verified });
const yearly = (date: string, name: string, year: number) =>
  holiday(
    date,
    name,
    `${ART_112}; ngày cụ thể năm ${year} theo thông báo hằng năm của Thủ tướng Chính phủ (cần đối chiếu)`,
    `${ART_112_EN}; dates of ${year} per the Prime Minister's yearly notice (to be checked against it)`,
    false,
  );

export const calendarDays: CalendarDaySeed[] = [
  // 2025
  holiday('2025-01-01', 'Tết Dương lịch'),
  ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) =>
    yearly(d, 'Tết Nguyên đán Ất Tỵ', 2025),
  ),
  yearly('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 2025),
  holiday('2025-04-30', 'Ngày Chiến thắng'),
  holiday('2025-05-01', 'Ngày Quốc tế Lao động'),
  yearly('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)', 2025),
  {
    date: '2025-04-26',
    kind: 'workingDay',
    name: 'Làm bù cho ngày 02/5',
    source: 'Thông báo hoán đổi ngày làm việc năm 2025 của Thủ tướng Chính phủ (cần đối chiếu)',
    sourceEn: "Prime Minister's 2025 swap notice (to be checked against it)",
    verified: false,
  },
  yearly('2025-09-01', 'Quốc khánh (ngày liền kề)', 2025),
  holiday('2025-09-02', 'Quốc khánh'),

  // 2026
  holiday('2026-01-01', 'Tết Dương lịch'),
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) =>
    yearly(d, 'Tết Nguyên đán Bính Ngọ', 2026),
  ),
  yearly('2026-04-26', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 2026),
  holiday('2026-04-30', 'Ngày Chiến thắng'),
  holiday('2026-05-01', 'Ngày Quốc tế Lao động'),
  yearly('2026-09-01', 'Quốc khánh (ngày liền kề)', 2026),
  holiday('2026-09-02', 'Quốc khánh'),
  {
    date: '2026-11-24',
    kind: 'holiday',
    name: 'Ngày Văn hóa Việt Nam',
    source:
      'Nghị quyết 80-NQ/TW (01/2026) và Nghị quyết 30/NQ-CP (02/2026) của Chính phủ chỉ đạo sửa Bộ luật Lao động Điều 112.1; chưa áp dụng cho đến khi sửa đổi có hiệu lực',
    sourceEn:
      'Resolution 80-NQ/TW (01/2026) and Government Resolution 30/NQ-CP (02/2026) direct amending Labor Code Art. 112.1; not applied until the amendment is in force',
    verified: false,
    active: false,
  },

  // 2027 (lunar dates computed, not yet announced)
  holiday('2027-01-01', 'Tết Dương lịch'),
  ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'].map((d) =>
    yearly(d, 'Tết Nguyên đán Đinh Mùi', 2027),
  ),
  yearly('2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 2027),
  holiday('2027-04-30', 'Ngày Chiến thắng'),
  holiday('2027-05-01', 'Ngày Quốc tế Lao động'),
  holiday('2027-09-02', 'Quốc khánh'),
  yearly('2027-09-03', 'Quốc khánh (ngày liền kề)', 2027),
  {
    date: '2027-11-24',
    kind: 'holiday',
    name: 'Ngày Văn hóa Việt Nam',
    source: 'Nghị quyết 80-NQ/TW; chờ sửa đổi Bộ luật Lao động',
    sourceEn: 'Resolution 80-NQ/TW; pending the Labor Code amendment',
    verified: false,
    active: false,
  },
];
