import type { LegalTrack, OrgUnitLevel } from '../domain';

/** What routing needs to know about a category (from the `category` table). */
export interface RoutingCategory {
  code: string;
  legalTrack: LegalTrack;
  defaultLevel: OrgUnitLevel | null;
  responsibleUnitCode: string | null;
}

/** The place of a submission, as current unit codes (old names are resolved before routing). */
export interface RoutingPlace {
  provinceCode: string | null;
  communeCode: string | null;
}

/**
 * An exception to the categories' defaults, as data (`routing_rule`): a category, or a whole legal
 * track, in one province (or anywhere) goes to a named unit.
 */
export interface RoutingRule {
  categoryCode: string | null;
  legalTrack: LegalTrack | null;
  provinceCode: string | null;
  unitCode: string;
}

/**
 * Who handles a submission: a unit, or a triage desk. The desk is the lowest unit the place names
 * (the commune's, else the province's); `deskUnitCode` null is the receiving unit's desk (the
 * Government Office's national desk for the portal), for what names no place or is ministry-level.
 */
export type RouteDecision =
  | { kind: 'unit'; unitCode: string; reason: string }
  | { kind: 'triage'; deskUnitCode: string | null; reason: string };

/** The triage desk for a place: the commune's, else the province's, else the receiving unit's. */
export function triageDesk(place: RoutingPlace, reason: string): RouteDecision {
  const desk = place.communeCode ?? place.provinceCode ?? null;
  return { kind: 'triage', deskUnitCode: desk, reason: desk ? `${reason}: the desk of ${desk}` : reason };
}

/**
 * Decides who handles a submission (DESIGN.md §5, FixMyStreet-style): an explicit rule first (the
 * most specific wins: category over track, a province over anywhere); else ministry-level topics
 * go to the responsible ministry, commune-level topics to the commune of the place (its province
 * when the commune is unknown), province-level topics to the province; anything unclear goes to
 * triage at the receiving unit.
 */
export function decideRoute(
  category: RoutingCategory | null,
  place: RoutingPlace,
  rules: readonly RoutingRule[] = [],
): RouteDecision {
  if (!category) return triageDesk(place, 'no category');
  const specificity = (r: RoutingRule) => (r.categoryCode ? 2 : 0) + (r.provinceCode ? 1 : 0);
  const rule = rules
    .filter((r) => (r.categoryCode ? r.categoryCode === category.code : r.legalTrack === category.legalTrack))
    .filter((r) => !r.provinceCode || r.provinceCode === place.provinceCode)
    .sort((a, b) => specificity(b) - specificity(a))[0];
  if (rule)
    return {
      kind: 'unit',
      unitCode: rule.unitCode,
      reason: `routing rule for ${rule.categoryCode ?? rule.legalTrack}${rule.provinceCode ? ` in ${rule.provinceCode}` : ''}`,
    };

  switch (category.defaultLevel) {
    case 'ministry':
    case 'ministerialAgency':
      return category.responsibleUnitCode
        ? { kind: 'unit', unitCode: category.responsibleUnitCode, reason: `ministry-level topic: ${category.code}` }
        : { kind: 'triage', deskUnitCode: null, reason: `no responsible ministry for ${category.code}` };
    case 'commune':
      if (place.communeCode) return { kind: 'unit', unitCode: place.communeCode, reason: 'commune of the place' };
      if (place.provinceCode)
        return { kind: 'unit', unitCode: place.provinceCode, reason: 'commune unknown: the province routes it on' };
      return { kind: 'triage', deskUnitCode: null, reason: 'no place given' };
    case 'province':
      return place.provinceCode
        ? { kind: 'unit', unitCode: place.provinceCode, reason: 'province of the place' }
        : { kind: 'triage', deskUnitCode: null, reason: 'no place given' };
    default:
      return triageDesk(place, `category ${category.code} has no default level`);
  }
}
