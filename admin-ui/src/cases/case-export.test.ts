import { describe, expect, it } from 'vitest';
import type { TCaseListItem } from '@caunoi/contract';
import { caseListCsv } from './case-export';

const item = (title: string, place: string | null): TCaseListItem => ({
  id: 1,
  trackingCode: 'CN.20261201.00001',
  title,
  status: 'routed',
  channel: 'portal',
  legalTrack: 'pakn',
  language: 'vi',
  category: { code: 'road-traffic', nameVi: 'Giao thông', nameEn: 'Roads' },
  owningUnit: { code: '00004', name: 'Phường Ba Đình' },
  place,
  receivedAt: '2026-12-01T01:00:00.000Z',
  updatedAt: '2026-12-01T01:00:00.000Z',
  nextDueAt: null,
  resolveDueAt: null,
  runningDueAt: null,
  isPaused: false,
  isOverdue: false,
  escalationLevel: 0,
  supportCount: 0,
  assignee: null,
  citizenName: '@Nguyễn',
  version: 1,
});

describe("the officers' CSV export", () => {
  it('turns every cell a spreadsheet would run as a formula into text (=, +, -, @, tab, CR)', () => {
    const csv = caseListCsv(
      [item('=HYPERLINK("http://evil.example","bấm")', '+84 ngõ 5'), item('-2+3', '\tTab'), item('\rCR', 'an toàn')],
      (c) => c,
      'vi',
    );
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'trackingCode,title,status,channel,category,owningUnit,place,citizenName,receivedAt,runningDueAt,resolveDueAt,isOverdue,escalationLevel',
    );
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm"")"`);
    expect(lines[1]).toContain(",'+84 ngõ 5,'@Nguyễn,");
    expect(lines[2]).toContain(",'-2+3,");
    expect(lines[2]).toContain(",'\tTab,");
    expect(lines[3]).toContain(`,"'\rCR",`);
    expect(lines[3]).toContain(',an toàn,');
    // Numbers stay numbers; only text is neutralised.
    expect(lines[1]!.endsWith(',false,0')).toBe(true);
  });
});
