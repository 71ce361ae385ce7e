import type { EntityManager } from '@mikro-orm/postgresql';

export interface TriageExample {
  text: string;
  categoryCode: string;
  /** Where it comes from: the bootstrap set, or an officer's decision on a case. */
  source: 'seed' | 'officer';
}

/** Adds labelled texts (the bootstrap set); one already there is left as it is. */
export async function addTriageExamples(
  em: EntityManager,
  examples: ReadonlyArray<{ text: string; categoryCode: string }>,
): Promise<void> {
  if (!examples.length) return;
  await em.execute(
    `insert into triage_example (text, category_code, source)
     select e->>'text', e->>'categoryCode', 'seed' from json_array_elements(?::json) e
     on conflict (source, text) do nothing`,
    [JSON.stringify(examples)],
  );
}

/**
 * What the category model learns from: the labelled examples, and the category of every case an
 * officer categorised (CATEGORISED) or accepted under its category, newest first (at most `limit`).
 * Only active categories count; a case's current category is its label.
 */
export async function findTriageTrainingExamples(em: EntityManager, limit = 50_000): Promise<TriageExample[]> {
  return em.execute<TriageExample[]>(
    `select text, "categoryCode", source from (
       select x.text, x.category_code as "categoryCode", 'seed' as source, x.created_at as at
         from triage_example x join category cat on cat.code = x.category_code and cat.active
       union all
       select c.title || E'\\n' || c.body, cat.code, 'officer', coalesce(c.accepted_at, c.updated_at)
         from case_file c join category cat on cat.id = c.category_id and cat.active
        where c.accepted_at is not null
           or exists (select 1 from case_event e where e.case_id = c.id and e.type = 'CATEGORISED')
     ) examples order by at desc limit ?`,
    [limit],
  );
}

export interface StoredTriageModel {
  id: number;
  trainedAt: Date;
  examples: number;
  fromOfficers: number;
  labels: number;
  holdoutAccuracy: number | null;
  model: unknown;
}

export async function saveTriageModel(
  em: EntityManager,
  model: Omit<StoredTriageModel, 'id' | 'trainedAt'>,
): Promise<number> {
  const [row] = await em.execute<Array<{ id: number }>>(
    `insert into triage_model (examples, from_officers, labels, holdout_accuracy, model) values (?, ?, ?, ?, ?::jsonb) returning id`,
    [model.examples, model.fromOfficers, model.labels, model.holdoutAccuracy, JSON.stringify(model.model)],
  );
  // Older models are kept for a while to compare; the last ten are plenty.
  await em.execute('delete from triage_model where id < ? - 10', [row!.id]);
  return row!.id;
}

/** The newest model's id (cheap: to tell whether a cached model is still the newest). */
export async function newestTriageModelId(em: EntityManager): Promise<number | null> {
  const [row] = await em.execute<Array<{ id: number }>>('select max(id)::int as id from triage_model');
  return row?.id ?? null;
}

export async function findTriageModel(em: EntityManager, id: number): Promise<StoredTriageModel | null> {
  const [row] = await em.execute<StoredTriageModel[]>(
    `select id, trained_at as "trainedAt", examples, from_officers as "fromOfficers", labels,
            holdout_accuracy as "holdoutAccuracy", model from triage_model where id = ?`,
    [id],
  );
  return row ?? null;
}

/** The newest model's figures, without the model itself. */
export async function describeNewestTriageModel(em: EntityManager): Promise<Omit<StoredTriageModel, 'model'> | null> {
  const [row] = await em.execute<Array<Omit<StoredTriageModel, 'model'>>>(
    `select id, trained_at as "trainedAt", examples, from_officers as "fromOfficers", labels,
            holdout_accuracy as "holdoutAccuracy" from triage_model order by id desc limit 1`,
  );
  return row ?? null;
}
