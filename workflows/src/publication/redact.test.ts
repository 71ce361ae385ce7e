import { describe, expect, it } from 'vitest';
import { redactForPublication } from './redact';

/**
 * Realistic texts as citizens and officers write them, with the personal data they carry and the
 * public facts that must stay readable.
 */
const CASES: Array<{ text: string; gone: string[]; kept: string[]; names?: string[] }> = [
  {
    text: 'Tôi là Nguyễn Văn An, số điện thoại 0912 345 678, nhà ở số 15 ngõ 5 Đội Cấn, Phường Ba Đình.',
    gone: ['Nguyễn Văn An', '0912 345 678', '15'],
    kept: ['ngõ 5 Đội Cấn', 'Phường Ba Đình'],
  },
  {
    text: 'Liên hệ chị Lê Thị Thu Hà qua 0987.654.321 hoặc email thuha.le@gmail.com để xác minh.',
    gone: ['Lê Thị Thu Hà', '0987.654.321', 'thuha.le@gmail.com'],
    kept: ['để xác minh'],
  },
  {
    text: 'Số CCCD của tôi: 001203004567, cấp ngày 20/12/2021 tại Hà Nội.',
    gone: ['001203004567'],
    kept: ['20/12/2021', 'Hà Nội'],
  },
  { text: 'CCCD 001 203 004 567', gone: ['001 203 004 567'], kept: ['CCCD'] },
  { text: 'căn cước 0012 0300 4567', gone: ['0012 0300 4567'], kept: ['căn cước'] },
  { text: 'CMND số 012345678 đã hết hạn', gone: ['012345678'], kept: ['đã hết hạn'] },
  {
    text: 'Xe ô tô biển số 29A-123.45 đỗ chắn lối vào ngõ 12 cả ngày; xe máy 59-X1 234.56 cũng vậy.',
    gone: ['29A-123.45', '59-X1 234.56'],
    kept: ['ngõ 12'],
  },
  { text: 'xe tải 30E 12345 chở vật liệu', gone: ['30E 12345'], kept: ['chở vật liệu'] },
  {
    text: 'Gọi cho tôi +84 912 345 678 hoặc 84912345678, nhà số 34/5 đường Láng.',
    gone: ['+84 912 345 678', '84912345678', '34/5'],
    kept: ['đường Láng'],
  },
  { text: 'số cố định 024 3823 4567 giờ hành chính', gone: ['024 3823 4567'], kept: ['giờ hành chính'] },
  {
    text: 'Phí thu 1.500.000 đồng mỗi tháng từ ngày 01/11/2026 là quá cao.',
    gone: [],
    kept: ['1.500.000 đồng', '01/11/2026'],
  },
  {
    text: 'Ông Trần Quốc Tuấn ở tổ 12 và bà Phạm Thị Mai cùng phản ánh việc này.',
    gone: ['Trần Quốc Tuấn', 'Phạm Thị Mai'],
    kept: ['tổ 12', 'cùng phản ánh'],
  },
  {
    text: 'UBND Phường Ngọc Hà đã cử cán bộ kiểm tra hiện trạng tại Quận Ba Đình.',
    gone: [],
    kept: ['UBND Phường Ngọc Hà', 'Quận Ba Đình'],
  },
  {
    text: 'Trả lời ông Hoàng: đã sửa xong đèn ngõ 5, anh Tuấn ở tổ dân phố đã xác nhận.',
    gone: ['Hoàng', 'Tuấn'],
    kept: ['đã sửa xong đèn ngõ 5', 'tổ dân phố'],
  },
  {
    text: 'Kính gửi Hoàng Minh Châu, cơ quan đã tiếp nhận. Số nhà 12B phố Huế.',
    gone: ['Hoàng Minh Châu', '12B'],
    kept: ['phố Huế', 'cơ quan đã tiếp nhận'],
    names: ['Hoàng Minh Châu'],
  },
  { text: 'toi la Nguyen Van Binh, sdt 0901234567', gone: ['Nguyen Van Binh', '0901234567'], kept: ['sdt'] },
];

describe('redaction before publication', () => {
  it.each(CASES)('masks what identifies a person in "$text"', ({ text, gone, kept, names }) => {
    const { text: out, masked } = redactForPublication(text, names);
    for (const g of gone) expect(out).not.toContain(g);
    for (const k of kept) expect(out).toContain(k);
    expect(masked.length).toBeGreaterThanOrEqual(gone.length);
  });

  it('says what it masked, by kind, for the officer to review beside the original', () => {
    const { masked, text } = redactForPublication('Anh Đỗ Văn Hùng, 0912345678, a@b.vn');
    expect(masked.map((m) => m.kind).sort()).toEqual(['email', 'name', 'phone']);
    expect(text).toBe('Anh [họ tên], [số điện thoại], [thư điện tử]');
  });
});
