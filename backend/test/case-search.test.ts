import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findCasePage } from '@caunoi/db';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;

beforeAll(async () => {
  w = await startWorld(serverUrl);
});
afterAll(() => w?.stop());

/** Cases submitted a minute apart, oldest first, each with its title. */
async function submitInOrder(titles: string[]): Promise<number[]> {
  const start = Date.now() - titles.length * 60_000;
  const ids: number[] = [];
  for (const [i, title] of titles.entries())
    ids.push((await w.submit('00004', { title, receivedAt: new Date(start + i * 60_000) })).caseId);
  return ids;
}

const search = (q: string, range: { offset: number; limit: number; walk?: number }, field = 'receivedAt' as const) =>
  findCasePage(w.t.db.orm.em.fork(), { kind: 'all' }, { q }, { field, order: 'DESC' }, range);

describe('a text search at national scale', () => {
  it('finds a common word among the newest cases, and says "more than" what it saw there', async () => {
    // Six lights out among ten cases, the newest last.
    const ids = await submitInOrder([
      'Đèn tín hiệu hỏng ở ngã tư',
      'Rác thải ven sông',
      'Đèn tín hiệu nhấp nháy',
      'Đèn tín hiệu tắt từ sáng',
      'Rác thải chưa thu gom',
      'Đèn tín hiệu không hoạt động',
      'Đèn tín hiệu quay sai hướng',
      'Rác thải bốc mùi',
      'Rác thải tràn ra đường',
      'Đèn tín hiệu bị che khuất',
    ]);
    const lights = [ids[9], ids[6], ids[5], ids[3], ids[2], ids[0]];

    // Looking at the newest four only: two lights among them fill a page of two; more may be further back.
    const walked = await search('den tin hieu', { offset: 0, limit: 2, walk: 4 });
    expect(walked.rows.map((r) => r.id)).toEqual(lights.slice(0, 2));
    expect(walked).toMatchObject({ total: 2, totalExact: false });

    // The next page is not among the newest four: the word index answers, and counts exactly.
    const further = await search('den tin hieu', { offset: 2, limit: 2, walk: 4 });
    expect(further.rows.map((r) => r.id)).toEqual(lights.slice(2, 4));
    expect(further).toMatchObject({ total: 6, totalExact: true });

    // Looking at every case: the walk alone answers, exactly.
    const everything = await search('den tin hieu', { offset: 0, limit: 25 });
    expect(everything.rows.map((r) => r.id)).toEqual(lights);
    expect(everything).toMatchObject({ total: 6, totalExact: true });

    // Sorted by anything else, the word index answers as before, with the same matches.
    const byDeadline = await search('den tin hieu', { offset: 0, limit: 25, walk: 4 }, 'nextDueAt' as never);
    expect(byDeadline.rows.map((r) => r.id).sort()).toEqual([...lights].sort());
  });

  it('finds a rare word far back, where the newest cases do not have it', async () => {
    const [old] = await submitInOrder(['Sạt lở bờ kè thôn Đông', 'Cây đổ chắn lối đi', 'Cây đổ sau bão']);
    const found = await search('sat lo bo ke', { offset: 0, limit: 25, walk: 2 });
    expect(found.rows.map((r) => r.id)).toEqual([old]);
    expect(found).toMatchObject({ total: 1, totalExact: true });
  });
});
