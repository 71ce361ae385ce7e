import { Case, type EntityManager, OrgUnit, findCaseIdInScope, findSimilarOpenCases } from '@caunoi/db';
import { caseScopeFor, isInCaseScope, rankSimilarCases } from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';

/**
 * Likely duplicates of a case, across channels and spellings: open cases of its commune (or
 * province) whose words are alike, ranked, each with why, and only those the officer may see.
 */
export async function findSimilarToCase(em: EntityManager, principal: Principal, caseId: number, now = new Date()) {
  const scope = caseScopeFor(principal);
  const id = await findCaseIdInScope(em, scope, caseId);
  const kase = id ? await em.findOne(Case, id, { fields: ['id', 'title', 'body', 'province', 'commune'] }) : null;
  if (!kase) throw new AppError('NOT_FOUND', `No case ${caseId} in your jurisdiction`);
  const rows = await findSimilarOpenCases(
    em,
    {
      title: kase.title,
      body: kase.body,
      communeId: kase.commune?.id ?? null,
      provinceId: kase.province?.id ?? null,
      excludeCaseId: kase.id,
    },
    10,
  );
  return rankSimilarCases(
    rows.filter((r) => isInCaseScope(scope, { id: r.owningUnitId, path: r.owningUnitPath })),
    now,
  )
    .slice(0, 5)
    .map((r) => ({
      id: r.id,
      trackingCode: r.trackingCode,
      title: r.title,
      status: r.status,
      channel: r.channel,
      owningUnit: { code: r.owningUnitCode, name: r.owningUnitName },
      receivedAt: new Date(r.receivedAt).toISOString(),
      supportCount: r.supportCount,
      score: r.score,
      reasons: r.reasons,
    }));
}

/**
 * What the portal shows a citizen before they submit: up to five open cases of the same commune
 * (or province) like theirs, by title and status only (no one's words, no personal data), so
 * that they can follow one instead of filing the same again.
 */
export async function findSimilarForCitizen(
  em: EntityManager,
  probe: { title: string; body: string; communeCode: string | null; provinceCode: string | null },
  now = new Date(),
) {
  const unit = async (code: string | null, level: 'commune' | 'province') =>
    code ? ((await em.findOne(OrgUnit, { code, level, validTo: null }, { fields: ['id'] }))?.id ?? null) : null;
  const communeId = await unit(probe.communeCode, 'commune');
  const provinceId = communeId === null ? await unit(probe.provinceCode, 'province') : null;
  const rows = await findSimilarOpenCases(em, { title: probe.title, body: probe.body, communeId, provinceId }, 5);
  return rankSimilarCases(rows, now, { titleOnly: !probe.body.trim() })
    .slice(0, 5)
    .map((r) => ({
      trackingCode: r.trackingCode,
      title: r.title,
      status: r.status,
      supportCount: r.supportCount,
      receivedAt: new Date(r.receivedAt).toISOString(),
    }));
}
