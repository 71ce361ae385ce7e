import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDemoData } from '@caunoi/seeds';
import { queueDailyDigest } from '../src/jobs/queue-daily-digest';
import { buildEscalationReport } from '../src/reports/escalation-report';
import { createSlaContextLoader } from '../src/transitions/sla-context';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;
const digests = () =>
  w.sql<{ recipients: string[]; subject: string; text: string }>(
    `select recipients, subject, text from captured_mail where subject like '[CauNoi] %'`,
  );
const digestOf = (now: Date) => queueDailyDigest(w.t.db.orm, createSlaContextLoader(), 'https://caunoi.example', now);

beforeAll(async () => {
  w = await startWorld(serverUrl);
  await generateDemoData(w.pg, { cases: 800, seed: 5, asOf: new Date('2026-11-19T16:00:00+07:00') });
  await w.sql(`update app_user set language = 'en' where email = 'theodoi.vpcp@caunoi.local'`);
  await w.sql(`insert into app_user (email, name, password_hash, role, unit_id, language, active, created_at)
    select 'chuyenvien.vpcp@caunoi.local', 'Chuyên viên VPCP', 'x', 'govOffice', unit_id, 'vi', true, now() from app_user where email = 'theodoi.vpcp@caunoi.local'`);
});
afterAll(() => w?.stop());

describe('the daily digest for the Government Office', () => {
  it('waits for the morning, then queues one email per subscriber, in their language, once a day', async () => {
    expect(await digestOf(new Date('2026-11-20T06:30:00+07:00'))).toBe(0);
    expect(await digestOf(new Date('2026-11-20T07:05:00+07:00'))).toBe(2);
    expect(await digestOf(new Date('2026-11-20T15:00:00+07:00'))).toBe(0);
    await w.t.server.jobs.drain();
    const receipts = await w.sql(
      `select dedupe_key, recipient from delivery_receipt where template = 'dailyDigest' order by recipient`,
    );
    expect(receipts.map((r) => [r.dedupe_key.replace(/:\d+$/, ''), r.recipient])).toEqual([
      ['digest:2026-11-20', 'chuyenvien.vpcp@caunoi.local'],
      ['digest:2026-11-20', 'theodoi.vpcp@caunoi.local'],
    ]);
    expect(await digestOf(new Date('2026-11-20T16:00:00+07:00'))).toBe(0);
    const rows = await digests();
    expect(rows).toHaveLength(2);
    const english = rows.find((r) => r.recipients.includes('theodoi.vpcp@caunoi.local'))!;
    const vietnamese = rows.find((r) => r.recipients.includes('chuyenvien.vpcp@caunoi.local'))!;
    expect(english.subject).toMatch(/^\[CauNoi\] Digest for 2026-11-20: \d+ overdue cases, \d+ newly escalated$/);
    expect(vietnamese.subject).toMatch(/^\[CauNoi\] Tổng hợp ngày 2026-11-20/);
    expect(english.text).toContain('Units with the most overdue cases:');
    expect(english.text).toContain('https://caunoi.example/admin/');
    expect(JSON.stringify(rows)).not.toMatch(/@example\.|\b0\d{9}\b/);
  });

  it('lists the units with the most overdue cases, as the summary counts them', async () => {
    const at = new Date('2026-11-20T07:05:00+07:00');
    const em = w.t.db.orm.em.fork();
    const report = await buildEscalationReport(
      em,
      await createSlaContextLoader()(em),
      undefined,
      { level: 'province' },
      at,
    );
    const top = [...report.rows].sort((a, b) => b.overdueNow - a.overdueNow)[0]!;
    expect(top.overdueNow).toBeGreaterThan(0);
    const row = (await digests()).find((r) => r.recipients.includes('theodoi.vpcp@caunoi.local'))!;
    expect(row.text).toContain(`${top.unit.name} (${top.unit.code}): ${top.overdueNow} overdue`);
  });

  it('names the fastest growing concerns of the last 24 hours, by title only', async () => {
    // Three provinces: a ward of Hà Nội, one of another province, and a province named alone.
    const [other] = await w.sql<{ code: string }>(
      `select c.code from org_unit c join org_unit p on p.id = c.parent_id
        where c.level = 'commune' and p.code <> '01' and c.valid_to is null order by c.code limit 1`,
    );
    const [third] = await w.sql<{ code: string }>(
      `select code from org_unit where level = 'province' and code not in ('01', '79') and valid_to is null order by code limit 1`,
    );
    const places = [{ communeCode: '00004' }, { communeCode: other!.code }, { provinceCode: third!.code }];
    for (const [i, place] of places.entries())
      expect(
        (
          await w.api(null, 'POST', '/api/public/submissions', {
            title: i === 1 ? 'Gia dien tang cao bat thuong thang nay' : 'Giá điện tăng cao bất thường tháng này',
            body: `Hóa đơn tiền điện tháng này tăng gấp đôi dù dùng như mọi tháng (${i}).`,
            ...place,
            name: 'Trần Thị Hoa',
            email: `hoa${i}@example.test`,
            consent: true,
          })
        ).status,
      ).toBe(201);
    await w.t.server.jobs.drain();
    // A morning today (the concerns are counted against the database's clock).
    const morning = new Date(Date.now() + 8 * 3_600_000);
    morning.setUTCHours(0, 30, 0, 0);
    expect(await digestOf(morning)).toBe(2);
    await w.t.server.jobs.drain();
    const today = (await digests()).filter((r) => !r.subject.includes('2026-11-20'));
    const vi = today.find((r) => r.recipients.includes('chuyenvien.vpcp@caunoi.local'))!;
    expect(vi.text).toContain('Vấn đề nổi lên trong 24 giờ qua:');
    expect(vi.text).toMatch(/- Giá điện tăng cao bất thường tháng này: 3 phản ánh/);
    expect(vi.text).toContain('https://caunoi.example/admin/#/concerns');
    expect(JSON.stringify(today)).not.toMatch(/Trần Thị Hoa|@example\.test/);
  });
});
