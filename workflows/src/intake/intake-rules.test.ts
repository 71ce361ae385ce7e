import { describe, expect, it } from 'vitest';
import { automatedMailReason } from './automated-mail';
import {
  citizenMessageDisposition,
  splitMessage,
  startsNewCase,
  titleFromText,
  withoutNewCaseKeyword,
} from './citizen-message';

describe('a citizen message on an existing case', () => {
  it('answers a question, joins an open conversation, or follows up a finished case', () => {
    expect(citizenMessageDisposition('awaitingCitizen')).toBe('reply');
    expect(citizenMessageDisposition('inProgress')).toBe('note');
    expect(citizenMessageDisposition('triage')).toBe('note');
    expect(citizenMessageDisposition('resolved')).toBe('note');
    expect(citizenMessageDisposition('closed')).toBe('followUp');
    expect(citizenMessageDisposition('rejected')).toBe('followUp');
    expect(citizenMessageDisposition('merged')).toBe('followUp');
  });

  it('starts a new case on a keyword, case-insensitively, and drops the keyword from the text', () => {
    expect(startsNewCase('#MOI Đèn đường hỏng')).toBe(true);
    expect(startsNewCase('  #new streetlight')).toBe(true);
    expect(startsNewCase('Cảm ơn #moi')).toBe(false);
    expect(withoutNewCaseKeyword('#moi   Đèn đường hỏng')).toBe('Đèn đường hỏng');
  });

  it('titles free text by its first line, cut at a word', () => {
    expect(titleFromText('Đèn đường hỏng\nở ngõ 5')).toBe('Đèn đường hỏng');
    const long = 'từ '.repeat(100);
    const title = titleFromText(long, 40);
    expect(title.length).toBeLessThanOrEqual(40);
    expect(title.endsWith('từ…')).toBe(true);
  });

  it('splits long texts at boundaries without losing a character', () => {
    const text = `${'a'.repeat(1500)}\n\n${'b '.repeat(600)}${'c'.repeat(2500)}`;
    const pieces = splitMessage(text, 2000);
    expect(pieces.every((p) => p.length <= 2000)).toBe(true);
    expect(pieces[0]).toBe('a'.repeat(1500));
    expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(splitMessage('short', 2000)).toEqual(['short']);
  });
});

describe('automated mail', () => {
  const headers = (h: Record<string, string>) => new Map(Object.entries(h));
  it('recognises auto-replies, bulk mail, bounces and lists', () => {
    expect(automatedMailReason(headers({ 'auto-submitted': 'auto-replied' }), 'a@x.vn', 'a@x.vn')).toMatch(
      /Auto-Submitted/,
    );
    expect(automatedMailReason(headers({ precedence: 'bulk' }), 'a@x.vn', 'a@x.vn')).toMatch(/Precedence/);
    expect(automatedMailReason(headers({}), '', 'a@x.vn')).toMatch(/bounce/);
    expect(automatedMailReason(headers({}), 'x@y.vn', 'MAILER-DAEMON@mx.example.vn')).toMatch(/mailer-daemon/);
    expect(
      automatedMailReason(
        headers({ 'content-type': 'multipart/report; report-type=delivery-status' }),
        'x@y.vn',
        'x@y.vn',
      ),
    ).toMatch(/report/);
    expect(automatedMailReason(headers({ 'x-autoreply': 'yes' }), 'x@y.vn', 'x@y.vn')).toMatch(/auto-responder/);
  });
  it('lets a person’s mail through, including Auto-Submitted: no', () => {
    expect(
      automatedMailReason(headers({ 'auto-submitted': 'no', subject: 'Góp ý' }), 'an@example.vn', 'an@example.vn'),
    ).toBeNull();
  });
});

describe('reading a mail reply', () => {
  it('keeps the new part and drops the quote, in English and Vietnamese clients', async () => {
    const { stripQuotedReply } = await import('./citizen-message');
    expect(
      stripQuotedReply(
        'Cột đèn trước số 12.\n\nOn Mon, 23 Nov 2026 at 09:00, CauNoi <noreply@caunoi.local> wrote:\n> Xin cho biết số nhà',
      ),
    ).toBe('Cột đèn trước số 12.');
    expect(
      stripQuotedReply(
        'Dạ, số 12 ạ.\nVào Th 2, 23 thg 11, 2026 lúc 09:00 CauNoi <noreply@caunoi.local> đã viết:\n> câu hỏi',
      ),
    ).toBe('Dạ, số 12 ạ.');
    expect(stripQuotedReply('Answer\n-----Original Message-----\nFrom: x')).toBe('Answer');
    expect(stripQuotedReply('no quote at all')).toBe('no quote at all');
  });
  it('guesses the language from the letters', async () => {
    const { guessLanguage } = await import('./citizen-message');
    expect(guessLanguage('Đèn đường hỏng')).toBe('vi');
    expect(guessLanguage('The streetlight is broken')).toBe('en');
    expect(guessLanguage('Den duong hong')).toBe('vi');
    expect(guessLanguage('The light near the café is broken')).toBe('en');
    expect(guessLanguage('Ổ gà')).toBe('vi');
  });
});

describe('what the status page offers', () => {
  it('a message while open, a reopen within the window after the answer, a rating once answered', async () => {
    const { citizenActions } = await import('./citizen-message');
    const now = new Date('2026-11-23T03:00:00Z');
    expect(citizenActions('inProgress', null, now)).toEqual({ canReply: true, canReopen: false, canRate: false });
    expect(citizenActions('resolved', new Date('2026-11-30T10:00:00Z'), now)).toEqual({
      canReply: false,
      canReopen: true,
      canRate: true,
    });
    expect(citizenActions('resolved', new Date('2026-11-20T10:00:00Z'), now)).toEqual({
      canReply: false,
      canReopen: false,
      canRate: true,
    });
    expect(citizenActions('closed', null, now)).toEqual({ canReply: false, canReopen: false, canRate: false });
  });
});

describe('the deadlines that still count', () => {
  it('follow the state: acknowledge and transfer before acceptance, resolve while handled, auto-close once answered', async () => {
    const { liveClocks } = await import('../sla/escalation');
    expect(liveClocks('routed')).toEqual(['acknowledge', 'transfer', 'accept']);
    expect(liveClocks('inProgress')).toEqual(['resolve']);
    expect(liveClocks('awaitingCitizen')).toEqual(['resolve', 'citizenReply']);
    expect(liveClocks('resolved')).toEqual(['autoClose']);
    expect(liveClocks('closed')).toEqual([]);
  });
});

describe('a tracking code sent on Zalo, as the portal says to', () => {
  it('is found in the forms people type, with the access key beside it and what else they wrote', async () => {
    const { findTrackingReference } = await import('./citizen-message');
    expect(findTrackingReference('CN.20261201.00042')).toEqual({
      trackingCode: 'CN.20261201.00042',
      accessKey: null,
      rest: '',
    });
    expect(findTrackingReference('Mã hồ sơ CN.20261201.00042, mã tra cứu 9DB9UWVG2G')).toEqual({
      trackingCode: 'CN.20261201.00042',
      accessKey: '9DB9UWVG2G',
      rest: '',
    });
    expect(findTrackingReference('cn 20261201 00042 9db9uwvg2g đèn vẫn chưa sửa')).toEqual({
      trackingCode: 'CN.20261201.00042',
      accessKey: '9DB9UWVG2G',
      rest: 'đèn vẫn chưa sửa',
    });
    expect(findTrackingReference('CN2026120100042')?.trackingCode).toBe('CN.20261201.00042');
  });

  it('is not seen where there is none, and ordinary words are not taken for a key', async () => {
    const { findTrackingReference } = await import('./citizen-message');
    expect(findTrackingReference('Đèn đường ngõ 5 tắt từ 20/11, số nhà 0912345678')).toBeNull();
    // "0" and "1" are not in the key alphabet; a ten-letter word with them is no key.
    expect(findTrackingReference('CN.20261201.00042 SOLUTION10')?.accessKey).toBeNull();
  });
});

describe('joining a similar case from chat', () => {
  it('reads the button payload and the typed forms, and nothing else', async () => {
    const { findJoinSimilarCommand } = await import('./citizen-message');
    expect(findJoinSimilarCommand('#ungho CN.20261202.00001')).toBe('CN.20261202.00001');
    expect(findJoinSimilarCommand('#ủng hộ cn 20261202 00001')).toBe('CN.20261202.00001');
    expect(findJoinSimilarCommand(' # ung ho CN-20261202-00001 ')).toBe('CN.20261202.00001');
    expect(findJoinSimilarCommand('CN.20261202.00001')).toBeNull();
    expect(findJoinSimilarCommand('#ungho CN.20261202.00001 và thêm ảnh')).toBeNull();
    expect(findJoinSimilarCommand('tôi ủng hộ việc này')).toBeNull();
  });
});

describe("the citizen's verdict on an answer in chat", () => {
  it('reads the two buttons and their typed forms, and nothing else', async () => {
    const { findSatisfactionCommand } = await import('./citizen-message');
    expect(findSatisfactionCommand('#hailong CN.20261202.00001')).toEqual({
      satisfied: true,
      trackingCode: 'CN.20261202.00001',
    });
    expect(findSatisfactionCommand('#chuahailong CN.20261202.00001')).toEqual({
      satisfied: false,
      trackingCode: 'CN.20261202.00001',
    });
    expect(findSatisfactionCommand('# chưa hài lòng cn 20261202 00001')?.satisfied).toBe(false);
    expect(findSatisfactionCommand('#hài lòng CN-20261202-00001')?.satisfied).toBe(true);
    expect(findSatisfactionCommand('tôi hài lòng')).toBeNull();
    expect(findSatisfactionCommand('#hailong')).toBeNull();
  });
});
