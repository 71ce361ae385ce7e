import type { CaseStateRow, ChangeableCase, NewCaseRow } from '@caunoi/db';

/** What a submission writes that no transition changes afterwards (its words, its place, its sender). */
export type SubmissionColumns = Omit<NewCaseRow, Exclude<keyof CaseStateRow, 'id' | 'version'>>;

/**
 * A case being submitted, held as a plain record until the transition writer inserts it with the
 * state `submit` gave it (its id is 0 until then). Not an entity: the ORM's unit of work spent more
 * of intake's CPU finding what to insert in a group's entity graph than the insert itself.
 */
export interface NewCase extends ChangeableCase {
  /** The columns to insert; null once the row exists (a later change in the same transaction updates it). */
  submission: SubmissionColumns | null;
}

/** Whether the case has no row yet: its first transition inserts it. */
export function awaitsInsert(kase: ChangeableCase): kase is NewCase & { submission: SubmissionColumns } {
  return 'submission' in kase && (kase as NewCase).submission !== null;
}
