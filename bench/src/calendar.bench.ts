/**
 * Deadline math on the working calendar: how many deadlines per second one core computes. The
 * sweeper and every transition call it; the demo generator calls it millions of times.
 */
import { createWorkingCalendar } from '@caunoi/workflows';
import { calendarDays } from '@caunoi/seeds';
import { report } from './report';

const calendar = createWorkingCalendar({
  holidays: calendarDays
    .filter((d) => d.kind === 'holiday' && d.active !== false)
    .map((d) => ({ date: d.date, name: d.name })),
  workingDays: calendarDays.filter((d) => d.kind === 'workingDay').map((d) => d.date),
});

function measure(name: string, iterations: number, work: (i: number) => unknown): void {
  for (let i = 0; i < 1_000; i += 1) work(i); // warm up
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) work(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  report(name, iterations / seconds, 'ops/s');
}

console.log('Working calendar (one core)');
const base = Date.parse('2026-01-05T02:00:00Z');
measure('addWorkingDays(n = 5)', 200_000, (i) =>
  calendar.addWorkingDays(new Date(base + (i % 500) * 3_600_000 * 7), 5),
);
measure('addWorkingDays(n = 30)', 100_000, (i) =>
  calendar.addWorkingDays(new Date(base + (i % 500) * 3_600_000 * 7), 30),
);
measure('addCalendarDays(n = 30)', 200_000, (i) =>
  calendar.addCalendarDays(new Date(base + (i % 500) * 3_600_000 * 7), 30),
);
measure('workingDaysBetween(~60 days apart)', 100_000, (i) =>
  calendar.workingDaysBetween(new Date(base + (i % 500) * 3_600_000), new Date(base + 60 * 86_400_000)),
);
measure('isWorkingDay(instant)', 500_000, (i) => calendar.isWorkingDay(new Date(base + i * 3_600_000)));
