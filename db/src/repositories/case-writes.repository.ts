import type { EntityManager } from '@mikro-orm/postgresql';
import { executePrepared } from './bound-query';
import { ADD_JOBS_SQL, type JobSpec, jobSpecsJson } from './job-queue.repository';

/**
 * The transition writer's statements (backend `commitTransitions`): a set of cases, their events
 * and conversation entries written in one statement each, whatever the set's size — an officer's
 * one case or a sweeper's batch of hundreds. Rows travel as one JSON array
 * (`json_populate_recordset` over the table's own row type), so the statement text never grows.
 */

/** The columns a transition owns: everything the machine and recordTransition decide. */
export interface CaseStateRow {
  id: number;
  /** The version the writer read under the row lock; the row gets version + 1. */
  version: number;
  status: string;
  machine_snapshot: unknown;
  owning_unit_id: number;
  category_id: number | null;
  legal_track: string;
  assignee_id: number | null;
  duplicate_of_id: number | null;
  acknowledge_due_at: Date | null;
  transfer_due_at: Date | null;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  citizen_reply_due_at: Date | null;
  auto_close_due_at: Date | null;
  expected_answer_at: Date | null;
  next_due_at: Date | null;
  warn_at: Date | null;
  paused_at: Date | null;
  paused_seconds: number;
  extension_count: number;
  escalation_level: number;
  escalated_at: Date | null;
  transfer_count: number;
  reopen_count: number;
  satisfaction: number | null;
  publication_consent: boolean;
  accepted_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
}

const STATE_COLUMNS: ReadonlyArray<keyof CaseStateRow> = [
  'status',
  'machine_snapshot',
  'owning_unit_id',
  'category_id',
  'legal_track',
  'assignee_id',
  'duplicate_of_id',
  'acknowledge_due_at',
  'transfer_due_at',
  'accept_due_at',
  'resolve_due_at',
  'citizen_reply_due_at',
  'auto_close_due_at',
  'expected_answer_at',
  'next_due_at',
  'warn_at',
  'paused_at',
  'paused_seconds',
  'extension_count',
  'escalation_level',
  'escalated_at',
  'transfer_count',
  'reopen_count',
  'satisfaction',
  'publication_consent',
  'accepted_at',
  'resolved_at',
  'closed_at',
  'updated_at',
];

/**
 * What a set of transitions writes after its messages (whose ids their jobs name), in one
 * statement: the transition-owned columns of the locked cases, the audit events and the jobs. The
 * parts are independent, so one statement does what three did, in the caller's transaction. The
 * version read under the lock must still be the row's: anything else means the lock was not held,
 * and the statement's failure rolls the transaction back.
 */
export async function writeTransitions(
  em: EntityManager,
  {
    states,
    events,
    jobs,
  }: { states: readonly CaseStateRow[]; events: readonly CaseEventRow[]; jobs: readonly JobSpec[] },
): Promise<void> {
  const set = STATE_COLUMNS.map((c) => `${c} = x.${c}`).join(', ');
  // A data-modifying CTE always runs; the jobs' select runs because the final select reads it.
  // Bound parameters: a sweeper batch's JSON (a megabyte) is not escaped into the SQL text, and the plan is kept per connection (executePrepared).
  // The ids as an array too: the planner guesses 100 rows for a JSON record set, and on a table
  // of a few thousand cases it hashed them against a scan of the whole table (7 ms of the
  // database's 8 per officer's transition, bench:transitions with PG_STATEMENTS=1); `= any` of
  // the ids it can count reaches each row by its key.
  const [result] = await executePrepared<{ written: number; jobs: number }>(
    em,
    `with states as (
       update case_file c set ${set}, version = c.version + 1
         from json_populate_recordset(null::case_file, ?::json) x
        where c.id = any(?::int[]) and c.id = x.id and c.version = x.version
       returning c.id),
     events as (${INSERT_EVENTS_SQL} returning 1),
     jobs as (select 1 from ${jobs.length ? ADD_JOBS_SQL : '(select where false) as none'})
     select (select count(*) from states)::int as written, (select count(*) from jobs)::int as jobs`,
    [
      JSON.stringify(states),
      `{${states.map((row) => row.id).join(',')}}`,
      JSON.stringify(events),
      ...(jobs.length ? [jobSpecsJson(jobs), false] : []),
    ],
  );
  if (result!.written !== states.length)
    throw new Error(`case versions moved under the writer: ${result!.written} of ${states.length} rows written`);
}

export interface CaseEventRow {
  case_id: number;
  seq: number;
  type: string;
  actor_type: string;
  actor_user_id: number | null;
  actor: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  created_at: Date;
}

/** The audit events of a JSON array of CaseEventRow. */
const INSERT_EVENTS_SQL = `insert into case_event (case_id, seq, type, actor_type, actor_user_id, actor, from_status, to_status, reason, payload, prev_hash, hash, created_at)
     select case_id, seq, type, actor_type, actor_user_id, actor, from_status, to_status, reason, payload, prev_hash, hash, created_at
       from json_populate_recordset(null::case_event, ?::json)`;

export interface CaseMessageRow {
  case_id: number;
  direction: string;
  channel: string;
  subject: string | null;
  body: string;
  external_id: string | null;
  delivery_status: string;
  author_id: number | null;
  created_at: Date;
}

/**
 * The case's drafted answer, settled by the head: `queued` to go out (approved) or `returned`
 * (sent back). Returns the message's id, or null when the case has no draft.
 */
export async function settleDraftAnswer(
  em: EntityManager,
  caseId: number,
  to: 'queued' | 'returned',
): Promise<number | null> {
  const [row] = await em.execute<Array<{ id: number }>>(
    `update case_message set delivery_status = ?
      where id = (select id from case_message where case_id = ? and delivery_status = 'draft' order by id desc limit 1)
      returning id`,
    [to, caseId],
  );
  return row?.id ?? null;
}

/** Adds conversation entries in one insert; returns their ids in the order given. */
export async function insertCaseMessages(em: EntityManager, rows: readonly CaseMessageRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await executePrepared<{ id: number | string }>(
    em,
    `insert into case_message (case_id, direction, channel, subject, body, external_id, delivery_status, author_id, created_at)
     select case_id, direction, channel, subject, body, external_id, delivery_status, author_id, created_at
       from json_populate_recordset(null::case_message, ?::json) with ordinality x order by x.ordinality
     returning id`,
    [JSON.stringify(rows)],
  );
  // Ids come from one sequence in insertion order, and the rows were inserted in the order given.
  return inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * The last link of each case's audit chain (its sequence number and hash), for the cases given,
 * in one query over the (case_id, seq) unique index. Cases without events are absent.
 */
export async function findLastEventLinks(
  em: EntityManager,
  caseIds: readonly number[],
): Promise<Map<number, { seq: number; hash: string }>> {
  const rows = await em.execute<Array<{ caseId: number | string; seq: number; hash: string }>>(
    `select l.case_id as "caseId", l.seq, l.hash
       from json_array_elements_text(?::json) as ids(id)
       cross join lateral (select case_id, seq, hash from case_event where case_id = ids.id::int order by seq desc limit 1) l`,
    [JSON.stringify(caseIds)],
  );
  return new Map(rows.map((r) => [Number(r.caseId), { seq: r.seq, hash: r.hash }]));
}

/**
 * A case as it is first written: what the submission said and where it came from, with the state
 * its first transition (`submit`) gave it. Written by the transition writer in the statement that
 * gives the case its id, before its first audit event (whose hash needs the id).
 */
export interface NewCaseRow extends Omit<CaseStateRow, 'id' | 'version'> {
  tracking_code: string;
  access_key_hash: string;
  title: string;
  body: string;
  language: string;
  channel: string;
  province_id: number | null;
  commune_id: number | null;
  place_text: string | null;
  latitude: number | null;
  longitude: number | null;
  attributes: Record<string, string>;
  receiving_unit_id: number;
  citizen_id: number | null;
  anonymous: boolean;
  appeal_of_id: number | null;
  support_count: number;
  received_at: Date;
  created_at: Date;
}

const NEW_CASE_COLUMNS = [
  'tracking_code',
  'access_key_hash',
  'title',
  'body',
  'language',
  'channel',
  'province_id',
  'commune_id',
  'place_text',
  'latitude',
  'longitude',
  'attributes',
  'receiving_unit_id',
  'citizen_id',
  'anonymous',
  'appeal_of_id',
  'support_count',
  'received_at',
  'created_at',
  ...STATE_COLUMNS,
].join(', ');

/**
 * Inserts new cases (version 1) in one statement; returns their ids in the order given. A plain
 * insert, not the ORM's unit of work: at intake's rate, walking a group's entity graph for what to
 * insert cost more of the server's CPU than the statement itself (bench:intake, PROFILE=).
 */
export async function insertNewCases(em: EntityManager, rows: readonly NewCaseRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await executePrepared<{ id: number | string }>(
    em,
    `insert into case_file (${NEW_CASE_COLUMNS}, version)
     select ${NEW_CASE_COLUMNS}, 1
       from json_populate_recordset(null::case_file, ?::json) with ordinality x order by x.ordinality
     returning id`,
    [JSON.stringify(rows)],
  );
  // As insertCaseMessages: one sequence, the rows inserted in the order given.
  return inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export interface NewCitizenRow {
  name: string | null;
  email: string | null;
  phone: string | null;
  zalo_ids: Record<string, string>;
  consent_at: Date | null;
  created_at: Date;
}

/** Inserts the people a group of submissions introduced, in one statement; their ids in the order given. */
export async function insertCitizens(em: EntityManager, rows: readonly NewCitizenRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await executePrepared<{ id: number | string }>(
    em,
    `insert into citizen (name, email, phone, zalo_ids, consent_at, created_at)
     select name, email, phone, coalesce(zalo_ids, '{}'), consent_at, created_at
       from json_populate_recordset(null::citizen, ?::json) with ordinality x order by x.ordinality
     returning id`,
    [JSON.stringify(rows)],
  );
  return inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
}
