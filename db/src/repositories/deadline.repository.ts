import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeableCase } from '../entities';
import type { CaseScope } from '@caunoi/workflows';
import { FINAL_STATUSES_SQL } from './case.repository';
import { escapeLike } from './case-scope-sql';

/**
 * Claims up to `limit` open cases whose next deadline has passed, oldest first, locking them for
 * the caller's transaction; rows another sweeper holds are skipped (SKIP LOCKED), so instances
 * share the work and each deadline fires once. Served by the partial index
 * `case_file_open_by_deadline_idx`.
 */
export async function claimDueCases(
  tx: EntityManager,
  now: Date,
  limit: number,
  onlyCaseId?: number,
): Promise<number[]> {
  const rows = await tx.execute<Array<{ id: string | number }>>(
    `select id from case_file where next_due_at <= ? and status not in (${FINAL_STATUSES_SQL})
     ${onlyCaseId === undefined ? '' : 'and id = ?'}
     order by next_due_at limit ? for update skip locked`,
    onlyCaseId === undefined ? [now, limit] : [now, onlyCaseId, limit],
  );
  return rows.map((r) => Number(r.id));
}

/** Looks at a case's deadlines again at `at` (an event that failed to fire is not retried at every sweep). */
export async function postponeSweep(tx: EntityManager, caseId: number, at: Date): Promise<void> {
  await tx.execute(`update case_file set next_due_at = ? where id = ?`, [at, caseId]);
}

/**
 * The claimed cases of a sweeper batch, as the one transition path reads them (owning unit,
 * category, the citizen's reply addresses, the audit chain's last link), in one statement, as plain
 * records. Building 500 `Case` entities (MikroORM defines each property on each instance, and a
 * find snapshots them for change tracking) took 75–190 ms a batch, several times the statement;
 * the writer writes the rows itself (`writeTransitions`), so nothing needs the unit of work. The
 * caller already holds the row locks.
 */
export async function readClaimedCases(tx: EntityManager, ids: readonly number[]): Promise<ChangeableCase[]> {
  if (ids.length === 0) return [];
  const rows = await tx.execute<ChangeableCaseRow[]>(`${changeableCaseSelect()} where c.id = any(?::int[])`, [
    `{${ids.join(',')}}`,
  ]);
  return rows.map((row) => changeableCaseOf(tx, row));
}

/**
 * The cases of a group of officers' transitions (backend `createTransitionGroups`), each within
 * the jurisdiction of the officer who asks, read as the one path reads them and locked in one
 * statement, lowest id first (as every transaction that locks several cases locks them). A case
 * outside its asker's scope is neither read nor locked: the map has no entry for it (a 404).
 */
export async function lockCasesInScopes(
  tx: EntityManager,
  wanted: ReadonlyArray<{ caseId: number; scope: CaseScope }>,
): Promise<Map<number, ChangeableCase>> {
  if (wanted.length === 0) return new Map();
  const scopes = wanted.map(({ caseId, scope }) => ({
    case_id: caseId,
    unit_id: scope.kind === 'unit' ? scope.unitId : null,
    path_like: scope.kind === 'subtree' ? `${escapeLike(scope.pathPrefix)}%` : null,
    everything: scope.kind === 'all',
  }));
  const rows = await tx.execute<ChangeableCaseRow[]>(
    `${changeableCaseSelect()}
       join json_to_recordset(?::json) as s(case_id int, unit_id int, path_like text, everything boolean) on s.case_id = c.id
      where c.id = any(?::int[])
        and (s.everything or c.owning_unit_id = s.unit_id or u.path like s.path_like)
      order by c.id
        for update of c`,
    [JSON.stringify(scopes), `{${wanted.map((w) => w.caseId).join(',')}}`],
  );
  return new Map(rows.map((row) => [row.id as number, changeableCaseOf(tx, row)]));
}

/** What the one path reads of a case (its columns, unit, category, citizen's addresses, audit tail), over `c`, `u`, `g`, `z`. */
function changeableCaseSelect(): string {
  return `select ${Object.values(CHANGEABLE_COLUMNS)
    .map(([column]) => `c.${column}`)
    .join(', ')},
            c.owning_unit_id, c.category_id, c.citizen_id, c.assignee_id, c.duplicate_of_id,
            (select e.seq || ':' || e.hash from case_event e where e.case_id = c.id order by e.seq desc limit 1) as audit_tail,
            u.code as unit_code, u.path as unit_path, u.level as unit_level, u.is_remote_area as unit_is_remote_area,
            g.code as category_code, g.legal_track as category_legal_track, g.answer_approval as category_answer_approval,
            z.email as citizen_email, z.zalo_ids as citizen_zalo_ids
       from case_file c
       join org_unit u on u.id = c.owning_unit_id
       left join category g on g.id = c.category_id
       left join citizen z on z.id = c.citizen_id`;
}

type ChangeableCaseRow = ClaimedCaseRow & Record<string, unknown>;

function changeableCaseOf(tx: EntityManager, row: ChangeableCaseRow): ChangeableCase {
  const platform = tx.getPlatform();
  const columns: Record<string, unknown> = {};
  for (const [property, [column, isDate]] of Object.entries(CHANGEABLE_COLUMNS))
    columns[property] = isDate && row[column] !== null ? platform.parseDate(row[column] as string) : row[column];
  const ref = (id: number | null) => (id === null ? null : { id });
  return {
    ...(columns as ChangeableColumns),
    auditTail: row.audit_tail,
    owningUnit: {
      id: row.owning_unit_id,
      code: row.unit_code,
      path: row.unit_path,
      level: row.unit_level,
      isRemoteArea: row.unit_is_remote_area,
    },
    category:
      row.category_id === null
        ? null
        : {
            id: row.category_id,
            code: row.category_code!,
            legalTrack: row.category_legal_track!,
            answerApproval: row.category_answer_approval ?? false,
          },
    citizen: row.citizen_id === null ? null : { email: row.citizen_email, zaloIds: row.citizen_zalo_ids ?? {} },
    assignee: ref(row.assignee_id),
    duplicateOf: ref(row.duplicate_of_id),
  };
}

type ChangeableColumns = Omit<
  ChangeableCase,
  'owningUnit' | 'category' | 'citizen' | 'assignee' | 'duplicateOf' | 'auditTail'
>;

/**
 * Each column of ChangeableCase, by property: its column, and whether it is a timestamp (the
 * driver hands those over as text). Every property must be here (a mapped type), so a column the
 * type gains fails to compile instead of being written back as null by the sweeper.
 */
const CHANGEABLE_COLUMNS: { readonly [P in keyof ChangeableColumns]-?: readonly [column: string, isDate: boolean] } = {
  id: ['id', false],
  trackingCode: ['tracking_code', false],
  language: ['language', false],
  channel: ['channel', false],
  legalTrack: ['legal_track', false],
  status: ['status', false],
  machineSnapshot: ['machine_snapshot', false],
  version: ['version', false],
  receivedAt: ['received_at', true],
  acknowledgeDueAt: ['acknowledge_due_at', true],
  transferDueAt: ['transfer_due_at', true],
  acceptDueAt: ['accept_due_at', true],
  resolveDueAt: ['resolve_due_at', true],
  citizenReplyDueAt: ['citizen_reply_due_at', true],
  autoCloseDueAt: ['auto_close_due_at', true],
  expectedAnswerAt: ['expected_answer_at', true],
  nextDueAt: ['next_due_at', true],
  warnAt: ['warn_at', true],
  pausedAt: ['paused_at', true],
  pausedSeconds: ['paused_seconds', false],
  extensionCount: ['extension_count', false],
  escalationLevel: ['escalation_level', false],
  escalatedAt: ['escalated_at', true],
  transferCount: ['transfer_count', false],
  reopenCount: ['reopen_count', false],
  supportCount: ['support_count', false],
  satisfaction: ['satisfaction', false],
  publicationConsent: ['publication_consent', false],
  acceptedAt: ['accepted_at', true],
  resolvedAt: ['resolved_at', true],
  closedAt: ['closed_at', true],
  updatedAt: ['updated_at', true],
};

interface ClaimedCaseRow {
  owning_unit_id: number;
  category_id: number | null;
  citizen_id: number | null;
  assignee_id: number | null;
  duplicate_of_id: number | null;
  audit_tail: string | null;
  unit_code: string;
  unit_path: string;
  unit_level: ChangeableCase['owningUnit']['level'];
  unit_is_remote_area: boolean;
  category_code: string | null;
  category_legal_track: NonNullable<ChangeableCase['category']>['legalTrack'] | null;
  category_answer_approval: boolean | null;
  citizen_email: string | null;
  citizen_zalo_ids: Record<string, string> | null;
}
