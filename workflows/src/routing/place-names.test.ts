import { describe, expect, it } from 'vitest';
import { normalisePlaceName, placeMentions, placeNameParts } from './place-names';

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

describe('places named in running text', () => {
  it('reads a type word and the capitalised name after it, as addresses are written', () => {
    expect(placeMentions('Đèn đường ngõ 5 tắt cả tuần, Phường Ba Đình, tối rất nguy hiểm.')).toEqual([
      'Phường Ba Đình',
    ]);
    expect(placeMentions('ở xã Tân Phú huyện Đồng Phú tỉnh Bình Phước có bãi rác')).toEqual([
      'xã Tân Phú',
      'huyện Đồng Phú',
      'tỉnh Bình Phước',
    ]);
    expect(placeMentions('nha toi o Phuong 12 quan Go Vap')).toEqual(['Phuong 12', 'quan Go Vap']);
    expect(placeMentions('đường ngập quá, xã hội gì mà thế')).toEqual([]);
  });
});
