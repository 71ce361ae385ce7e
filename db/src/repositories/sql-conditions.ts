/**
 * The WHERE clause of a named query, built from optional filters: each condition carries its own
 * `?` parameters, so the SQL and the parameter list cannot drift apart.
 */
export class SqlConditions {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  /** Adds `sql` with its parameters when `when` holds. */
  addIf(when: boolean, sql: string, ...params: unknown[]): this {
    if (when) {
      this.parts.push(sql);
      this.params.push(...params);
    }
    return this;
  }

  add(sql: string, ...params: unknown[]): this {
    return this.addIf(true, sql, ...params);
  }

  get sql(): string {
    return this.parts.length ? this.parts.join(' and ') : 'true';
  }
}
