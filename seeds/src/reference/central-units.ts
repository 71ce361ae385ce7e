/**
 * The Government Office and the central bodies that handle ministry-level topics, after the
 * restructuring of 01/03/2025 (vietnam-rules.md §2.7): 14 ministries and 3 ministerial-level
 * agencies, one of which is the Government Office itself (the root of the unit tree).
 */
export interface CentralUnitSeed {
  code: string;
  nameVi: string;
  nameEn: string;
  level: 'governmentOffice' | 'ministry' | 'ministerialAgency';
}

export const GOVERNMENT_OFFICE_CODE = 'VPCP';
export const CENTRAL_UNITS_VALID_FROM = '2025-03-01';

export const governmentOffice: CentralUnitSeed = {
  code: GOVERNMENT_OFFICE_CODE,
  nameVi: 'Văn phòng Chính phủ',
  nameEn: 'Government Office',
  level: 'governmentOffice',
};

export const ministriesAndAgencies: CentralUnitSeed[] = [
  { code: 'BQP', nameVi: 'Bộ Quốc phòng', nameEn: 'Ministry of National Defence', level: 'ministry' },
  { code: 'BCA', nameVi: 'Bộ Công an', nameEn: 'Ministry of Public Security', level: 'ministry' },
  { code: 'BNG', nameVi: 'Bộ Ngoại giao', nameEn: 'Ministry of Foreign Affairs', level: 'ministry' },
  { code: 'BNV', nameVi: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs', level: 'ministry' },
  { code: 'BTP', nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice', level: 'ministry' },
  { code: 'BTC', nameVi: 'Bộ Tài chính', nameEn: 'Ministry of Finance', level: 'ministry' },
  { code: 'BCT', nameVi: 'Bộ Công Thương', nameEn: 'Ministry of Industry and Trade', level: 'ministry' },
  {
    code: 'BNNMT',
    nameVi: 'Bộ Nông nghiệp và Môi trường',
    nameEn: 'Ministry of Agriculture and Environment',
    level: 'ministry',
  },
  { code: 'BXD', nameVi: 'Bộ Xây dựng', nameEn: 'Ministry of Construction', level: 'ministry' },
  {
    code: 'BVHTTDL',
    nameVi: 'Bộ Văn hóa, Thể thao và Du lịch',
    nameEn: 'Ministry of Culture, Sports and Tourism',
    level: 'ministry',
  },
  {
    code: 'BKHCN',
    nameVi: 'Bộ Khoa học và Công nghệ',
    nameEn: 'Ministry of Science and Technology',
    level: 'ministry',
  },
  { code: 'BGDDT', nameVi: 'Bộ Giáo dục và Đào tạo', nameEn: 'Ministry of Education and Training', level: 'ministry' },
  { code: 'BYT', nameVi: 'Bộ Y tế', nameEn: 'Ministry of Health', level: 'ministry' },
  {
    code: 'BDTTG',
    nameVi: 'Bộ Dân tộc và Tôn giáo',
    nameEn: 'Ministry of Ethnic and Religious Affairs',
    level: 'ministry',
  },
  { code: 'NHNN', nameVi: 'Ngân hàng Nhà nước Việt Nam', nameEn: 'State Bank of Vietnam', level: 'ministerialAgency' },
  { code: 'TTCP', nameVi: 'Thanh tra Chính phủ', nameEn: 'Government Inspectorate', level: 'ministerialAgency' },
];
