import { Migration } from '@mikro-orm/migrations';

/**
 * The provinces each concern's cases come from, with the latest case from each (issue: national
 * scale). The surge rule asks how many provinces a concern's cases of the window come from; the
 * count read every member case of the window for each new case: 9.5 ms a case at 1,500 alike
 * cases, and a flood from one province (which never surges) paid it for every case. With this
 * table the provinces of the window are the rows whose latest case is in it: at most 34.
 */
export class Migration20261207000000_concern_provinces extends Migration {
  override name = 'Migration20261207000000_concern_provinces';

  override up(): void | Promise<void> {
    this.addSql(`create table "concern_province" (
      "cluster_id" int not null references "concern_cluster" ("id") on delete cascade,
      "province_code" varchar(20) not null,
      "last_case_at" timestamptz not null,
      primary key ("cluster_id", "province_code"));`);
    // The provinces of the cases already in concerns: as the count read them (the province a case
    // names, else its owning unit's).
    this.addSql(`insert into "concern_province" ("cluster_id", "province_code", "last_case_at")
      select m.cluster_id, p.code, max(c.received_at)
        from case_concern m join case_file c on c.id = m.case_id
        join org_unit ou on ou.id = c.owning_unit_id left join org_unit pr on pr.id = c.province_id
        cross join lateral (select coalesce(pr.code, case when ou.level in ('province', 'commune') then split_part(ou.path, '/', 3) end) as code) p
       where p.code is not null
       group by 1, 2;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table "concern_province";`);
  }
}
