import type pg from 'pg';
import type { Role } from '@caunoi/workflows';
import { hashPassword } from '@caunoi/db';

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role;
  unitCode: string;
}

/** One password for every demo login: printed by `npm start` and listed at /api/dev/demo-accounts. */
export const DEMO_PASSWORD = 'caunoi-demo';

/**
 * Demo logins: a commune (Phường Ba Đình, 00004), its province (Hà Nội, 01), a ministry (Bộ Xây
 * dựng) and the Government Office, with every role represented.
 */
export const demoAccounts: DemoAccount[] = [
  {
    email: 'canbo.badinh@caunoi.local',
    password: DEMO_PASSWORD,
    name: 'Nguyễn Thu Hà',
    role: 'officer',
    unitCode: '00004',
  },
  {
    email: 'truong.badinh@caunoi.local',
    password: DEMO_PASSWORD,
    name: 'Trần Quang Minh',
    role: 'supervisor',
    unitCode: '00004',
  },
  { email: 'canbo.hanoi@caunoi.local', password: DEMO_PASSWORD, name: 'Lê Hoài Nam', role: 'officer', unitCode: '01' },
  {
    email: 'lanhdao.hanoi@caunoi.local',
    password: DEMO_PASSWORD,
    name: 'Phạm Ngọc Lan',
    role: 'supervisor',
    unitCode: '01',
  },
  { email: 'canbo.bxd@caunoi.local', password: DEMO_PASSWORD, name: 'Vũ Đức Long', role: 'officer', unitCode: 'BXD' },
  {
    email: 'lanhdao.bxd@caunoi.local',
    password: DEMO_PASSWORD,
    name: 'Đặng Thanh Tâm',
    role: 'supervisor',
    unitCode: 'BXD',
  },
  {
    email: 'tiepnhan.vpcp@caunoi.local',
    password: DEMO_PASSWORD,
    name: 'Hoàng Minh Châu',
    role: 'officer',
    unitCode: 'VPCP',
  },
  {
    email: 'theodoi.vpcp@caunoi.local',
    password: DEMO_PASSWORD,
    name: 'Bùi Xuân Sơn',
    role: 'govOffice',
    unitCode: 'VPCP',
  },
  { email: 'admin@caunoi.local', password: DEMO_PASSWORD, name: 'Quản trị hệ thống', role: 'admin', unitCode: 'VPCP' },
];

/**
 * Creates the demo logins whose unit exists (Phường Ba Đình needs the full unit list); returns
 * the accounts created or already present. Existing accounts keep their password.
 */
export async function seedDemoAccounts(client: pg.ClientBase): Promise<DemoAccount[]> {
  const { rows } = await client.query<{ code: string }>('select code from org_unit where code = any($1::text[])', [
    demoAccounts.map((a) => a.unitCode),
  ]);
  const existingUnits = new Set(rows.map((r) => r.code));
  const available = demoAccounts.filter((a) => existingUnits.has(a.unitCode));
  const { rows: present } = await client.query<{ email: string }>(
    'select email from app_user where email = any($1::text[])',
    [available.map((a) => a.email)],
  );
  const presentEmails = new Set(present.map((r) => r.email));
  for (const account of available.filter((a) => !presentEmails.has(a.email))) {
    await client.query(
      `insert into app_user (email, name, password_hash, role, unit_id, language, active, created_at)
       select $1, $2, $3, $4, id, 'vi', true, now() from org_unit where code = $5
       on conflict (email) do nothing`,
      [account.email, account.name, await hashPassword(account.password), account.role, account.unitCode],
    );
  }
  return available;
}
