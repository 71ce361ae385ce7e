import type { LegalTrack, OrgUnitLevel } from '@caunoi/workflows';

/**
 * What citizens write about, with the legal track that sets the clocks and the level (or the
 * ministry) that normally handles it. Ministry-level topics name the responsible ministry.
 */
export interface CategorySeed {
  code: string;
  nameVi: string;
  nameEn: string;
  legalTrack: LegalTrack;
  sector: string;
  responsibleUnitCode: string | null;
  defaultLevel: OrgUnitLevel | null;
}

export const categories: CategorySeed[] = [
  {
    code: 'road-traffic',
    nameVi: 'Giao thông, đường sá',
    nameEn: 'Roads and traffic',
    legalTrack: 'pakn',
    sector: 'construction',
    responsibleUnitCode: 'BXD',
    defaultLevel: 'commune',
  },
  {
    code: 'urban-order',
    nameVi: 'Trật tự đô thị, lấn chiếm vỉa hè',
    nameEn: 'Urban order and pavements',
    legalTrack: 'pakn',
    sector: 'construction',
    responsibleUnitCode: 'BXD',
    defaultLevel: 'commune',
  },
  {
    code: 'construction-permits',
    nameVi: 'Xây dựng, cấp phép xây dựng',
    nameEn: 'Building and building permits',
    legalTrack: 'pakn',
    sector: 'construction',
    responsibleUnitCode: 'BXD',
    defaultLevel: 'province',
  },
  {
    code: 'land',
    nameVi: 'Đất đai, giấy chứng nhận quyền sử dụng đất',
    nameEn: 'Land and land-use certificates',
    legalTrack: 'pakn',
    sector: 'agriculture-environment',
    responsibleUnitCode: 'BNNMT',
    defaultLevel: 'province',
  },
  {
    code: 'environment',
    nameVi: 'Môi trường, rác thải, tiếng ồn',
    nameEn: 'Environment, waste and noise',
    legalTrack: 'pakn',
    sector: 'agriculture-environment',
    responsibleUnitCode: 'BNNMT',
    defaultLevel: 'commune',
  },
  {
    code: 'civil-status',
    nameVi: 'Hộ tịch, cư trú, căn cước',
    nameEn: 'Civil status, residence and ID cards',
    legalTrack: 'pakn',
    sector: 'justice-security',
    responsibleUnitCode: 'BCA',
    defaultLevel: 'commune',
  },
  {
    code: 'health-insurance',
    nameVi: 'Bảo hiểm y tế, bảo hiểm xã hội',
    nameEn: 'Health and social insurance',
    legalTrack: 'pakn',
    sector: 'health',
    responsibleUnitCode: 'BYT',
    defaultLevel: 'province',
  },
  {
    code: 'healthcare',
    nameVi: 'Khám chữa bệnh, y tế cơ sở',
    nameEn: 'Healthcare services',
    legalTrack: 'pakn',
    sector: 'health',
    responsibleUnitCode: 'BYT',
    defaultLevel: 'province',
  },
  {
    code: 'education',
    nameVi: 'Giáo dục, trường học',
    nameEn: 'Schools and education',
    legalTrack: 'pakn',
    sector: 'education',
    responsibleUnitCode: 'BGDDT',
    defaultLevel: 'commune',
  },
  {
    code: 'social-welfare',
    nameVi: 'Chính sách xã hội, trợ cấp, người có công',
    nameEn: 'Social welfare and allowances',
    legalTrack: 'pakn',
    sector: 'home-affairs',
    responsibleUnitCode: 'BNV',
    defaultLevel: 'commune',
  },
  {
    code: 'business-regulation',
    nameVi: 'Quy định kinh doanh, thủ tục hành chính',
    nameEn: 'Business regulations and administrative procedures',
    legalTrack: 'pakn',
    sector: 'finance',
    responsibleUnitCode: 'BTC',
    defaultLevel: 'ministry',
  },
  {
    code: 'tax-fees',
    nameVi: 'Thuế, phí, lệ phí',
    nameEn: 'Taxes and fees',
    legalTrack: 'pakn',
    sector: 'finance',
    responsibleUnitCode: 'BTC',
    defaultLevel: 'ministry',
  },
  {
    code: 'power-water',
    nameVi: 'Điện, nước sinh hoạt',
    nameEn: 'Electricity and water supply',
    legalTrack: 'pakn',
    sector: 'industry-trade',
    responsibleUnitCode: 'BCT',
    defaultLevel: 'province',
  },
  {
    code: 'digital-services',
    nameVi: 'Dịch vụ công trực tuyến',
    nameEn: 'Online public services',
    legalTrack: 'pakn',
    sector: 'science-technology',
    responsibleUnitCode: 'BKHCN',
    defaultLevel: 'ministry',
  },
  {
    code: 'official-conduct',
    nameVi: 'Thái độ, hành vi của cán bộ, công chức',
    nameEn: "Officials' conduct",
    legalTrack: 'conduct',
    sector: 'home-affairs',
    responsibleUnitCode: 'BNV',
    defaultLevel: 'commune',
  },
  {
    code: 'complaint',
    nameVi: 'Khiếu nại quyết định, hành vi hành chính',
    nameEn: 'Complaint about an administrative decision or act',
    legalTrack: 'complaint',
    sector: 'inspection',
    responsibleUnitCode: 'TTCP',
    defaultLevel: 'province',
  },
  {
    code: 'denunciation',
    nameVi: 'Tố cáo hành vi vi phạm pháp luật',
    nameEn: 'Denunciation of a violation of the law',
    legalTrack: 'denunciation',
    sector: 'inspection',
    responsibleUnitCode: 'TTCP',
    defaultLevel: 'province',
  },
  {
    code: 'other',
    nameVi: 'Lĩnh vực khác',
    nameEn: 'Other',
    legalTrack: 'pakn',
    sector: 'general',
    responsibleUnitCode: null,
    defaultLevel: null,
  },
];
