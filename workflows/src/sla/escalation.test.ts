import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../working-calendar';
import type { CaseClocks } from './case-clocks';
import { escalationRecipient, nextSweepAt, runningDeadline, sweepEventFor } from './escalation';

const calendar = createWorkingCalendar({ holidays: [] });
const vn = (local: string) => new Date(`${local}+07:00`);
const clocks: CaseClocks = {
  acknowledgeDueAt: null,
  transferDueAt: vn('2026-11-27T17:00:00'),
  acceptDueAt: vn('2026-11-25T17:00:00'),
  resolveDueAt: vn('2026-12-08T17:00:00'),
  citizenReplyDueAt: vn('2026-12-15T17:00:00'),
  autoCloseDueAt: vn('2026-12-20T17:00:00'),
  warnAt: null,
  pausedAt: null,
  pausedSeconds: 0,
};

const later = vn('2027-01-10T09:00:00');

describe('the warning before a breach', () => {
  it('comes first, at the warning time, and the breach after the deadline', () => {
    const warned = { ...clocks, warnAt: vn('2026-11-24T17:00:00') };
    expect(nextSweepAt('routed', warned, { level: 0, escalatedAt: null }, calendar)).toEqual(warned.warnAt);
    expect(sweepEventFor('routed', warned, vn('2026-11-24T18:00:00'))).toEqual({ type: 'slaWarning', clock: 'accept' });
    expect(sweepEventFor('routed', warned, vn('2026-11-26T09:00:00'))).toEqual({
      type: 'slaBreached',
      clock: 'accept',
    });
  });
});

describe('the escalation ladder', () => {
  it('first waits for the running clock, then climbs a step every five working days, then stops at the Government Office', () => {
    expect(nextSweepAt('routed', clocks, { level: 0, escalatedAt: null }, calendar)).toEqual(clocks.acceptDueAt);
    const breach = clocks.acceptDueAt!;
    expect(nextSweepAt('routed', clocks, { level: 1, escalatedAt: breach }, calendar)).toEqual(
      vn('2026-12-02T17:00:00'),
    );
    expect(nextSweepAt('routed', clocks, { level: 2, escalatedAt: vn('2026-12-02T17:00:00') }, calendar)).toEqual(
      vn('2026-12-09T17:00:00'),
    );
    expect(nextSweepAt('routed', clocks, { level: 3, escalatedAt: vn('2026-12-09T17:00:00') }, calendar)).toBeNull();
  });

  it('starts over on a new clock: an accepted case waits for its resolve deadline whatever its level', () => {
    expect(nextSweepAt('inProgress', clocks, { level: 2, escalatedAt: vn('2026-12-02T17:00:00') }, calendar)).toEqual(
      clocks.resolveDueAt,
    );
  });

  it('sends the timeouts awaiting the citizen and after an answer, and breaches otherwise', () => {
    expect(sweepEventFor('awaitingCitizen', clocks, later)).toEqual({ type: 'infoTimeout' });
    expect(sweepEventFor('resolved', clocks, later)).toEqual({ type: 'resolveTimeout' });
    expect(sweepEventFor('routed', clocks, later)).toEqual({ type: 'slaBreached', clock: 'accept' });
    expect(sweepEventFor('triage', clocks, later)).toEqual({ type: 'slaBreached', clock: 'transfer' });
    expect(nextSweepAt('awaitingCitizen', clocks, { level: 0, escalatedAt: null }, calendar)).toEqual(
      clocks.citizenReplyDueAt,
    );
    expect(runningDeadline('awaitingCitizen', clocks)).toBeNull();
  });
});

describe('who hears of an escalation', () => {
  it('climbs from the unit to its parent to the Government Office', () => {
    expect([1, 2, 3].map((level) => escalationRecipient('/VPCP/01/00004/', level))).toEqual(['00004', '01', 'VPCP']);
    expect([1, 2, 3].map((level) => escalationRecipient('/VPCP/BXD/', level))).toEqual(['BXD', 'VPCP', 'VPCP']);
  });
});
