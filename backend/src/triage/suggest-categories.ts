import { Category, type EntityManager, type MikroORM } from '@caunoi/db';
import { FINAL_CASE_STATUSES, appliesBySuggestion, legalTrackSignals } from '@caunoi/workflows';
import type { Logger } from '../support/logger';
import { type RoutingReference, unitForCaseCategory } from '../routing/route-submission';
import { changeCase, lockCase } from '../transitions/change-case';
import type { SlaContext } from '../transitions/sla-context';
import type { TriageModels } from './triage-models';

export interface SuggestDeps {
  orm: MikroORM;
  loadSla: (em: EntityManager) => Promise<SlaContext>;
  loadRouting: (em: EntityManager) => Promise<RoutingReference>;
  models: TriageModels;
  logger: Logger;
}

const TRIAGE_ACTOR = { actorType: 'system', actor: 'system:triage', userId: null } as const;

/**
 * The category model's suggestion for cases that came without a category, after their commit
 * (never in intake's way): recorded as the case's CATEGORY_SUGGESTED event with its confidence,
 * its words and any complaint or denunciation flag. When workflows' `appliesBySuggestion` says so
 * the category is set, and a case still in triage is routed as that category routes for its place.
 * One case per transaction: a case changed meanwhile is simply left to the officer.
 */
export async function suggestCategories(
  deps: SuggestDeps,
  caseIds: readonly number[],
  now = new Date(),
): Promise<number> {
  const current = await deps.models.current();
  if (!current) return 0;
  let suggested = 0;
  for (const caseId of caseIds) {
    const done = await deps.orm.em.fork().transactional(async (tx) => {
      const kase = await lockCase(tx, caseId);
      if (
        kase.category ||
        kase.status === 'received' ||
        (FINAL_CASE_STATUSES as readonly string[]).includes(kase.status)
      )
        return false;
      const text = `${kase.title}\n${kase.body}`;
      const suggestion = current.model.suggest(text);
      if (!suggestion) return false;
      const signals = legalTrackSignals(text).map((s) => s.track);
      const category = await tx.findOne(Category, { code: suggestion.categoryCode, active: true });
      const applies =
        !!category &&
        appliesBySuggestion({
          confidence: suggestion.confidence,
          legalTrack: category.legalTrack,
          threshold: Number(category.suggestionThreshold),
          signals,
        });
      const unit =
        applies && kase.status === 'triage'
          ? await unitForCaseCategory(tx, kase, category!.code, await deps.loadRouting(tx))
          : null;
      await changeCase(tx, await deps.loadSla(tx), kase, {
        event: {
          type: 'suggestCategory',
          categoryCode: suggestion.categoryCode,
          confidence: Math.round(suggestion.confidence * 1000) / 1000,
          because: suggestion.because,
          alternatives: suggestion.alternatives.map((a) => ({
            categoryCode: a.categoryCode,
            confidence: Math.round(a.confidence * 1000) / 1000,
          })),
          signals,
          modelId: current.id,
          unitCode: unit?.code ?? null,
        },
        context: { actor: { kind: 'system', relation: 'none' } },
        actor: TRIAGE_ACTOR,
        now,
        targetUnit: unit,
        targetCategory: applies ? category : null,
        auditExtra: { applied: applies },
      });
      return true;
    });
    if (done) suggested += 1;
  }
  return suggested;
}
