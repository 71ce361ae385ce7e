import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type PlaceInput, createRoutingReferenceLoader, routeSubmission } from '../src/routing/route-submission';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;
// The same loader intake uses: the rules this file adds raise the revision, so each route sees them.
const loadRouting = createRoutingReferenceLoader();
const route = async (categoryCode: string | null, place: PlaceInput) => {
  const em = w.t.db.orm.em.fork();
  return routeSubmission(em, categoryCode, place, await loadRouting(em));
};

beforeAll(async () => {
  w = await startWorld(serverUrl);
  // A slice of the official legacy map: Hà Giang merged into Tuyên Quang; one old Ba Đình ward
  // became Phường Ba Đình; one old commune was split in two.
  // Another "Phúc Xá" exists in TP Hồ Chí Minh's old District 1 here, to make the name ambiguous.
  await w.sql(`insert into legacy_place (old_code, old_name, old_level, old_parent_code, new_code, new_level, part, derived) values
    ('02', 'Tỉnh Hà Giang', 'province', null, '08', 'province', 'full', false),
    ('001', 'Quận Ba Đình', 'district', '01', '01', 'province', 'full', true),
    ('760', 'Quận 1', 'district', '79', '79', 'province', 'full', true),
    ('00001', 'Phường Phúc Xá', 'commune', '001', '00004', 'commune', 'full', false),
    ('99999', 'Phường Phúc Xá', 'commune', '760', '25747', 'commune', 'full', false),
    ('00091', 'Phường Láng Thượng', 'commune', '001', '00004', 'commune', 'partial', false),
    ('00091', 'Phường Láng Thượng', 'commune', '001', '00008', 'commune', 'partial', false)`);
});
afterAll(() => w?.stop());

describe('routing with the reference data', () => {
  it('sends a road problem in Phường Ba Đình to the ward, a land matter to Hà Nội, a tax question to the Ministry of Finance', async () => {
    expect((await route('road-traffic', { provinceCode: '01', communeCode: '00004' })).decision).toMatchObject({
      kind: 'unit',
      unitCode: '00004',
    });
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

  it('reads an old address as citizens write it, using the district to tell same-named communes apart', async () => {
    const old = await route('road-traffic', { placeText: 'Số 5, P. Phúc Xá, Quận Ba Đình, Thành phố Hà Nội' });
    expect(old.place).toMatchObject({ provinceCode: '01', communeCode: '00004' });
    expect(old.decision).toMatchObject({ unitCode: '00004' });
    expect((await route('road-traffic', { placeText: 'phuong ba dinh, ha noi' })).place).toMatchObject({
      communeCode: '00004',
      provinceCode: '01',
    });
    expect((await route('land', { placeText: 'Tỉnh Hà Giang' })).decision).toMatchObject({ unitCode: '08' });
  });

  it('sends what has no category to the desk of the lowest unit its place names, from the fields or the words', async () => {
    expect((await route(null, { provinceCode: '01', communeCode: '00004' })).decision).toMatchObject({
      kind: 'triage',
      deskUnitCode: '00004',
    });
    expect((await route(null, { provinceCode: '79' })).decision).toMatchObject({ deskUnitCode: '79' });
    // The example of the issue: the commune only in the citizen's words.
    const named = await route(null, {
      freeText: 'Đèn đường hỏng cả tuần nay ở ngõ 5, Phường Ba Đình, tối rất nguy hiểm',
    });
    expect(named.place).toMatchObject({ communeCode: '00004', provinceCode: '01' });
    expect(named.decision).toMatchObject({ kind: 'triage', deskUnitCode: '00004' });
    expect(named.place.notes[0]).toMatch(/^named in the text: /);
    // The fields win over the words; words naming no known place leave the national desk.
    expect((await route(null, { provinceCode: '79', freeText: 'ở Phường Ba Đình' })).decision).toMatchObject({
      deskUnitCode: '79',
    });
    expect((await route(null, { freeText: 'Xin hỏi về thủ tục cấp hộ chiếu' })).decision).toMatchObject({
      deskUnitCode: null,
    });
  });

  it('keeps an ambiguous name out of routing rather than guess', async () => {
    const ambiguous = await route('road-traffic', { placeText: 'Phúc Xá' });
    expect(ambiguous.place).toMatchObject({ provinceCode: null, communeCode: null });
    expect(ambiguous.decision.kind).toBe('triage');
  });

  it('follows a routing rule an administrator added', async () => {
    await w.sql(`insert into routing_rule (category_id, province_id, unit_id, note, active, created_at)
      select c.id, p.id, u.id, 'Roads in TP HCM are handled by the city', true, now() from category c, org_unit p, org_unit u
      where c.code = 'road-traffic' and p.code = '79' and u.code = '79'`);
    expect((await route('road-traffic', { communeCode: '25747' })).decision).toMatchObject({
      kind: 'unit',
      unitCode: '79',
    });
    expect((await route('road-traffic', { communeCode: '00004' })).decision).toMatchObject({ unitCode: '00004' });
  });
});
