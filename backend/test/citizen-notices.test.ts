import { describe, expect, it } from 'vitest';
import { renderCitizenNotice } from '../src/notifications/citizen-templates';
import type { NoticeFacts } from '@caunoi/db';

const facts: NoticeFacts = {
  caseId: 7,
  trackingCode: 'CN.20261201.00007',
  title: 'Đèn đường hỏng ngõ 5',
  status: 'resolved',
  channel: 'email',
  language: 'vi',
  unit: { code: '00004', nameVi: 'Phường Ba Đình', nameEn: 'Ba Dinh Ward' },
  citizen: { name: 'Trần Thị Bình', email: 'binh@example.test', zaloIds: {} },
  citizenReplyDueAt: null,
  autoCloseDueAt: new Date('2026-12-08T10:00:00Z'),
  resolveDueAt: null,
  expectedAnswerAt: new Date('2026-12-15T10:00:00Z'),
  escalationLevel: 0,
  mergedInto: null,
  message: { id: 1, body: 'Đã thay bóng đèn ngày 01/12.', files: [] },
  publicationConsent: false,
  legalTrack: 'pakn',
  reopenCount: 0,
  unitPath: '/VPCP/01/00004/',
  citizenMailIds: [],
  alreadyReached: new Set(),
};
const links = {
  statusUrl: 'https://caunoi.example/track?code=CN.20261201.00007&key=ABCDEFGHJK',
  accessKey: 'ABCDEFGHJK',
  operator: { vi: 'Ủy ban nhân dân phường Ba Đình', en: 'Ba Dinh Ward People’s Committee' },
};

describe('what a citizen reads about their case', () => {
  it('gives the answer with the link to reopen it or rate it, and the reopening deadline the Vietnamese way', () => {
    const answer = renderCitizenNotice('answered', facts, 'vi', {
      ...links,
      reply: { channel: 'email', mailbox: 'gopy@caunoi.local' },
    });
    expect(answer.text).toContain('Đã thay bóng đèn ngày 01/12.');
    expect(answer.text).toContain(links.statusUrl);
    expect(answer.text).toContain('trước 17:00 ngày 08/12/2026');
    expect(answer.text).toContain('Ủy ban nhân dân phường Ba Đình');
    const english = renderCitizenNotice('answered', facts, 'en', {
      ...links,
      reply: { channel: 'email', mailbox: 'gopy@caunoi.local' },
    });
    expect(english.text).toContain('before 17:00, 8 December 2026');
    expect(english.text).toContain(links.statusUrl);
  });

  it('asks for replies where they are read: the intake mailbox by mail, the same chat on Zalo', () => {
    const byMail = renderCitizenNotice('acknowledged', facts, 'vi', {
      ...links,
      reply: { channel: 'email', mailbox: 'gopy@caunoi.local' },
    });
    expect(byMail.text).toContain('gopy@caunoi.local');
    expect(byMail.text).toContain('Dự kiến trả lời chậm nhất: 17:00 ngày 15/12/2026');
    const onZalo = renderCitizenNotice('acknowledged', facts, 'vi', { ...links, reply: { channel: 'zalo' } });
    expect(onZalo.text).toContain('nhắn tin ngay trong cuộc trò chuyện Zalo này');
    expect(onZalo.text).not.toContain('@');
  });
});
