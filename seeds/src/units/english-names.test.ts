import { describe, expect, it } from 'vitest';
import { englishUnitName, stripDiacritics } from './english-names';

describe('English unit names', () => {
  it('drop the diacritics and put the type word last', () => {
    expect(englishUnitName('Phường Ba Đình')).toBe('Ba Dinh Ward');
    expect(englishUnitName('Thành phố Hồ Chí Minh')).toBe('Ho Chi Minh City');
    expect(englishUnitName('Tỉnh Đắk Lắk')).toBe('Dak Lak Province');
    expect(englishUnitName('Đặc khu Phú Quốc')).toBe('Phu Quoc Special Zone');
    expect(englishUnitName('Xã Ia Grai')).toBe('Ia Grai Commune');
  });

  it('keep names without a type word', () => {
    expect(stripDiacritics('Bộ Xây dựng')).toBe('Bo Xay dung');
  });
});
