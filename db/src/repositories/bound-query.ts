import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';

/**
 * Runs SQL with its parameters bound by the PostgreSQL protocol, in the caller's transaction if
 * any. `em.execute` formats every parameter into the SQL text on our side (a 25 MB upload became a
 * 50 MB hex literal, escaped character by character: 1.4 GB of memory and 5 s for one request), so
 * statements that carry raw bytes use this instead: a Buffer travels as a binary parameter.
 * `?` placeholders, as with `em.execute`.
 */
export async function executeBound<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[],
): Promise<T[]> {
  let n = 0;
  const numbered = text.replace(/\?/g, () => `$${++n}`);
  if (n !== params.length) throw new Error(`executeBound: ${n} placeholders for ${params.length} parameters`);
  const result = await em.getKysely().executeQuery<T>(CompiledQuery.raw(numbered, [...params]));
  return [...result.rows];
}
