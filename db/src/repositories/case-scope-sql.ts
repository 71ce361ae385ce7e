import type { CaseScope } from '@caunoi/workflows';

/**
 * A jurisdiction scope as a SQL condition over `c` (case_file) joined with `ou` (its owning
 * org_unit). Every case query includes it: an out-of-scope case is simply not found.
 */
export function scopeCondition(scope: CaseScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'unit':
      return { sql: 'c.owning_unit_id = ?', params: [scope.unitId] };
    case 'subtree':
      return { sql: 'ou.path like ?', params: [`${escapeLike(scope.pathPrefix)}%`] };
    case 'all':
      return { sql: 'true', params: [] };
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** `?, ?, ?` for n values: the driver here does not bind JS arrays as PostgreSQL arrays. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
