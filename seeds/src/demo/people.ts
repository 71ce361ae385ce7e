import type { SeededRandom } from './random';
import { stripDiacritics } from '../units/english-names';

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thu', 'Ngọc', 'Quang', 'Thanh', 'Hoài', 'Xuân', 'Bảo'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];
const BUSINESSES = [
  'Công ty TNHH Thương mại Minh Phát',
  'Công ty Cổ phần Xây dựng Hòa Bình Xanh',
  'Hợp tác xã Nông nghiệp Tân Tiến',
  'Công ty TNHH Vận tải Sao Mai',
  'Hộ kinh doanh Tạp hóa Ngọc Lan',
];
const MAIL_DOMAINS = ['gmail.com', 'yahoo.com.vn', 'outlook.com', 'vnn.vn'];
const MOBILE_PREFIXES = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '086',
  '088',
  '032',
  '035',
  '039',
  '070',
  '077',
  '081',
];

export interface DemoCitizen {
  name: string;
  email: string | null;
  phone: string | null;
  isOrganisation: boolean;
}

export function makeCitizen(random: SeededRandom, serial: number): DemoCitizen {
  const isOrganisation = random.chance(0.06);
  const name = isOrganisation
    ? random.pick(BUSINESSES)
    : `${random.pick(FAMILY)} ${random.pick(MIDDLE)} ${random.pick(GIVEN)}`;
  const handle = stripDiacritics(name)
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return {
    name,
    isOrganisation,
    // Example addresses: the demo must never mail a real person.
    email: random.chance(0.7) ? `${handle}.${serial}@example.${random.pick(MAIL_DOMAINS).split('.')[0]}.test` : null,
    phone: random.chance(0.8)
      ? `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`
      : null,
  };
}
