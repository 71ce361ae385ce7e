import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

describe('the unit picker searches the current units', () => {
  let w: World;
  let token: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    token = await w.login('truong.badinh@caunoi.local');
  });
  afterAll(() => w?.stop());

  it('finds a commune with or without diacritics, labelled with its province, and by code', async () => {
    const plain = await w.api(token, 'GET', `/api/units?filter=${encodeURIComponent('{"q":"ngoc ha"}')}`);
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual([
      expect.objectContaining({ id: '00008', label: 'Phường Ngọc Hà — Thành phố Hà Nội', level: 'commune' }),
    ]);
    const accented = await w.api(token, 'GET', `/api/units?filter=${encodeURIComponent('{"q":"Ngọc Hà"}')}`);
    expect(accented.body.map((u: { id: string }) => u.id)).toEqual(['00008']);
    const byCode = await w.api(token, 'GET', `/api/units?filter=${encodeURIComponent('{"id":["01","BXD"]}')}`);
    expect(byCode.body.map((u: { id: string }) => u.id).sort()).toEqual(['01', 'BXD']);
    expect(byCode.headers.get('content-range')).toBe('units 0-1/2');
  });

  it('lists central bodies and provinces before communes, and needs a login', async () => {
    const all = await w.api(token, 'GET', '/api/units?range=[0,99]');
    const levels = all.body.map((u: { level: string }) => u.level);
    expect(levels.indexOf('commune')).toBeGreaterThan(levels.lastIndexOf('province'));
    expect((await w.api(null, 'GET', '/api/units')).status).toBe(401);
  });
});

describe('the administrator’s reference screens', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  it('walk the unit tree, list SLA rules with their sources and the calendar of a year, for administrators only', async () => {
    const admin = await w.login('admin@caunoi.local');
    const q = (filter: object) => encodeURIComponent(JSON.stringify(filter));
    const hanoi = await w.api(admin, 'GET', `/api/admin/reference/org-units?filter=${q({ parentCode: '01' })}`);
    expect(hanoi.body.map((u: { code: string }) => u.code)).toEqual(['00004', '00008']);
    const top = await w.api(
      admin,
      'GET',
      `/api/admin/reference/org-units?filter=${q({ parentCode: 'VPCP' })}&range=[0,99]`,
    );
    expect(top.body.find((u: { code: string }) => u.code === '01')).toMatchObject({ level: 'province', childCount: 2 });
    const rules = await w.api(admin, 'GET', '/api/admin/reference/sla-rules?range=[0,99]');
    expect(rules.body.length).toBeGreaterThanOrEqual(20);
    expect(rules.body.length).toBeGreaterThan(0);
    expect(rules.body.filter((r: { source: string }) => !r.source)).toEqual([]);
    // The basis is cited in Vietnamese, with its English translation beside it.
    const transfer = rules.body.find((r: { code: string }) => r.code === 'pakn.transfer');
    expect(transfer.source).toMatch(/^Nghị định 20\/2008\/NĐ-CP Điều 9\.1\.d/);
    expect(transfer.sourceEn).toMatch(/^Decree 20\/2008\/NĐ-CP Art\. 9\.1\.d/);
    const unverified = rules.body.find((r: { code: string }) => r.code === 'complaint.resolve');
    expect(unverified.source).toContain('[CHƯA ĐỐI CHIẾU]');
    expect(unverified.sourceEn).toContain('[UNVERIFIED]');
    expect(rules.body.filter((r: { source: string }) => /\b(Decree|Law on|policy)\b/.test(r.source))).toEqual([]);
    const days = await w.api(
      admin,
      'GET',
      `/api/admin/reference/calendar-days?filter=${q({ year: 2026 })}&range=[0,99]`,
    );
    expect(days.body.map((d: { date: string }) => d.date)).toContain('2026-09-02');
    const bad = await w.api(admin, 'GET', `/api/admin/reference/users?filter=${q({ colour: 'red' })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('filter.colour');

    const officer = await w.login('canbo.badinh@caunoi.local');
    expect((await w.api(officer, 'GET', '/api/admin/reference/users')).status).toBe(403);
  });
});

describe('administrators change reference data', () => {
  let w: World;
  let admin: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    admin = await w.login('admin@caunoi.local');
  });
  afterAll(() => w?.stop());

  it('confirm a yearly holiday against the notice, and add a day the Prime Minister moved', async () => {
    const [unverified] = await w.sql(
      `select date::text as date, kind, name, compensate, active, source from calendar_day where not verified order by date limit 1`,
    );
    const res = await w.api(admin, 'PUT', `/api/admin/reference/calendar-days/${unverified.date}`, {
      ...unverified,
      verified: true,
      source: `${unverified.source}; checked against the PM's notice`,
    });
    expect(res.status).toBe(200);
    expect(
      (await w.sql('select verified from calendar_day where date::text = $1', [unverified.date]))[0].verified,
    ).toBe(true);
    const added = await w.api(admin, 'POST', '/api/admin/reference/calendar-days', {
      date: '2027-05-03',
      kind: 'holiday',
      name: 'Nghỉ bù',
      source: 'Thông báo 123/TB-VPCP',
    });
    expect(added.status).toBe(201);
    expect(
      (
        await w.api(admin, 'POST', '/api/admin/reference/calendar-days', {
          date: '2027-05-03',
          kind: 'holiday',
          name: 'Nghỉ bù',
          source: 'x x x',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await w.api(admin, 'POST', '/api/admin/reference/calendar-days', {
          date: '3 May',
          kind: 'holiday',
          name: 'Nghỉ',
          source: 'abc',
        })
      ).body.error.fields[0].field,
    ).toBe('date');
  });

  it('add an officer who can then log in, and deactivate them; an administrator cannot lock themself out', async () => {
    const created = await w.api(admin, 'POST', '/api/admin/reference/users', {
      email: 'Moi.Canbo@caunoi.local',
      name: 'Cán bộ Mới',
      role: 'officer',
      unitCode: '00008',
      password: 'mat-khau-du-dai',
    });
    expect(created.status).toBe(201);
    const login = await w.api(null, 'POST', '/api/auth/login', {
      email: 'moi.canbo@caunoi.local',
      password: 'mat-khau-du-dai',
    });
    expect(login.status).toBe(200);
    expect(login.body.officer.unit.code).toBe('00008');
    expect(
      (
        await w.api(admin, 'POST', '/api/admin/reference/users', {
          email: 'moi.canbo@caunoi.local',
          name: 'Trùng',
          role: 'officer',
          unitCode: '00008',
          password: 'mat-khau-du-dai',
        })
      ).status,
    ).toBe(409);

    expect(
      (
        await w.api(admin, 'PUT', `/api/admin/reference/users/${created.body.id}`, {
          name: 'Cán bộ Mới',
          role: 'officer',
          unitCode: '00008',
          language: 'vi',
          active: false,
        })
      ).status,
    ).toBe(200);
    expect(
      (await w.api(null, 'POST', '/api/auth/login', { email: 'moi.canbo@caunoi.local', password: 'mat-khau-du-dai' }))
        .status,
    ).toBe(401);

    const [me] = await w.sql(`select id from app_user where email = 'admin@caunoi.local'`);
    const lockout = await w.api(admin, 'PUT', `/api/admin/reference/users/${me.id}`, {
      name: 'Admin',
      role: 'officer',
      unitCode: 'VPCP',
      language: 'vi',
      active: true,
    });
    expect(lockout.status).toBe(400);
    expect(lockout.body.error.fields[0].field).toBe('role');
  });

  it('bind a new Zalo OA to a commune, keeping its secrets write-only, and change an SLA rule with its source', async () => {
    const oa = await w.api(admin, 'POST', '/api/admin/reference/zalo-oas', {
      oaId: '1234567890123456789',
      name: 'OA Phường Ngọc Hà',
      unitCode: '00008',
      appId: '9876543210987654321',
      oaSecretKey: 'secret-of-the-oa',
      appSecret: 'secret-of-the-app',
    });
    expect(oa.status).toBe(201);
    const read = await w.api(admin, 'GET', `/api/admin/reference/zalo-oas/${oa.body.id}`);
    expect(JSON.stringify(read.body)).not.toContain('secret');
    expect(
      (
        await w.api(admin, 'PUT', `/api/admin/reference/zalo-oas/${oa.body.id}`, {
          oaId: '1234567890123456789',
          name: 'OA Ngọc Hà',
          unitCode: '00008',
          appId: '9876543210987654321',
          active: true,
        })
      ).status,
    ).toBe(200);
    expect((await w.sql('select oa_secret_key, name from zalo_oa where id = $1', [oa.body.id]))[0]).toEqual({
      oa_secret_key: 'secret-of-the-oa',
      name: 'OA Ngọc Hà',
    });

    const [rule] = await w.sql(`select id from sla_rule where code = 'pakn.resolve'`);
    const edited = await w.api(admin, 'PUT', `/api/admin/reference/sla-rules/${rule.id}`, {
      amount: 12,
      maxExtensions: 1,
      verified: true,
      source: 'Quyết định thử nghiệm',
    });
    expect(edited.status).toBe(200);
    expect((await w.sql('select amount from sla_rule where id = $1', [rule.id]))[0].amount).toBe(12);

    const officer = await w.login('canbo.badinh@caunoi.local');
    expect(
      (
        await w.api(officer, 'PUT', `/api/admin/reference/sla-rules/${rule.id}`, {
          amount: 1,
          maxExtensions: 0,
          verified: true,
          source: 'xxx',
        })
      ).status,
    ).toBe(403);
  });
});

describe('an administrator retargets a category', () => {
  it('changes the ministry that routing sends it to, and a new submission follows', async () => {
    const w = await startWorld(serverUrl);
    try {
      const admin = await w.login('admin@caunoi.local');
      const [category] = await w.sql(
        `select id, code, name_vi, name_en from category where responsible_unit_id is not null order by id limit 1`,
      );
      const res = await w.api(admin, 'PUT', `/api/admin/reference/categories/${category.id}`, {
        nameVi: category.name_vi,
        nameEn: category.name_en,
        active: true,
        responsibleUnit: 'BXD',
        defaultLevel: 'ministry',
      });
      expect(res.status).toBe(200);
      const read = await w.api(admin, 'GET', `/api/admin/reference/categories/${category.id}`);
      expect(read.body).toMatchObject({ responsibleUnit: 'BXD', defaultLevel: 'ministry' });
      const submitted = await fetch(`${w.url}/api/public/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Kiến nghị về quy định',
          body: 'Đề nghị sửa đổi quy định cho phù hợp thực tế.',
          categoryCode: category.code,
          provinceCode: '01',
        }),
      });
      const { trackingCode } = (await submitted.json()) as { trackingCode: string };
      const [kase] = await w.sql(
        'select ou.code from case_file c join org_unit ou on ou.id = c.owning_unit_id where c.tracking_code = $1',
        [trackingCode],
      );
      expect(kase.code).toBe('BXD');
      const wrong = await w.api(admin, 'PUT', `/api/admin/reference/categories/${category.id}`, {
        nameVi: 'x',
        nameEn: 'y',
        active: true,
      });
      expect(wrong.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['nameVi', 'nameEn']);
    } finally {
      await w.stop();
    }
  });
});
