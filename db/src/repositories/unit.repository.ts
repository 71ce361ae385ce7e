import type { EntityManager } from '@mikro-orm/postgresql';
import { placeholders } from './case-scope-sql';
import { SqlConditions } from './sql-conditions';

export interface UnitPickerRow {
  code: string;
  nameVi: string;
  nameEn: string;
  level: string;
  parentName: string | null;
}

/**
 * The unit pickers' search (named query): current units by code, by name with or without
 * diacritics (Vietnamese or English), or by level; central bodies and provinces before communes.
 */
export async function findUnitsForPicker(
  em: EntityManager,
  filter: { codes?: string[]; q?: string; level?: string },
  range: { offset: number; limit: number },
): Promise<{ rows: UnitPickerRow[]; total: number }> {
  const q = filter.q?.trim();
  const where = new SqlConditions()
    .add('u.valid_to is null')
    .addIf(!!filter.codes?.length, `u.code in (${placeholders(filter.codes?.length ?? 0)})`, ...(filter.codes ?? []))
    .addIf(
      !!q,
      `(caunoi_unaccent(lower(u.name_vi)) like '%' || caunoi_unaccent(lower(?)) || '%' or lower(u.code) = lower(?) or lower(u.name_en) like '%' || lower(?) || '%')`,
      q,
      q,
      q,
    )
    .addIf(!!filter.level, 'u.level = ?', filter.level);
  const [count, rows] = await Promise.all([
    em.execute<Array<{ total: number }>>(
      `select count(*)::int as total from org_unit u where ${where.sql}`,
      where.params,
    ),
    em.execute<UnitPickerRow[]>(
      `select u.code, u.name_vi as "nameVi", u.name_en as "nameEn", u.level, p.name_vi as "parentName" from org_unit u left join org_unit p on p.id = u.parent_id
       where ${where.sql}
       order by array_position(array['governmentOffice','ministry','ministerialAgency','province','commune']::text[], u.level::text), u.name_vi limit ? offset ?`,
      [...where.params, range.limit, range.offset],
    ),
  ]);
  return { rows, total: count[0]!.total };
}
