import { defineEntity, p } from '@mikro-orm/core';
import {
  CASE_STATUSES,
  CHANNELS,
  FINAL_CASE_STATUSES,
  RUNNING_CLOCK_STATUSES,
  LANGUAGES,
  LEGAL_TRACKS,
  type PersistedCaseSnapshot,
} from '@caunoi/workflows';
import { Category } from './category.entity';
import { Citizen } from './citizen.entity';
import { OrgUnit } from './org-unit.entity';
import { User } from './user.entity';

/** The statuses whose clock runs (workflows), as the partial indexes of running cases name them. */
const RUNNING = RUNNING_CLOCK_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * A citizen's submission as a case. `status` and `machineSnapshot` are written together by the
 * transition path; `version` is the optimistic lock the API checks (a stale one is a 409).
 * Deadlines are columns (durable time): `nextDueAt` is the earliest moment the sweeper must look
 * at this case, so the sweeper scans one partial index instead of five columns.
 */
export const CaseSchema = defineEntity({
  name: 'Case',
  tableName: 'case_file',
  properties: {
    id: p.integer().primary(),
    trackingCode: p.string().length(32).unique(),
    /** sha256 of the citizen's access key; the key itself is shown once, at submission. */
    accessKeyHash: p.string().length(64).hidden(),
    title: p.string().length(300),
    body: p.text(),
    language: p.enum(LANGUAGES).default('vi'),
    channel: p.enum(CHANNELS),
    legalTrack: p.enum(LEGAL_TRACKS).default('pakn'),
    category: () => p.manyToOne(Category).nullable().index(),
    province: () => p.manyToOne(OrgUnit).nullable(),
    commune: () => p.manyToOne(OrgUnit).nullable(),
    /** The place as the citizen wrote it (old names included), kept verbatim. */
    placeText: p.string().length(300).nullable(),
    /** Where the citizen or the agency's app said it is (WGS 84); routing goes by the commune and the address. */
    latitude: p.double().nullable(),
    longitude: p.double().nullable(),
    /** The structured details the category asks for (workflows' CATEGORY_ATTRIBUTES), code → answer. */
    attributes: p.json<Record<string, string>>().default('{}'),
    receivingUnit: () => p.manyToOne(OrgUnit),
    owningUnit: () => p.manyToOne(OrgUnit),
    assignee: () => p.manyToOne(User).nullable().index(),
    citizen: () => p.manyToOne(Citizen).nullable().index(),
    /** Hidden from the public register; officers still see the sender. */
    anonymous: p.boolean().default(false),
    status: p.enum(CASE_STATUSES),
    machineSnapshot: p.json<PersistedCaseSnapshot>().nullable(),
    version: p.integer().version(),
    /**
     * The last link of the case's audit chain, `seq:hash`, read in the statement that loads the case
     * when asked for (lazy): the transition writer takes it with the row lock instead of asking for
     * it again. Not a column.
     */
    auditTail: p
      .string()
      .formula(
        (_columns, table) =>
          `(select e.seq || ':' || e.hash from case_event e where e.case_id = ${table.alias}.id order by e.seq desc limit 1)`,
      )
      .lazy()
      .nullable(),

    receivedAt: p.datetime(),
    acknowledgeDueAt: p.datetime().nullable(),
    transferDueAt: p.datetime().nullable(),
    acceptDueAt: p.datetime().nullable(),
    resolveDueAt: p.datetime().nullable(),
    citizenReplyDueAt: p.datetime().nullable(),
    /** An answered case closes by itself when the citizen neither closes nor reopens it. */
    autoCloseDueAt: p.datetime().nullable(),
    /** The answer date the citizen was told at receipt (workflows expectedAnswerBy); the resolve deadline supersedes it once set. */
    expectedAnswerAt: p.datetime().nullable(),
    nextDueAt: p.datetime().nullable(),
    /** Warn at 80 % of the running clock; null once warned. */
    warnAt: p.datetime().nullable(),
    /** Set while awaiting the citizen; the pause ends by adding the paused time to the total. */
    pausedAt: p.datetime().nullable(),
    pausedSeconds: p.integer().default(0),
    extensionCount: p.integer().default(0),

    escalationLevel: p.smallint().default(0),
    escalatedAt: p.datetime().nullable(),
    transferCount: p.integer().default(0),
    reopenCount: p.integer().default(0),
    supportCount: p.integer().default(1),
    duplicateOf: () => p.manyToOne(Case).nullable().index(),
    /** The case this one appeals, one level up (one appeal per case). */
    appealOf: () => p.oneToOne(Case).nullable().owner().unique(),
    /** The citizen agreed to the publication of their question and its answer, masked (default: no). */
    publicationConsent: p.boolean().default(false),
    /** Citizen's rating after resolution, 1–5. */
    satisfaction: p.smallint().nullable(),

    acceptedAt: p.datetime().nullable(),
    resolvedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    {
      // Officers' queues (a unit, a subtree) by status, sorted by deadline or receipt, from the index alone.
      name: 'case_file_owning_unit_status_idx',
      expression:
        'create index "case_file_owning_unit_status_idx" on "case_file" ("owning_unit_id", "status") include ("next_due_at", "received_at", "id")',
    },
    { name: 'case_file_received_at_idx', properties: ['receivedAt'] },
    {
      // Open cases in deadline order with their unit and status: a subtree's queue by deadline reads
      // its first page from here, and the sweeper its due cases.
      name: 'case_file_open_by_deadline_idx',
      expression: `create index "case_file_open_by_deadline_idx" on "case_file" ("next_due_at", "id") include ("owning_unit_id", "status") where "status" not in (${FINAL_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`,
    },
    {
      // Overdue lists, newest first: running cases by receipt, with what their running deadline is made of (index-only).
      name: 'case_file_running_received_idx',
      expression: `create index "case_file_running_received_idx" on "case_file" ("received_at", "id") include ("status", "transfer_due_at", "accept_due_at", "resolve_due_at", "owning_unit_id") where status in (${RUNNING})`,
    },
    {
      // The overdue part of the summaries: open cases by the deadline of their running clock (RUNNING_DUE_SQL).
      name: 'case_file_running_due_idx',
      expression: `create index "case_file_running_due_idx" on "case_file" ((case status when 'triage' then transfer_due_at when 'routed' then least(accept_due_at, transfer_due_at) when 'inProgress' then resolve_due_at end))
      where status in (${RUNNING})`,
    },
    {
      // Similar open cases: the candidates of a commune, or of a province, newest first (similar-cases.repository.ts).
      name: 'case_file_open_commune_idx',
      expression: `create index "case_file_open_commune_idx" on "case_file" ("commune_id", "received_at") where "status" not in (${FINAL_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`,
    },
    {
      // The per-unit public figures (the register's): a unit's answers in a period, with their times.
      name: 'case_file_unit_resolved_idx',
      expression:
        'create index "case_file_unit_resolved_idx" on "case_file" ("owning_unit_id", "resolved_at") include ("received_at", "paused_seconds") where "resolved_at" is not null',
    },
    {
      name: 'case_file_open_province_idx',
      expression: `create index "case_file_open_province_idx" on "case_file" ("province_id", "received_at") where "status" not in (${FINAL_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`,
    },
  ],
  checks: [{ name: 'case_file_satisfaction_check', expression: 'satisfaction >= 1 and satisfaction <= 5' }],
});

export class Case extends CaseSchema.class {}
CaseSchema.setClass(Case);
