import { describe, expect, it } from 'vitest';
import { type RoutingCategory, decideRoute } from './route-submission';

const roads: RoutingCategory = {
  code: 'road-traffic',
  legalTrack: 'pakn',
  defaultLevel: 'commune',
  responsibleUnitCode: 'BXD',
};
const land: RoutingCategory = {
  code: 'land',
  legalTrack: 'pakn',
  defaultLevel: 'province',
  responsibleUnitCode: 'BNNMT',
};
const tax: RoutingCategory = {
  code: 'tax-fees',
  legalTrack: 'pakn',
  defaultLevel: 'ministry',
  responsibleUnitCode: 'BTC',
};
const denunciation: RoutingCategory = {
  code: 'denunciation',
  legalTrack: 'denunciation',
  defaultLevel: 'province',
  responsibleUnitCode: 'TTCP',
};
const other: RoutingCategory = { code: 'other', legalTrack: 'pakn', defaultLevel: null, responsibleUnitCode: null };
const baDinh = { provinceCode: '01', communeCode: '00004' };

describe('routing a submission', () => {
  it('sends a commune-level topic to the commune, a province-level one to the province, a ministry-level one to the ministry', () => {
    expect(decideRoute(roads, baDinh)).toMatchObject({ kind: 'unit', unitCode: '00004' });
    expect(decideRoute(land, baDinh)).toMatchObject({ kind: 'unit', unitCode: '01' });
    expect(decideRoute(tax, baDinh)).toMatchObject({ kind: 'unit', unitCode: 'BTC' });
  });

  it('lets the province route on when only the province is known, and sends the unclear to triage', () => {
    expect(decideRoute(roads, { provinceCode: '79', communeCode: null })).toMatchObject({
      kind: 'unit',
      unitCode: '79',
    });
    expect(decideRoute(roads, { provinceCode: null, communeCode: null })).toMatchObject({
      kind: 'triage',
      reason: 'no place given',
    });
    expect(decideRoute(other, baDinh)).toMatchObject({ kind: 'triage' });
  });

  it('sends what has no category to the triage desk of the lowest unit its place names, and only the placeless to the national desk', () => {
    expect(decideRoute(null, baDinh)).toEqual({
      kind: 'triage',
      deskUnitCode: '00004',
      reason: 'no category: the desk of 00004',
    });
    expect(decideRoute(null, { provinceCode: '79', communeCode: null })).toMatchObject({ deskUnitCode: '79' });
    expect(decideRoute(null, { provinceCode: null, communeCode: null })).toEqual({
      kind: 'triage',
      deskUnitCode: null,
      reason: 'no category',
    });
    // A commune-level topic without a place, and a ministry-level one without its ministry: the national desk.
    expect(decideRoute(roads, { provinceCode: null, communeCode: null })).toMatchObject({ deskUnitCode: null });
  });

  it('applies the most specific rule from the data first', () => {
    const rules = [
      { categoryCode: null, legalTrack: 'denunciation' as const, provinceCode: null, unitCode: 'TTCP' },
      { categoryCode: 'denunciation', legalTrack: null, provinceCode: '01', unitCode: '01' },
      { categoryCode: 'road-traffic', legalTrack: null, provinceCode: '79', unitCode: '79' },
    ];
    expect(decideRoute(denunciation, { provinceCode: '48', communeCode: null }, rules)).toMatchObject({
      unitCode: 'TTCP',
    });
    expect(decideRoute(denunciation, baDinh, rules)).toMatchObject({ unitCode: '01' });
    expect(decideRoute(roads, { provinceCode: '79', communeCode: '25747' }, rules)).toMatchObject({
      unitCode: '79',
      reason: 'routing rule for road-traffic in 79',
    });
    expect(decideRoute(roads, baDinh, rules)).toMatchObject({ unitCode: '00004' });
  });
});
