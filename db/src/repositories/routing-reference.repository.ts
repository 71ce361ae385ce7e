import type { EntityManager } from '@mikro-orm/postgresql';
import type { LegalTrack, OrgUnitLevel } from '@caunoi/workflows';

/** What routing reads of the reference data, as plain rows (kept in memory by intake). */
export interface RoutingReferenceRows {
  revision: number;
  /** Current units only (valid_to is null). */
  units: Array<{ code: string; level: OrgUnitLevel; parentCode: string | null }>;
  /** Active categories. */
  categories: Array<{
    code: string;
    legalTrack: LegalTrack;
    defaultLevel: OrgUnitLevel | null;
    responsibleUnitCode: string | null;
  }>;
  /** Active routing rules. */
  rules: Array<{
    categoryCode: string | null;
    legalTrack: LegalTrack | null;
    provinceCode: string | null;
    unitCode: string;
  }>;
}

/** The reference data's revision, raised in the transaction of every change (see the reference_revision migration). */
export async function readReferenceRevision(em: EntityManager): Promise<number> {
  const [row] = await em.execute<Array<{ revision: string }>>(`select revision from reference_revision where id = 1`);
  return Number(row?.revision ?? 0);
}

/**
 * All of it, with the revision read first, on the caller's connection (inside its transaction, if
 * any: never a second connection). A change committed between the statements only makes the data
 * newer than its revision, and the next look at the revision loads it again.
 */
export async function loadRoutingReference(tx: EntityManager): Promise<RoutingReferenceRows> {
  const revision = await readReferenceRevision(tx);
  const units = await tx.execute<Array<{ code: string; level: OrgUnitLevel; parent_code: string | null }>>(
    `select u.code, u.level, p.code as parent_code from org_unit u left join org_unit p on p.id = u.parent_id
         where u.valid_to is null`,
  );
  const categories = await tx.execute<
    Array<{ code: string; legal_track: LegalTrack; default_level: OrgUnitLevel | null; responsible: string | null }>
  >(
    `select c.code, c.legal_track, c.default_level, r.code as responsible
         from category c left join org_unit r on r.id = c.responsible_unit_id where c.active`,
  );
  const rules = await tx.execute<
    Array<{ category: string | null; legal_track: LegalTrack | null; province: string | null; unit: string }>
  >(
    `select c.code as category, r.legal_track, p.code as province, u.code as unit
         from routing_rule r
         left join category c on c.id = r.category_id
         left join org_unit p on p.id = r.province_id
         join org_unit u on u.id = r.unit_id
         where r.active order by r.id`,
  );
  return {
    revision,
    units: units.map((u) => ({ code: u.code, level: u.level, parentCode: u.parent_code })),
    categories: categories.map((c) => ({
      code: c.code,
      legalTrack: c.legal_track,
      defaultLevel: c.default_level,
      responsibleUnitCode: c.responsible,
    })),
    rules: rules.map((r) => ({
      categoryCode: r.category,
      legalTrack: r.legal_track,
      provinceCode: r.province,
      unitCode: r.unit,
    })),
  };
}
