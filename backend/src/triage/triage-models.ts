import {
  type MikroORM,
  findTriageModel,
  findTriageTrainingExamples,
  newestTriageModelId,
  saveTriageModel,
} from '@caunoi/db';
import { type CategoryModel, evaluateCategoryModel, loadCategoryModel, trainCategoryModel } from './category-model';

/** How long an instance trusts its cached model before asking whether a newer one was trained. */
const RECHECK_MS = 30_000;

export interface TriageModels {
  /** The newest trained model (null before the first training), and its id. */
  current(): Promise<{ id: number; model: CategoryModel } | null>;
  /** Trains on every example and officer decision now, stores the model, and makes it current. */
  train(): Promise<TrainingFigures>;
}

export interface TrainingFigures {
  modelId: number;
  examples: number;
  fromOfficers: number;
  labels: number;
  /** Top-1 accuracy on every tenth example, held out from a model trained on the rest. */
  holdoutAccuracy: number | null;
  milliseconds: number;
}

/**
 * The category model as every instance shares it: trained by a job (nightly, and when an
 * administrator asks), stored in `triage_model`, and loaded once per instance, checked against the
 * newest id every 30 s so that a model trained elsewhere is picked up.
 */
export function createTriageModels(orm: MikroORM): TriageModels {
  let cached: { id: number; model: CategoryModel; checkedAt: number } | null = null;
  return {
    async current() {
      if (cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached;
      const em = orm.em.fork();
      const newest = await newestTriageModelId(em);
      if (newest === null) return null;
      if (cached?.id === newest) {
        cached.checkedAt = Date.now();
        return cached;
      }
      const stored = await findTriageModel(em, newest);
      if (!stored) return null;
      cached = { id: stored.id, model: loadCategoryModel(JSON.stringify(stored.model)), checkedAt: Date.now() };
      return cached;
    },
    async train() {
      const started = Date.now();
      const em = orm.em.fork();
      const examples = (await findTriageTrainingExamples(em)).map((e) => ({ ...e, categoryCode: e.categoryCode }));
      // Every tenth example held out first, to say how well a model of this data does on what it has not seen.
      const held = examples.filter((_, i) => i % 10 === 0);
      const rest = examples.filter((_, i) => i % 10 !== 0);
      const holdoutAccuracy =
        held.length >= 10 && new Set(rest.map((e) => e.categoryCode)).size >= 2
          ? evaluateCategoryModel(trainCategoryModel(rest), held).top1
          : null;
      const model = trainCategoryModel(examples);
      const figures = {
        examples: examples.length,
        fromOfficers: examples.filter((e) => e.source === 'officer').length,
        labels: model.labels.length,
        holdoutAccuracy,
      };
      const modelId = await saveTriageModel(em, { ...figures, model: JSON.parse(model.exportJSON()) });
      cached = { id: modelId, model, checkedAt: Date.now() };
      return { modelId, ...figures, milliseconds: Date.now() - started };
    },
  };
}
