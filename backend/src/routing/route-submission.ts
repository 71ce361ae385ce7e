import { Category, type EntityManager, LegacyPlace, OrgUnit, RoutingRule } from '@caunoi/db';
import { type RouteDecision, type RoutingPlace, decideRoute } from '@caunoi/workflows';

export interface PlaceInput {
  provinceCode?: string | null;
  communeCode?: string | null;
}

export interface ResolvedPlace extends RoutingPlace {
  /** What was changed to reach current units, e.g. `province 02 (Tỉnh Hà Giang) → 08`. */
  notes: string[];
}

/**
 * Turns the codes a citizen (or an old form, or an agency system) gave into current units: a
 * current code stays; a pre-2025 province or commune code goes through the legacy map; a commune
 * split between several new ones keeps only its province (the province routes it on).
 */
export async function resolvePlace(em: EntityManager, input: PlaceInput): Promise<ResolvedPlace> {
  const notes: string[] = [];
  let provinceCode: string | null = null;
  let communeCode: string | null = null;
  if (input.communeCode) {
    const current = await em.findOne(OrgUnit, { code: input.communeCode, level: 'commune', validTo: null }, { populate: ['parent'] });
    if (current) {
      communeCode = current.code;
      provinceCode = current.parent?.code ?? null;
    } else {
      const pairs = await em.find(LegacyPlace, { oldLevel: 'commune', oldCode: input.communeCode });
      if (pairs.length === 1) {
        communeCode = pairs[0]!.newCode;
        const unit = await em.findOne(OrgUnit, { code: communeCode }, { populate: ['parent'] });
        provinceCode = unit?.parent?.code ?? null;
        notes.push(`commune ${input.communeCode} (${pairs[0]!.oldName}) → ${communeCode}`);
      } else if (pairs.length > 1) {
        const parents = await em.find(OrgUnit, { code: { $in: pairs.map((p) => p.newCode) } }, { populate: ['parent'] });
        const provinces = new Set(parents.map((u) => u.parent?.code));
        provinceCode = provinces.size === 1 ? ([...provinces][0] ?? null) : null;
        notes.push(`commune ${input.communeCode} (${pairs[0]!.oldName}) was split between ${pairs.map((p) => p.newCode).join(', ')}`);
      }
    }
  }
  if (!provinceCode && input.provinceCode) {
    const current = await em.findOne(OrgUnit, { code: input.provinceCode, level: 'province', validTo: null });
    if (current) provinceCode = current.code;
    else {
      const pair = await em.findOne(LegacyPlace, { oldLevel: 'province', oldCode: input.provinceCode });
      if (pair) {
        provinceCode = pair.newCode;
        notes.push(`province ${input.provinceCode} (${pair.oldName}) → ${pair.newCode}`);
      }
    }
  }
  return { provinceCode, communeCode, notes };
}

export interface RoutingResult {
  place: ResolvedPlace;
  decision: RouteDecision;
}

/** Where a submission goes: resolve the place, then the routing rules and category defaults decide. */
export async function routeSubmission(em: EntityManager, categoryCode: string | null, place: PlaceInput): Promise<RoutingResult> {
  const resolved = await resolvePlace(em, place);
  const category = categoryCode ? await em.findOne(Category, { code: categoryCode, active: true }, { populate: ['responsibleUnit'] }) : null;
  const rules = category ? await em.find(RoutingRule, { active: true, $or: [{ category: category.id }, { legalTrack: category.legalTrack }] }, { populate: ['category', 'province', 'unit'] }) : [];
  const decision = decideRoute(
    category ? { code: category.code, legalTrack: category.legalTrack, defaultLevel: category.defaultLevel ?? null, responsibleUnitCode: category.responsibleUnit?.code ?? null } : null,
    resolved,
    rules.map((r) => ({ categoryCode: r.category?.code ?? null, legalTrack: r.legalTrack ?? null, provinceCode: r.province?.code ?? null, unitCode: r.unit.code })),
  );
  return { place: resolved, decision };
}
