import pg from 'pg';
import { hashPassword } from '@caunoi/db';
import { DEMO_PASSWORD, seedDemoAccounts, seedReferenceData } from '@caunoi/seeds';
import type { CaseEvent, TransitionFacts } from '@caunoi/workflows';
import { type EventSource, applyCaseEvent } from '../src/transitions/apply-case-event';
import { type SubmissionInput, submitCase } from '../src/transitions/submit-case';
import { createSlaContextLoader } from '../src/transitions/sla-context';
import { type TestServer, startTestServer } from './helpers';

/**
 * A small country for the API tests: the reference data with the 34 provinces, three communes
 * (two in Hà Nội, one in TP Hồ Chí Minh), the demo officers and one more officer in Phường Ngọc
 * Hà, on a real server over a database of its own.
 */
export interface World {
  t: TestServer;
  url: string;
  login(email: string): Promise<string>;
  api(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  submit(
    routeTo: string | null,
    overrides?: Partial<SubmissionInput>,
  ): Promise<{ caseId: number; trackingCode: string; accessKey: string }>;
  /** A citizen's or the system's event, through the same entry point the channels and the sweeper use. */
  caseEvent(caseId: number, event: CaseEvent, source: EventSource, facts?: TransitionFacts): Promise<void>;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** The plain client behind `sql`, for bulk loaders such as the demo generator. */
  pg: pg.Client;
  stop(): Promise<void>;
}

export const COMMUNES = {
  baDinh: { code: '00004', name: 'Phường Ba Đình', province: '01' },
  ngocHa: { code: '00008', name: 'Phường Ngọc Hà', province: '01' },
  thuDauMot: { code: '25747', name: 'Phường Thủ Dầu Một', province: '79' },
};

export async function startWorld(serverUrl: string, env: Record<string, string> = {}): Promise<World> {
  const t = await startTestServer(serverUrl, env);
  const client = new pg.Client({ connectionString: t.db.url });
  await client.connect();
  await seedReferenceData(client, { adminUnitsPath: null, legacyMapPath: null });
  for (const c of Object.values(COMMUNES)) {
    await client.query(
      `insert into org_unit (code, name_vi, name_en, level, kind, parent_id, path, valid_from, created_at)
       select $1::text, $2, $2, 'commune', 'phường', id, path || $1::text || '/', '2025-07-01', now() from org_unit where code = $3`,
      [c.code, c.name, c.province],
    );
  }
  await seedDemoAccounts(client);
  await client.query(
    `insert into app_user (email, name, password_hash, role, unit_id, language, active, created_at)
     select 'canbo.ngocha@caunoi.local', 'Đỗ Minh Quân', $1, 'officer', id, 'vi', true, now() from org_unit where code = '00008'`,
    [await hashPassword(DEMO_PASSWORD)],
  );
  const loadSla = createSlaContextLoader();
  let submitted = 0;

  const world: World = {
    t,
    url: t.server.url,
    async login(email) {
      const res = await world.api(null, 'POST', '/api/auth/login', { email, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async api(token, method, path, body) {
      const res = await fetch(`${t.server.url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
    async submit(routeTo, overrides = {}) {
      submitted += 1;
      const commune = Object.values(COMMUNES).find((c) => c.code === routeTo);
      return submitCase(
        t.db.orm.em.fork(),
        loadSla,
        {
          title: `Đường ngập nước số ${submitted}`,
          // People write in their own words: many submissions here are not a copy-paste campaign.
          body: FLOODING[submitted % FLOODING.length]!,
          language: 'vi',
          channel: 'portal',
          categoryCode: 'road-traffic',
          provinceCode: commune?.province ?? null,
          communeCode: commune?.code ?? null,
          placeText: null,
          citizen: {
            name: 'Nguyễn Văn An',
            email: 'an.nguyen@example.test',
            phone: '0912345678',
            zaloIds: { '579745863508352884': '8400000000000001' },
          },
          anonymous: false,
          receivingUnitCode: 'VPCP',
          routeToUnitCode: routeTo,
          receivedAt: new Date(),
          ...overrides,
        },
        { accessKeySecret: t.config.authSecret },
      );
    },
    async caseEvent(caseId, event, source, facts = {}) {
      await applyCaseEvent(t.db.orm.em.fork(), loadSla, caseId, event, source, facts);
    },
    pg: client,
    async sql(text, params = []) {
      return (await client.query(text, params)).rows;
    },
    async stop() {
      await client.end();
      await t.stop();
    },
  };
  return world;
}

/** Twelve citizens' own words about the same kind of matter (world.submit's bodies). */
const FLOODING = [
  'Mưa lớn làm ngập đoạn đường trước trường học, đề nghị khơi thông cống.',
  'Cứ mưa là nước tràn vào nhà dân ở đầu ngõ, cống thoát nước bị tắc lâu rồi.',
  'Đoạn đường cạnh chợ ngập sâu nửa mét sau trận mưa chiều qua, xe máy chết máy hàng loạt.',
  'Nắp cống bị vỡ, nước không thoát được, trẻ em đi học phải lội nước.',
  'Khu tập thể chúng tôi bị ngập mỗi khi triều cường, xin cơ quan chức năng nạo vét kênh.',
  'Hệ thống thoát nước mới làm nhưng vẫn ngập, đề nghị kiểm tra chất lượng công trình.',
  'Nước mưa đọng thành vũng lớn giữa đường, muỗi sinh sôi, nguy cơ sốt xuất huyết.',
  'Đường vào trạm y tế xã ngập, người bệnh không đi được, mong sớm xử lý.',
  'Sau khi nâng cốt đường, nhà hai bên thấp hơn nên nước chảy hết vào nhà.',
  'Mương thoát nước đầy rác và bùn, gặp mưa là tràn lên mặt đường.',
  'Gầm cầu vượt ngập mỗi lần mưa to, nhiều người đi qua bị ngã.',
  'Cửa xả ra sông bị bịt kín do công trình xây dựng bên cạnh, cả khu phố ngập.',
];
