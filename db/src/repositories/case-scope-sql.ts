import type { FilterQuery } from '@mikro-orm/core';
import type { CaseScope } from '@caunoi/workflows';
import type { Case } from '../entities';

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

/** The same scope as a filter of a Case query (for reads that lock the case while they check it). */
export function caseScopeFilter(scope: CaseScope): FilterQuery<Case> {
  switch (scope.kind) {
    case 'unit':
      return { owningUnit: scope.unitId };
    case 'subtree':
      return { owningUnit: { path: { $like: `${escapeLike(scope.pathPrefix)}%` } } };
    case 'all':
      return {};
  }
}
