import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Socket, io } from 'socket.io-client';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/**
 * Every role × relation to a case × endpoint, checked against the rules as DESIGN.md §4.6 states
 * them (not against what the server happens to do): who reads a case, lists it, opens its
 * attachment, sees the citizen's contact data, accepts it, urges it, hears about it over
 * socket.io; who works the intake queue and sees the contact data in its raw items; who manages
 * accounts. Each cell is one real request; the count of cells is printed.
 */
type Role = 'officer' | 'supervisor' | 'govOffice' | 'admin';
interface Person {
  email: string;
  role: Role;
  unitCode: string;
  /** The unit's path, as org_unit has it. */
  path: string;
}
const PEOPLE: Person[] = [
  { email: 'canbo.badinh@caunoi.local', role: 'officer', unitCode: '00004', path: '/VPCP/01/00004/' },
  { email: 'truong.badinh@caunoi.local', role: 'supervisor', unitCode: '00004', path: '/VPCP/01/00004/' },
  { email: 'canbo.ngocha@caunoi.local', role: 'officer', unitCode: '00008', path: '/VPCP/01/00008/' },
  { email: 'canbo.hanoi@caunoi.local', role: 'officer', unitCode: '01', path: '/VPCP/01/' },
  { email: 'lanhdao.hanoi@caunoi.local', role: 'supervisor', unitCode: '01', path: '/VPCP/01/' },
  { email: 'canbo.bxd@caunoi.local', role: 'officer', unitCode: 'BXD', path: '/VPCP/BXD/' },
  { email: 'lanhdao.bxd@caunoi.local', role: 'supervisor', unitCode: 'BXD', path: '/VPCP/BXD/' },
  { email: 'tiepnhan.vpcp@caunoi.local', role: 'officer', unitCode: 'VPCP', path: '/VPCP/' },
  { email: 'theodoi.vpcp@caunoi.local', role: 'govOffice', unitCode: 'VPCP', path: '/VPCP/' },
  { email: 'admin@caunoi.local', role: 'admin', unitCode: 'VPCP', path: '/VPCP/' },
];

type Relation = 'owningUnit' | 'ancestorUnit' | 'none';
const relation = (p: Person, owningPath: string): Relation =>
  p.path === owningPath ? 'owningUnit' : owningPath.startsWith(p.path) ? 'ancestorUnit' : 'none';

/** The rules, one function per question. */
const RULES = {
  reads: (p: Person, r: Relation) =>
    p.role === 'govOffice' ||
    p.role === 'admin' ||
    r === 'owningUnit' ||
    (p.role === 'supervisor' && r === 'ancestorUnit'),
  seesContact: (p: Person, r: Relation) => (p.role === 'officer' || p.role === 'supervisor') && RULES.reads(p, r),
  accepts: (p: Person, r: Relation) =>
    (p.role === 'officer' && r === 'owningUnit') || (p.role === 'supervisor' && r !== 'none'),
  urges: (p: Person, r: Relation) => p.role === 'govOffice' || (p.role === 'supervisor' && r === 'ancestorUnit'),
  worksIntakeQueue: (p: Person) =>
    p.role === 'admin' || ((p.role === 'officer' || p.role === 'supervisor') && p.unitCode === 'VPCP'),
  /** Contact data in a raw item: whom may see its case's, and the reception desk for an item with no case. */
  seesRawContact: (p: Person, caseRelation: Relation | null) =>
    caseRelation === null
      ? (p.role === 'officer' || p.role === 'supervisor') && p.unitCode === 'VPCP'
      : RULES.seesContact(p, caseRelation),
  managesAccounts: (p: Person) => p.role === 'admin',
};

const CITIZEN = { name: 'Phạm Thị Hoa', email: 'hoa.pham@example.test', phone: '0987654321' };
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('the authorisation matrix', () => {
  let w: World;
  const tokens = new Map<string, string>();
  /** Cases at three places in the tree, each with an attachment: a commune, a province, another province's commune. */
  const cases: Array<{ id: number; owningPath: string; attachmentId: number; itemId: number }> = [];
  let caselessItemId: number;
  let cells = 0;

  beforeAll(async () => {
    w = await startWorld(serverUrl);
    for (const p of PEOPLE) tokens.set(p.email, await w.login(p.email));
    for (const [provinceCode, communeCode] of [
      ['01', '00004'],
      ['01', null],
      ['79', '25747'],
    ] as const) {
      const form = new FormData();
      const fields = {
        title: `Phản ánh ở ${communeCode ?? provinceCode}`,
        body: 'Rác thải đổ trộm ven đường nhiều ngày chưa được thu gom.',
        categoryCode: 'road-traffic',
        provinceCode,
        ...(communeCode ? { communeCode } : {}),
        ...CITIZEN,
        consent: 'true',
      };
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('attachments', new Blob([PNG], { type: 'image/png' }), 'anh.png');
      const res = await fetch(`${w.url}/api/public/submissions`, { method: 'POST', body: form });
      expect(res.status).toBe(201);
      const { trackingCode } = (await res.json()) as { trackingCode: string };
      const [row] = await w.sql(
        `select c.id, ou.path, a.id as attachment_id, i.id as item_id from case_file c join org_unit ou on ou.id = c.owning_unit_id
         join case_message m on m.case_id = c.id join attachment a on a.message_id = m.id
         join inbound_item i on i.case_id = c.id where c.tracking_code = $1`,
        [trackingCode],
      );
      cases.push({
        id: Number(row.id),
        owningPath: row.path,
        attachmentId: Number(row.attachment_id),
        itemId: Number(row.item_id),
      });
    }
    expect(cases.map((c) => c.owningPath)).toEqual(['/VPCP/01/00004/', '/VPCP/01/', '/VPCP/79/25747/']);
    // A refused submission: a raw item that became no case, with the citizen's contact data in it.
    const refused = await fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x', body: 'ngắn', ...CITIZEN, consent: true }),
    });
    expect(refused.status).toBe(400);
    caselessItemId = Number((await w.sql(`select max(id) as id from inbound_item where status = 'rejected'`))[0].id);
  });
  afterAll(async () => {
    console.log(
      `authorisation matrix: ${cells} cells checked (${PEOPLE.length} people × ${cases.length} cases and the queues)`,
    );
    await w?.stop();
  });

  const as = (p: Person, method: string, path: string, body?: unknown) =>
    w.api(tokens.get(p.email)!, method, path, body);
  const raw = async (p: Person, path: string) => {
    const res = await fetch(`${w.url}${path}`, { headers: { authorization: `Bearer ${tokens.get(p.email)}` } });
    return { status: res.status, text: await res.text() };
  };
  const containsContact = (text: string) => [CITIZEN.email, CITIZEN.phone, CITIZEN.name].some((s) => text.includes(s));

  it('reading, listing, attachments and contact data on every case', async () => {
    for (const p of PEOPLE)
      for (const c of cases) {
        const r = relation(p, c.owningPath);
        const cell = `${p.email} × case at ${c.owningPath} (${r})`;
        const page = await as(p, 'GET', `/api/cases/${c.id}`);
        expect(page.status, `read ${cell}`).toBe(RULES.reads(p, r) ? 200 : 404);
        const list = await as(p, 'GET', `/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [c.id] }))}`);
        expect(
          list.body.map((i: { id: number }) => i.id),
          `list ${cell}`,
        ).toEqual(RULES.reads(p, r) ? [c.id] : []);
        const file = await raw(p, `/api/cases/${c.id}/attachments/${c.attachmentId}`);
        expect(file.status, `attachment ${cell}`).toBe(RULES.reads(p, r) ? 200 : 404);
        if (RULES.reads(p, r)) {
          const text = JSON.stringify([page.body, list.body]);
          expect(containsContact(text), `contact ${cell}`).toBe(RULES.seesContact(p, r));
        }
        cells += 4;
      }
  });

  it('urging each case, and accepting a fresh one at each place', async () => {
    for (const p of PEOPLE)
      for (const c of cases) {
        const r = relation(p, c.owningPath);
        const cell = `${p.email} × case at ${c.owningPath} (${r})`;
        const version = (await w.sql(`select version from case_file where id = $1`, [c.id]))[0].version;
        const urge = await as(p, 'POST', `/api/cases/${c.id}/transitions`, {
          type: 'urge',
          note: 'Đề nghị xử lý sớm',
          version,
        });
        expect(urge.status, `urge ${cell}: ${JSON.stringify(urge.body)}`).toBe(
          RULES.urges(p, r) ? 200 : RULES.reads(p, r) ? 409 : 404,
        );
        // A fresh case in the same unit for each acceptance, so one person's acceptance does not change the next cell.
        const unitCode = c.owningPath.split('/').filter(Boolean).at(-1)!;
        const fresh = await w.submit(unitCode);
        const accept = await as(p, 'POST', `/api/cases/${fresh.caseId}/transitions`, { type: 'accept', version: 1 });
        expect(accept.status, `accept ${cell}: ${JSON.stringify(accept.body)}`).toBe(
          RULES.accepts(p, r) ? 200 : RULES.reads(p, r) ? 409 : 404,
        );
        cells += 2;
      }
  });

  it('the intake queue, and the contact data in its raw items', async () => {
    for (const p of PEOPLE) {
      const list = await as(
        p,
        'GET',
        `/api/admin/inbound?filter=${encodeURIComponent(JSON.stringify({ status: ['processed', 'rejected'] }))}&range=[0,499]`,
      );
      expect(list.status, `queue ${p.email}`).toBe(RULES.worksIntakeQueue(p) ? 200 : 403);
      cells += 1;
      if (!RULES.worksIntakeQueue(p)) {
        expect((await raw(p, `/api/admin/inbound/${caselessItemId}/raw`)).status).toBe(403);
        cells += 1;
        continue;
      }
      const items: Array<{ id: number }> = list.body;
      const targets: Array<{ itemId: number; caseRelation: Relation | null }> = [
        ...cases.map((c) => ({ itemId: c.itemId, caseRelation: relation(p, c.owningPath) })),
        { itemId: caselessItemId, caseRelation: null },
      ];
      for (const t of targets) {
        const cell = `${p.email} × item ${t.itemId} (case ${t.caseRelation ?? 'none'})`;
        const row = items.find((i) => i.id === t.itemId);
        expect(row, cell).toBeDefined();
        const download = await raw(p, `/api/admin/inbound/${t.itemId}/raw`);
        expect(download.status).toBe(200);
        const sees = RULES.seesRawContact(p, t.caseRelation);
        expect(containsContact(JSON.stringify(row)) || containsContact(download.text), `raw contact ${cell}`).toBe(
          sees,
        );
        // Redacted, the item still shows what it was (so the fault can be found).
        if (!sees) expect(download.text).toContain('[redacted]');
        cells += 2;
      }
    }
  });

  it('the escalation summary and its CSV export count only what each person may see', async () => {
    for (const p of PEOPLE) {
      const report = await as(p, 'GET', '/api/reports/escalations');
      expect(report.status, p.email).toBe(200);
      // Oversight sees the country; a unit sees its own subtree, as aggregates (workflows' reportScopeFor).
      const national = p.role === 'govOffice' || p.role === 'admin';
      const [{ n }] = await w.sql(
        `select count(*)::int as n from case_file c join org_unit ou on ou.id = c.owning_unit_id where ou.path like $1`,
        [national ? '/%' : `${p.path}%`],
      );
      expect(report.body.total.received, `${p.email} counts`).toBe(n);
      const csv = await raw(p, '/api/reports/escalations.csv');
      expect(csv.status).toBe(200);
      const seesHcm = national || '/VPCP/79/25747/'.startsWith(p.path);
      expect(csv.text.includes('\n79,'), `${p.email} CSV has a TP Hồ Chí Minh row`).toBe(seesHcm);
      cells += 2;
    }
  });

  it('account management', async () => {
    for (const p of PEOPLE) {
      const res = await as(p, 'GET', '/api/admin/reference/users');
      expect(res.status, p.email).toBe(RULES.managesAccounts(p) ? 200 : 403);
      cells += 1;
    }
  });

  it('live updates over socket.io: each case reaches whom may read it, with contact data only for its units', async () => {
    const sockets: Array<{ p: Person; socket: Socket; got: any[] }> = [];
    for (const p of PEOPLE) {
      const socket = io(w.url, {
        path: '/socket.io',
        auth: { token: tokens.get(p.email) },
        transports: ['websocket'],
        forceNew: true,
      });
      const got: any[] = [];
      socket.on('case.updated', (payload: unknown) => got.push(payload));
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      sockets.push({ p, socket, got });
    }
    try {
      const gov = PEOPLE.find((p) => p.role === 'govOffice')!;
      for (const c of cases) {
        const version = (await w.sql(`select version from case_file where id = $1`, [c.id]))[0].version;
        expect(
          (await as(gov, 'POST', `/api/cases/${c.id}/transitions`, { type: 'urge', note: 'Nhắc lần hai', version }))
            .status,
        ).toBe(200);
      }
      await w.t.server.jobs.drain();
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const { p, got } of sockets)
        for (const c of cases) {
          const r = relation(p, c.owningPath);
          const heard = got.filter((e) => e.id === c.id);
          expect(heard.length > 0, `socket ${p.email} × ${c.owningPath}`).toBe(RULES.reads(p, r));
          if (heard.length)
            expect(containsContact(JSON.stringify(heard)), `socket contact ${p.email}`).toBe(RULES.seesContact(p, r));
          cells += 1;
        }
    } finally {
      for (const { socket } of sockets) socket.close();
    }
  });
});
