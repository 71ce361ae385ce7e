import type { CaseStatus, Channel } from '@caunoi/workflows';
import type { CategoryRef, DemoContext, UnitRef } from './demo-context';
import type { SeededRandom } from './random';

const DAY = 86_400_000;

/** Where a demo case is, what it is about and how far it has come; the lifecycle fills in the rest. */
export interface CasePlan {
  channel: Channel;
  language: 'vi' | 'en';
  category: CategoryRef;
  province: UnitRef;
  commune: UnitRef | null;
  owningUnit: UnitRef;
  transferredFrom: UnitRef | null;
  autoRouted: boolean;
  target: CaseStatus;
}

/** Older cases are further along: a realistic queue has few old open cases and many closed ones. */
function targetFor(random: SeededRandom, ageDays: number): CaseStatus {
  if (ageDays < 2) return random.weighted({ triage: 25, routed: 45, inProgress: 25, rejected: 3, merged: 2 });
  if (ageDays < 10)
    return random.weighted({
      triage: 5,
      routed: 15,
      inProgress: 41,
      awaitingApproval: 4,
      awaitingCitizen: 10,
      resolved: 15,
      rejected: 5,
      merged: 5,
    });
  if (ageDays < 40)
    return random.weighted({
      triage: 1,
      routed: 4,
      inProgress: 20,
      awaitingApproval: 2,
      awaitingCitizen: 8,
      resolved: 20,
      closed: 35,
      rejected: 5,
      merged: 5,
    });
  return random.weighted({
    routed: 1,
    inProgress: 8,
    awaitingCitizen: 3,
    resolved: 8,
    closed: 70,
    rejected: 6,
    merged: 4,
  });
}

const CATEGORY_WEIGHTS: Record<string, number> = {
  'road-traffic': 14,
  'urban-order': 9,
  'construction-permits': 5,
  land: 11,
  environment: 12,
  'civil-status': 9,
  'health-insurance': 6,
  healthcare: 5,
  education: 6,
  'social-welfare': 5,
  'business-regulation': 3,
  'tax-fees': 3,
  'power-water': 5,
  'digital-services': 3,
  'official-conduct': 4,
  complaint: 3,
  denunciation: 2,
  other: 4,
};

export function planCase(random: SeededRandom, context: DemoContext, receivedAt: Date, asOf: Date): CasePlan {
  const categoryCode = random.weighted(
    Object.fromEntries(context.categories.map((c) => [c.code, CATEGORY_WEIGHTS[c.code] ?? 2])),
  );
  const category = context.categories.find((c) => c.code === categoryCode)!;
  const province = pickProvince(random, context);
  const communes = context.communesByProvince.get(province.code) ?? [];
  const baDinh = context.unitsByCode.get('00004');
  const commune = !communes.length
    ? null
    : province.code === '01' && baDinh && random.chance(0.2)
      ? baDinh
      : random.pick(communes);

  let target = targetFor(random, (asOf.getTime() - receivedAt.getTime()) / DAY);
  const ministry = category.responsibleUnitCode
    ? (context.unitsByCode.get(category.responsibleUnitCode) ?? null)
    : null;
  let owningUnit: UnitRef;
  if (category.defaultLevel === 'ministry' && ministry) owningUnit = ministry;
  else if (category.defaultLevel === 'commune' && commune) owningUnit = commune;
  else owningUnit = province;

  // Unclear submissions ("other", or 15 % of the rest) wait for a triage officer first.
  const autoRouted = target !== 'triage' && category.defaultLevel !== null && !random.chance(0.15);
  if (target === 'triage') owningUnit = context.governmentOffice;

  let transferredFrom: UnitRef | null = null;
  const canTransfer = !['triage', 'rejected', 'merged'].includes(target) && owningUnit !== ministry;
  if (canTransfer && random.chance(0.08)) transferredFrom = owningUnit === commune ? province : (ministry ?? null);
  if (target === 'merged' && random.chance(0.5)) target = 'closed';

  return {
    channel: random.weighted({ portal: 45, zalo: 35, email: 20 }),
    language: random.chance(0.03) ? 'en' : 'vi',
    category,
    province,
    commune,
    owningUnit,
    transferredFrom,
    autoRouted,
    target,
  };
}

function pickProvince(random: SeededRandom, context: DemoContext): UnitRef {
  const roll = random.next();
  const hanoi = context.unitsByCode.get('01');
  const hcm = context.unitsByCode.get('79');
  if (hanoi && roll < 0.2) return hanoi;
  if (hcm && roll < 0.35) return hcm;
  return random.pick(context.provinces);
}
