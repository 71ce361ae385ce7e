import { describe, expect, it } from 'vitest';
import { caseColumnsFor, conversationEntryFor } from './conversation';

const now = new Date('2026-12-01T03:00:00Z');
const same = { fromEscalationLevel: 0, toEscalationLevel: 0 };

describe('what a transition writes besides its state', () => {
  it('says to the citizen the question, the answer and the refusal; hears their reply, note and reason to reopen', () => {
    expect(conversationEntryFor({ type: 'requestInfo', question: 'Số nhà?' })).toEqual({
      direction: 'outbound',
      subject: 'Đề nghị bổ sung thông tin',
      body: 'Số nhà?',
    });
    expect(conversationEntryFor({ type: 'citizenNote', message: 'Thêm ảnh' })).toEqual({
      direction: 'inbound',
      subject: null,
      body: 'Thêm ảnh',
    });
    expect(conversationEntryFor({ type: 'citizenReplied' })).toBeNull();
    expect(conversationEntryFor({ type: 'accept' })).toBeNull();
  });

  it('stamps acceptance, the answer (cleared on reopening), the close of any final state, an escalation and the rating', () => {
    expect(caseColumnsFor({ type: 'accept' }, { ...same, toStatus: 'inProgress' }, now)).toEqual({ acceptedAt: now });
    expect(caseColumnsFor({ type: 'respond', answer: 'x' }, { ...same, toStatus: 'resolved' }, now)).toEqual({
      resolvedAt: now,
    });
    expect(caseColumnsFor({ type: 'reopen', reason: 'x' }, { ...same, toStatus: 'inProgress' }, now)).toEqual({
      resolvedAt: null,
    });
    expect(caseColumnsFor({ type: 'close', satisfaction: 4 }, { ...same, toStatus: 'closed' }, now)).toEqual({
      satisfaction: 4,
      closedAt: now,
    });
    expect(caseColumnsFor({ type: 'merge', intoCaseId: 1 }, { ...same, toStatus: 'merged' }, now)).toEqual({
      closedAt: now,
    });
    expect(
      caseColumnsFor(
        { type: 'slaBreached', clock: 'accept' },
        { fromEscalationLevel: 0, toEscalationLevel: 1, toStatus: 'routed' },
        now,
      ),
    ).toEqual({ escalatedAt: now });
  });
});
