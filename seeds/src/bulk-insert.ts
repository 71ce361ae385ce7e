import type pg from 'pg';

export interface ColumnSpec {
  name: string;
  /** PostgreSQL type of the column's array parameter element: text, int, bool, date, timestamptz, jsonb… */
  type: string;
}

export interface BulkInsertOptions {
  /** Columns of a unique constraint: turns the insert into an upsert. */
  conflict?: string[];
  /** Columns to overwrite on conflict (default: all but the conflict columns); [] means do nothing. */
  update?: string[];
}

/**
 * Inserts many rows with one parameter per column (`unnest` of arrays), so a batch of thousands of
 * rows is a single statement whatever its size: PostgreSQL's 65,535-parameter limit never bites,
 * and the statement text is the same for every batch.
 */
export async function bulkInsert(
  client: pg.ClientBase,
  table: string,
  columns: ColumnSpec[],
  rows: unknown[][],
  options: BulkInsertOptions = {},
): Promise<number> {
  if (!rows.length) return 0;
  const params = columns.map((_, c) => rows.map((row) => row[c] ?? null));
  const names = columns.map((col) => `"${col.name}"`).join(', ');
  const unnest = columns.map((col, i) => `$${i + 1}::${col.type}[]`).join(', ');
  let sql = `insert into "${table}" (${names}) select * from unnest(${unnest})`;
  if (options.conflict) {
    const update = options.update ?? columns.map((c) => c.name).filter((n) => !options.conflict!.includes(n));
    sql += ` on conflict (${options.conflict.map((c) => `"${c}"`).join(', ')}) `;
    sql += update.length ? `do update set ${update.map((c) => `"${c}" = excluded."${c}"`).join(', ')}` : 'do nothing';
  }
  const result = await client.query(sql, params);
  return result.rowCount ?? 0;
}
