import { describe, expect, it } from 'vitest';
import { normalisePlaceName, placeNameParts } from './place-names';

describe('place names as citizens write them', () => {
  it('compare without diacritics, case or type word', () => {
    expect(normalisePlaceName('Quận Ba Đình')).toBe('ba dinh');
    expect(normalisePlaceName('P. Phúc Xá')).toBe('phuc xa');
    expect(normalisePlaceName('TP Hồ Chí Minh')).toBe('ho chi minh');
    expect(normalisePlaceName('tinh ha giang')).toBe('ha giang');
  });

  it('split an address into its parts', () => {
    expect(placeNameParts('Số 5, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội')).toEqual([
      'so 5',
      'phuc xa',
      'ba dinh',
      'ha noi',
    ]);
  });
});
