import { describe, expect, it } from 'vitest';
import { legalTrackSignals, readableToken, triageTokens } from './triage-text';

describe("a citizen's words as the category model reads them", () => {
  it('makes the same plain words of text with and without diacritics, and keeps the written ones too', () => {
    const written = triageTokens('Đường ngập nước sau mưa');
    const plain = triageTokens('duong ngap nuoc sau mua');
    for (const token of ['duong', 'ngap', 'nuoc', 'duong_ngap', 'ngap_nuoc']) {
      expect(written).toContain(token);
      expect(plain).toContain(token);
    }
    expect(written).toContain('~đường');
    expect(plain.some((t) => t.startsWith('~'))).toBe(false);
  });

  it('spells out chat shorthand and drops words that name no topic', () => {
    const tokens = triageTokens('mn oi nc ko co 3 ngay r, ubnd ko giai quyet');
    expect(tokens).toContain('nuoc');
    expect(tokens).toContain('khong');
    expect(tokens).toContain('uy_ban');
    expect(tokens).not.toContain('oi');
    expect(tokens).not.toContain('r');
    expect(readableToken('ngap_nuoc')).toBe('ngap nuoc');
    expect(readableToken('~đường')).toBe('đường');
  });

  it('reads words that name properties of every JavaScript object as words like any other', () => {
    expect(triageTokens('constructor toString __proto__ hasOwnProperty')).toEqual(
      expect.arrayContaining(['constructor', 'tostring', 'hasownproperty']),
    );
  });

  it('flags a complaint or a denunciation, with or without diacritics, and not "tall" for a denunciation', () => {
    expect(legalTrackSignals('Tôi làm đơn khiếu nại quyết định thu hồi đất số 12')).toEqual([
      { track: 'complaint', phrase: 'khiếu nại' },
    ]);
    expect(legalTrackSignals('toi to cao can bo dia chinh xa nhan tien')).toEqual([
      { track: 'denunciation', phrase: 'toi to cao' },
    ]);
    expect(legalTrackSignals('Tố cáo hành vi nhận hối lộ')[0]!.track).toBe('denunciation');
    expect(legalTrackSignals('nha ben canh xay to cao qua, che het nang')).toEqual([]);
    expect(legalTrackSignals('Đèn đường hỏng')).toEqual([]);
  });
});
