/**
 * The 34 provincial-level units from 01/07/2025 with their official GSO codes (Công văn
 * 915/CTK-CSCL, cross-checked in seeds/data/NOTICE.md). Used only when the full national list
 * (`vn-admin-units-2025.json`) is not available; the full list also brings the 3,321 communes.
 */
export interface ProvinceSeed {
  code: string;
  name: string;
  /** "thành phố trung ương" (centrally-run city) or "tỉnh". */
  type: 'thành phố trung ương' | 'tỉnh';
}

const city = (code: string, short: string): ProvinceSeed => ({
  code,
  name: `Thành phố ${short}`,
  type: 'thành phố trung ương',
});
const province = (code: string, short: string): ProvinceSeed => ({ code, name: `Tỉnh ${short}`, type: 'tỉnh' });

export const provinces2025: ProvinceSeed[] = [
  city('01', 'Hà Nội'),
  province('04', 'Cao Bằng'),
  province('08', 'Tuyên Quang'),
  province('11', 'Điện Biên'),
  province('12', 'Lai Châu'),
  province('14', 'Sơn La'),
  province('15', 'Lào Cai'),
  province('19', 'Thái Nguyên'),
  province('20', 'Lạng Sơn'),
  province('22', 'Quảng Ninh'),
  province('24', 'Bắc Ninh'),
  province('25', 'Phú Thọ'),
  city('31', 'Hải Phòng'),
  province('33', 'Hưng Yên'),
  province('37', 'Ninh Bình'),
  province('38', 'Thanh Hóa'),
  province('40', 'Nghệ An'),
  province('42', 'Hà Tĩnh'),
  province('44', 'Quảng Trị'),
  city('46', 'Huế'),
  city('48', 'Đà Nẵng'),
  province('51', 'Quảng Ngãi'),
  province('52', 'Gia Lai'),
  province('56', 'Khánh Hòa'),
  province('66', 'Đắk Lắk'),
  province('68', 'Lâm Đồng'),
  province('75', 'Đồng Nai'),
  city('79', 'Hồ Chí Minh'),
  province('80', 'Tây Ninh'),
  province('82', 'Đồng Tháp'),
  province('86', 'Vĩnh Long'),
  province('91', 'An Giang'),
  city('92', 'Cần Thơ'),
  province('96', 'Cà Mau'),
];
