import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The administrator's reference screens (units, categories, SLA rules, calendar days, users, Zalo
 * OAs): one named list query per resource, with the filters it takes, and the edits.
 */
export interface ReferenceList {
  /** Columns as `sql expression as "dtoField"`; the first is the react-admin id. */
  select: string;
  /** The id's SQL expression, as text (one row is the list's row with this id). */
  key: string;
  from: string;
  order: string;
  /** Filter fields → a SQL condition with one `?` each. */
  filters: Record<string, (value: string) => { sql: string; params: unknown[] }>;
}

export const REFERENCE_LISTS: Record<string, ReferenceList> = {
  'org-units': {
    key: 'u.code',
    select: `u.code as "id", u.code as "code", u.name_vi as "nameVi", u.name_en as "nameEn", u.level as "level", u.kind as "kind", p.code as "parentCode",
             u.is_remote_area as "isRemoteArea", u.intake_aliases as "intakeAliases", (select count(*)::int from org_unit c where c.parent_id = u.id and c.valid_to is null) as "childCount"`,
    from: 'org_unit u left join org_unit p on p.id = u.parent_id where u.valid_to is null',
    order: `array_position(array['governmentOffice','ministry','ministerialAgency','province','commune']::text[], u.level::text), u.name_vi`,
    filters: {
      parentCode: (v) => ({ sql: 'p.code = ?', params: [v] }),
      q: (v) => ({
        sql: `(caunoi_unaccent(lower(u.name_vi)) like '%' || caunoi_unaccent(lower(?)) || '%' or u.code = ?)`,
        params: [v, v],
      }),
      level: (v) => ({ sql: 'u.level = ?', params: [v] }),
    },
  },
  categories: {
    key: 'c.id::text',
    select: `c.id as "id", c.code as "code", c.name_vi as "nameVi", c.name_en as "nameEn", c.legal_track as "legalTrack", c.sector as "sector", r.code as "responsibleUnit", c.default_level as "defaultLevel", c.active as "active", c.suggestion_threshold as "suggestionThreshold", c.answer_approval as "answerApproval"`,
    from: 'category c left join org_unit r on r.id = c.responsible_unit_id where true',
    order: 'c.sort_order, c.name_vi',
    filters: {},
  },
  'sla-rules': {
    key: 's.id::text',
    select: `s.id as "id", s.code as "code", s.legal_track as "legalTrack", c.code as "category", c.name_vi as "categoryNameVi", c.name_en as "categoryNameEn", s.clock as "clock", s.amount as "amount", s.unit as "unit", s.remote_area_amount as "remoteAreaAmount",
             s.extension_amount as "extensionAmount", s.max_extensions as "maxExtensions", s.source as "source", s.source_en as "sourceEn", s.verified as "verified", s.effective_from::text as "effectiveFrom", s.effective_to::text as "effectiveTo"`,
    from: 'sla_rule s left join category c on c.id = s.category_id where true',
    order: 's.legal_track nulls last, s.clock, s.effective_from',
    filters: { clock: (v) => ({ sql: 's.clock = ?', params: [v] }) },
  },
  'calendar-days': {
    key: 'd.date::text',
    select: `d.date::text as "id", d.date::text as "date", d.kind as "kind", d.name as "name", d.compensate as "compensate", d.active as "active", d.verified as "verified", d.source as "source", d.source_en as "sourceEn"`,
    from: 'calendar_day d where true',
    order: 'd.date',
    filters: {
      year: (v) => ({ sql: `extract(year from d.date) = ?`, params: [Number(v)] }),
      verified: (v) => ({ sql: 'd.verified = ?', params: [v === 'true'] }),
    },
  },
  users: {
    key: 'a.id::text',
    select: `a.id as "id", a.email as "email", a.name as "name", a.role as "role", u.code as "unitCode", u.name_vi as "unitName", a.language as "language", a.active as "active", a.last_login_at as "lastLoginAt", a.failed_logins as "failedLogins", a.locked_until as "lockedUntil"`,
    from: 'app_user a join org_unit u on u.id = a.unit_id where true',
    order: 'u.path, a.role, a.name',
    filters: {
      role: (v) => ({ sql: 'a.role = ?', params: [v] }),
      unitCode: (v) => ({ sql: 'u.code = ?', params: [v] }),
      /** Accounts a login lock holds now (filter {"locked": true}). */
      locked: (v) => ({
        sql: v === 'true' ? 'a.locked_until > now()' : '(a.locked_until is null or a.locked_until <= now())',
        params: [],
      }),
    },
  },
  'zalo-oas': {
    key: 'z.id::text',
    select: `z.id as "id", z.oa_id as "oaId", z.name as "name", u.code as "unitCode", u.name_vi as "unitName", z.app_id as "appId", z.active as "active", z.token_expires_at as "tokenExpiresAt", (z.refresh_token is not null) as "authorised"`,
    from: 'zalo_oa z join org_unit u on u.id = z.unit_id where true',
    order: 'z.id',
    filters: {},
  },
};

/** One page of a reference list; `filters` are already checked against the list's own. */
export async function findReferencePage(
  em: EntityManager,
  list: ReferenceList,
  filters: Record<string, string>,
  range: { offset: number; limit: number },
): Promise<{ rows: Array<Record<string, unknown>>; total: number }> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [field, value] of Object.entries(filters)) {
    const condition = list.filters[field]!(value);
    conditions.push(condition.sql);
    params.push(...condition.params);
  }
  const where = `${list.from}${conditions.map((c) => ` and ${c}`).join('')}`;
  const [count, rows] = await Promise.all([
    em.execute<Array<{ total: number }>>(`select count(*)::int as total from ${where}`, params),
    em.execute<Array<Record<string, unknown>>>(
      `select ${list.select} from ${where} order by ${list.order} limit ? offset ?`,
      [...params, range.limit, range.offset],
    ),
  ]);
  return { rows, total: count[0]!.total };
}

/** One row, as its list shows it (react-admin's show and edit screens read the same fields). */
export async function findReferenceRow(
  em: EntityManager,
  resource: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  const list = REFERENCE_LISTS[resource];
  if (!list) return null;
  const [row] = await em.execute<Array<Record<string, unknown>>>(
    `select ${list.select} from ${list.from} and ${list.key} = ?`,
    [id],
  );
  return row ?? null;
}

async function updated(em: EntityManager, sql: string, params: unknown[]): Promise<boolean> {
  const result = (await em.execute(sql, params, 'run')) as { affectedRows?: number };
  return !!result.affectedRows;
}

export async function findCurrentUnitId(em: EntityManager, code: string): Promise<number | null> {
  const [unit] = await em.execute<Array<{ id: number }>>(
    'select id from org_unit where code = ? and valid_to is null',
    [code],
  );
  return unit?.id ?? null;
}

export interface CalendarDayInput {
  date: string;
  kind: string;
  name: string;
  compensate: boolean;
  active: boolean;
  verified: boolean;
  source: string;
  sourceEn: string;
}

/** Adds a day; a day already there is a unique violation (23505) for the caller to word. */
export async function addCalendarDay(em: EntityManager, day: CalendarDayInput): Promise<void> {
  await em.execute(
    `insert into calendar_day (date, kind, name, compensate, active, verified, source, source_en) values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [day.date, day.kind, day.name, day.compensate, day.active, day.verified, day.source, day.sourceEn],
  );
}

export function updateCalendarDay(em: EntityManager, day: CalendarDayInput): Promise<boolean> {
  return updated(
    em,
    `update calendar_day set kind = ?, name = ?, compensate = ?, active = ?, verified = ?, source = ?, source_en = ? where date::text = ?`,
    [day.kind, day.name, day.compensate, day.active, day.verified, day.source, day.sourceEn, day.date],
  );
}

export function updateCategory(
  em: EntityManager,
  id: string,
  category: {
    nameVi: string;
    nameEn: string;
    active: boolean;
    responsibleUnitId: number | null;
    defaultLevel: string | null;
    /** Null keeps the one set. */
    suggestionThreshold: number | null;
    /** Null keeps the one set. */
    answerApproval: boolean | null;
  },
): Promise<boolean> {
  return updated(
    em,
    `update category set name_vi = ?, name_en = ?, active = ?, responsible_unit_id = ?, default_level = ?,
            suggestion_threshold = coalesce(?, suggestion_threshold), answer_approval = coalesce(?, answer_approval)
      where id::text = ?`,
    [
      category.nameVi,
      category.nameEn,
      category.active,
      category.responsibleUnitId,
      category.defaultLevel,
      category.suggestionThreshold,
      category.answerApproval,
      id,
    ],
  );
}

export function updateSlaRule(
  em: EntityManager,
  id: string,
  rule: {
    amount: number;
    remoteAreaAmount: number | null;
    maxExtensions: number;
    verified: boolean;
    effectiveTo: string | null;
    source: string;
    sourceEn: string;
  },
): Promise<boolean> {
  return updated(
    em,
    `update sla_rule set amount = ?, remote_area_amount = ?, max_extensions = ?, verified = ?, effective_to = ?, source = ?, source_en = ? where id::text = ?`,
    [
      rule.amount,
      rule.remoteAreaAmount,
      rule.maxExtensions,
      rule.verified,
      rule.effectiveTo,
      rule.source,
      rule.sourceEn,
      id,
    ],
  );
}

/** Adds an officer account; returns its id (a taken email is a unique violation). */
export async function addUser(
  em: EntityManager,
  user: { email: string; name: string; passwordHash: string; role: string; unitId: number; language: string },
): Promise<number> {
  const [row] = await em.execute<Array<{ id: number }>>(
    `insert into app_user (email, name, password_hash, role, unit_id, language, active, created_at) values (lower(?), ?, ?, ?, ?, ?, true, now()) returning id`,
    [user.email, user.name, user.passwordHash, user.role, user.unitId, user.language],
  );
  return row!.id;
}

/**
 * Edits an account; a null password hash keeps the password. A new password, role or unit, and a
 * deactivation, raise the token version (every token issued before stops working); a new
 * password also lifts a login lock.
 */
export function updateUser(
  em: EntityManager,
  id: string,
  user: { name: string; role: string; unitId: number; language: string; active: boolean; passwordHash: string | null },
): Promise<boolean> {
  return updated(
    em,
    `update app_user set name = ?, role = ?, unit_id = ?, language = ?, active = ?,
       token_version = token_version + case when role is distinct from ? or unit_id is distinct from ? or active is distinct from ? or ?::text is not null then 1 else 0 end,
       failed_logins = case when ?::text is not null then 0 else failed_logins end,
       locked_until = case when ?::text is not null then null else locked_until end,
       password_hash = coalesce(?, password_hash)
     where id::text = ?`,
    [
      user.name,
      user.role,
      user.unitId,
      user.language,
      user.active,
      user.role,
      user.unitId,
      user.active,
      user.passwordHash,
      user.passwordHash,
      user.passwordHash,
      user.passwordHash,
      id,
    ],
  );
}

export interface ZaloOaInput {
  oaId: string;
  name: string;
  unitId: number;
  appId: string;
  oaSecretKey: string;
  appSecret: string;
  refreshToken: string;
  active: boolean;
}

/** Adds an OA; returns its id (an OA already configured is a unique violation). */
export async function addZaloOa(em: EntityManager, oa: ZaloOaInput): Promise<number> {
  const [row] = await em.execute<Array<{ id: number }>>(
    `insert into zalo_oa (oa_id, name, unit_id, app_id, oa_secret_key, app_secret, refresh_token, active, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, now()) returning id`,
    [oa.oaId, oa.name, oa.unitId, oa.appId, oa.oaSecretKey, oa.appSecret, oa.refreshToken || null, oa.active],
  );
  return row!.id;
}

/** Secrets are write-only: an empty one keeps the stored one; a new refresh token restarts the chain (the access token is dropped). */
export function updateZaloOa(em: EntityManager, id: string, oa: Omit<ZaloOaInput, 'oaId'>): Promise<boolean> {
  return updated(
    em,
    `update zalo_oa set name = ?, unit_id = ?, app_id = ?, active = ?, oa_secret_key = coalesce(nullif(?, ''), oa_secret_key), app_secret = coalesce(nullif(?, ''), app_secret),
       refresh_token = coalesce(nullif(?, ''), refresh_token), access_token = case when nullif(?, '') is null then access_token else null end where id::text = ?`,
    [oa.name, oa.unitId, oa.appId, oa.active, oa.oaSecretKey, oa.appSecret, oa.refreshToken, oa.refreshToken, id],
  );
}
