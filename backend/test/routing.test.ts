import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { routeSubmission } from '../src/routing/route-submission';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;
const route = (categoryCode: string | null, place: { provinceCode?: string | null; communeCode?: string | null }) => routeSubmission(w.t.db.orm.em.fork(), categoryCode, place);

beforeAll(async () => {
  w = await startWorld(serverUrl);
  // A slice of the official legacy map: Hà Giang merged into Tuyên Quang; one old Ba Đình ward
  // became Phường Ba Đình; one old commune was split in two.
  await w.sql(`insert into legacy_place (old_code, old_name, old_level, new_code, new_level, part, derived) values
    ('02', 'Tỉnh Hà Giang', 'province', '08', 'province', 'full', false),
    ('00001', 'Phường Phúc Xá', 'commune', '00004', 'commune', 'full', false),
    ('00091', 'Phường Láng Thượng', 'commune', '00004', 'commune', 'partial', false),
    ('00091', 'Phường Láng Thượng', 'commune', '00008', 'commune', 'partial', false)`);
});
afterAll(() => w?.stop());

describe('routing with the reference data', () => {
  it('sends a road problem in Phường Ba Đình to the ward, a land matter to Hà Nội, a tax question to the Ministry of Finance', async () => {
    expect((await route('road-traffic', { provinceCode: '01', communeCode: '00004' })).decision).toMatchObject({ kind: 'unit', unitCode: '00004' });
    expect((await route('land', { communeCode: '00004' })).decision).toMatchObject({ kind: 'unit', unitCode: '01' });
    expect((await route('tax-fees', {})).decision).toMatchObject({ kind: 'unit', unitCode: 'BTC' });
    expect((await route('other', { communeCode: '00004' })).decision.kind).toBe('triage');
  });

  it('understands old province and commune codes, and keeps only the province of a split commune', async () => {
    const hagiang = await route('land', { provinceCode: '02' });
    expect(hagiang.decision).toMatchObject({ unitCode: '08' });
    expect(hagiang.place.notes).toEqual(['province 02 (Tỉnh Hà Giang) → 08']);
    expect((await route('road-traffic', { communeCode: '00001' })).decision).toMatchObject({ unitCode: '00004' });
    const split = await route('road-traffic', { communeCode: '00091' });
    expect(split.place).toMatchObject({ communeCode: null, provinceCode: '01' });
    expect(split.decision).toMatchObject({ unitCode: '01' });
  });

  it('follows a routing rule an administrator added', async () => {
    await w.sql(`insert into routing_rule (category_id, province_id, unit_id, note, active, created_at)
      select c.id, p.id, u.id, 'Roads in TP HCM are handled by the city', true, now() from category c, org_unit p, org_unit u
      where c.code = 'road-traffic' and p.code = '79' and u.code = '79'`);
    expect((await route('road-traffic', { communeCode: '25747' })).decision).toMatchObject({ kind: 'unit', unitCode: '79' });
    expect((await route('road-traffic', { communeCode: '00004' })).decision).toMatchObject({ unitCode: '00004' });
  });
});
