import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { zaloSignature } from '../src/channels/zalo/zalo-signature';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
/** Inputs per surface: 1,000 in `npm test`; `npm run bench:fuzz` asks for more. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** A property's time limit grows with its runs (bench:faults asks for many more). */
const LIMIT_MS = 60_000 + RUNS * 40;

const OA = {
  appId: '3608465249409039671',
  oaId: '3886132808788086451',
  oaSecretKey: 'oa-secret-key-shown-when-linking',
};

/**
 * Strings as an attacker or a broken client sends them: NUL and other control characters, lone
 * surrogates, right-to-left overrides, markup, SQL, huge numbers, percent-escapes, Vietnamese in
 * both normal forms.
 */
const NASTY = [
  '\u0000',
  'a\u0000b',
  '%00',
  '\u0001\u0008\u000b\u001f\u007f',
  '\ud800',
  'x\udfffy',
  '\u202egnp.exe',
  '\ufeff',
  '<script>alert(1)</script>',
  "'; drop table case_file; --",
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '1e309',
  '-0',
  '99999999999999999999999',
  'Phường Ba Đình',
  'Phu\u031bo\u031b\u0300ng Ba Đi\u0300nh',
  '=HYPERLINK("http://evil")',
  ' '.repeat(5000),
  'đ'.repeat(70_000),
];
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
);

const VALID_SUBMISSION = {
  title: 'Đèn đường hỏng ở ngõ 5',
  body: 'Ba cột đèn trên ngõ 5 phố Đội Cấn đã tắt hơn hai tuần, buổi tối rất nguy hiểm.',
  categoryCode: 'road-traffic',
  provinceCode: '01',
  communeCode: '00004',
  placeText: 'ngõ 5 Đội Cấn',
  name: 'Trần Thị Bình',
  email: 'binh.tran@example.test',
  phone: '0912345678',
  consent: true,
  language: 'vi',
};
const FIELDS = [...Object.keys(VALID_SUBMISSION), 'anonymous', 'website', '__proto__', 'constructor'];

/** A valid submission with some fields replaced by hostile values, or removed, or added. */
const hostileSubmission = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 4 }),
    fc.subarray(Object.keys(VALID_SUBMISSION), { maxLength: 3 }),
  )
  .map(([changes, removed]) => {
    const body: Record<string, unknown> = { ...VALID_SUBMISSION };
    for (const key of removed) delete body[key];
    for (const [key, value] of Object.entries(changes)) body[key] = value;
    return body;
  });

/** A value as a form field carries it (objects as JSON). */
const formValue = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
/** Percent-encodes the UTF-8 bytes (a lone surrogate, which encodeURIComponent refuses, becomes U+FFFD as a client's would). */
const pct = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** What the server answered, per surface, for the summary the tier prints. */
const tally = new Map<string, { inputs: number; serverErrors: number; statuses: Map<number, number> }>();
function count(surface: string, status: number): void {
  const entry = tally.get(surface) ?? { inputs: 0, serverErrors: 0, statuses: new Map() };
  entry.inputs += 1;
  if (status >= 500) entry.serverErrors += 1;
  entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
  tally.set(surface, entry);
}

describe('hostile input never gets a server error, and nothing is left half-stored', () => {
  let w: World;
  let officerToken: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    await w.sql(
      `insert into zalo_oa (oa_id, name, unit_id, app_id, oa_secret_key, app_secret, refresh_token, active, created_at)
       select $1, 'Phường Ba Đình', id, $2, $3, 'app-secret', 'refresh', true, now() from org_unit where code = '00004'`,
      [OA.oaId, OA.appId, OA.oaSecretKey],
    );
    officerToken = await w.login('canbo.badinh@caunoi.local');
  });
  afterAll(async () => {
    for (const [surface, t] of tally) {
      const statuses = [...t.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
      console.log(`fuzz ${surface}: ${t.inputs} inputs, ${t.serverErrors} × 5xx (${statuses.join(' ')})`);
    }
    await w?.stop();
  });

  const alive = async () => expect((await fetch(`${w.url}/healthz`)).status).toBe(200);

  it(
    'the portal API answers every submission below 500, and every 202 ends in a case or a visible refusal',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            {
              weight: 8,
              arbitrary: hostileSubmission.map((b) => ({ type: 'application/json', body: JSON.stringify(b) })),
            },
            fc.record({
              type: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', ''),
              body: nastyString,
            }),
            hostileSubmission.map((b) => ({
              type: 'application/x-www-form-urlencoded',
              body: new URLSearchParams(
                Object.entries(b).map(([k, v]): [string, string] => [k, formValue(v)]),
              ).toString(),
            })),
          ),
          async ({ type, body }) => {
            const res = await fetch(`${w.url}/api/public/submissions`, {
              method: 'POST',
              headers: type ? { 'content-type': type } : {},
              body,
            });
            count('portal API', res.status);
            const answer = await res.text();
            expect(res.status, answer).toBeLessThan(500);
            if (res.status >= 400) expect(JSON.parse(answer).error.message).toBeTruthy();
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
      await alive();
      // Every stored item was decided: a case or a refusal with its reason (none left pending or failed).
      const undecided = await w.sql(
        `select id, status, error from inbound_item where channel = 'portal' and status not in ('processed', 'rejected')`,
      );
      expect(undecided).toEqual([]);
    },
    LIMIT_MS,
  );

  it(
    'the portal form pages answer every post below 500',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileSubmission, async (fields) => {
          const form = new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, formValue(v)]));
          const res = await fetch(`${w.url}/submit`, { method: 'POST', body: form, redirect: 'manual' });
          count('portal pages', res.status);
          expect(res.status, await res.text()).toBeLessThan(500);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      await alive();
    },
    LIMIT_MS,
  );

  it(
    'the status page and the reply endpoint refuse hostile codes and keys below 500',
    async () => {
      await fc.assert(
        fc.asyncProperty(nastyString, nastyString, async (code, key) => {
          const path = `/api/public/cases/${pct(code)}?key=${pct(key)}`;
          const read = await fetch(`${w.url}${path}`);
          count('status API', read.status);
          expect(read.status).toBeLessThan(500);
          const track = await fetch(`${w.url}/track?code=${pct(code)}&key=${pct(key)}`);
          count('status page', track.status);
          expect(track.status).toBeLessThan(500);
          const reply = await fetch(`${w.url}/api/public/cases/${pct(code)}/replies`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ key, message: code }),
          });
          count('reply API', reply.status);
          expect(reply.status).toBeLessThan(500);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      await alive();
    },
    LIMIT_MS,
  );

  it(
    'the Zalo webhook refuses what is unsigned before anything runs, and answers signed nonsense below 500',
    async () => {
      const before = (await w.sql(`select count(*)::int as n from inbound_item where channel = 'zalo'`))[0].n;
      const zaloEvent = fc.record(
        {
          app_id: fc.oneof({ weight: 5, arbitrary: fc.constant(OA.appId) }, anyValue),
          oa_id: fc.oneof({ weight: 5, arbitrary: fc.constant(OA.oaId) }, anyValue),
          event_name: fc.oneof(
            fc.constantFrom('user_send_text', 'follow', 'user_send_image', 'user_submit_info'),
            anyValue,
          ),
          timestamp: fc.oneof({ weight: 5, arbitrary: fc.constant(String(Date.now())) }, anyValue),
          sender: fc.oneof(
            { weight: 5, arbitrary: fc.record({ id: fc.oneof(fc.constant('2468458835296197922'), anyValue) }) },
            anyValue,
          ),
          recipient: fc.oneof(fc.record({ id: fc.constant(OA.oaId) }), anyValue),
          message: fc.oneof(
            fc.record({ msg_id: fc.oneof(fc.uuid(), anyValue), text: anyValue }, { requiredKeys: [] }),
            anyValue,
          ),
          follower: anyValue,
          info: anyValue,
        },
        { requiredKeys: [] },
      );
      let signedStored = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            zaloEvent.map((e) => JSON.stringify(e)),
            nastyString,
            fc.constantFrom('null', '[]', '1', '"x"', '{}'),
          ),
          fc.constantFrom('signed', 'unsigned', 'garbage'),
          async (raw, signing) => {
            let parsed: any = null;
            try {
              parsed = JSON.parse(raw);
            } catch {}
            const timestamp = String(parsed?.timestamp ?? '');
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (signing === 'signed')
              headers['x-zevent-signature'] = zaloSignature(OA.appId, raw, timestamp, OA.oaSecretKey);
            if (signing === 'garbage') headers['x-zevent-signature'] = 'mac=00';
            const res = await fetch(`${w.url}/api/zalo/webhook`, { method: 'POST', headers, body: raw });
            count(`Zalo webhook (${signing})`, res.status);
            expect(res.status, await res.text()).toBeLessThan(500);
            if (signing !== 'signed') expect(res.status).toBe(401);
            if (res.status === 200) signedStored += 1;
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
      await alive();
      // Only what was signed reached the database.
      const after = (await w.sql(`select count(*)::int as n from inbound_item where channel = 'zalo'`))[0].n;
      expect(after - before).toBeLessThanOrEqual(signedStored);
      const undecided = await w.sql(
        `select id, status, error from inbound_item where channel = 'zalo' and status not in ('processed', 'rejected', 'ignored')`,
      );
      expect(undecided).toEqual([]);
    },
    LIMIT_MS,
  );

  it(
    "the officers' list answers every filter, sort and range below 500",
    async () => {
      const filter = fc.dictionary(
        fc.constantFrom(
          'id',
          'status',
          'channel',
          'unitCode',
          'categoryCode',
          'overdue',
          'escalationLevel',
          'receivedFrom',
          'receivedTo',
          'q',
          'x',
        ),
        fc.oneof(nastyString, anyValue),
        { maxKeys: 3 },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            filter.map((f) => JSON.stringify(f)),
            nastyString,
          ),
          fc.oneof(
            { weight: 4, arbitrary: fc.constant('["receivedAt","DESC"]') },
            nastyString,
            anyValue.map((v) => JSON.stringify(v) ?? ''),
          ),
          fc.oneof(
            { weight: 4, arbitrary: fc.constant('[0,24]') },
            nastyString,
            fc.tuple(fc.integer(), fc.integer()).map((r) => JSON.stringify(r)),
          ),
          async (filterParam, sort, range) => {
            const query = new URLSearchParams({ filter: filterParam, sort, range });
            const res = await fetch(`${w.url}/api/cases?${query}`, {
              headers: { authorization: `Bearer ${officerToken}` },
            });
            count("officers' list", res.status);
            expect(res.status, await res.text()).toBeLessThan(500);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
      await alive();
    },
    LIMIT_MS,
  );

  it(
    'the mail intake answers every malformed message with 250 or a permanent refusal, never 451, and each 250 is decided',
    async () => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: w.t.server.smtpPort!,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: 1,
      });
      const header = fc.tuple(
        fc.constantFrom(
          'From',
          'Subject',
          'Message-ID',
          'Content-Type',
          'Content-Transfer-Encoding',
          'In-Reply-To',
          'References',
          'To',
          'Date',
          'X-Nasty',
        ),
        fc.oneof(
          nastyString,
          fc.constantFrom(
            'multipart/mixed; boundary="b"',
            'text/plain; charset=x-unknown',
            'base64',
            'quoted-printable',
            '=?utf-8?B?4pyTIMOgIGzDoA==?=',
            '=?bogus?Q?=FF=00?=',
            '<a@b>',
            'Nguyễn <an@example.test>',
          ),
        ),
      );
      const message = fc
        .tuple(
          fc.array(header, { maxLength: 8 }),
          fc.oneof(
            nastyString,
            fc.constantFrom('--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--', '=FF=00=', '////'),
          ),
          fc.boolean(),
        )
        .map(([headers, body, crlf]) => {
          const eol = crlf ? '\r\n' : '\n';
          return Buffer.from(`${headers.map(([k, v]) => `${k}: ${v}`).join(eol)}${eol}${eol}${body}`);
        });
      await fc.assert(
        fc.asyncProperty(message, async (raw) => {
          const outcome = await transport
            .sendMail({ envelope: { from: 'an@example.test', to: ['gopy@caunoi.local'] }, raw })
            .then(
              (info) => ({ code: 250, response: info.response }),
              (error: { responseCode?: number; message: string }) => ({
                code: error.responseCode ?? 0,
                response: error.message,
              }),
            );
          count('SMTP', outcome.code);
          expect(outcome.code, outcome.response).not.toBe(0);
          expect(outcome.code >= 400 && outcome.code < 500, outcome.response).toBe(false);
          if (/accepted \(failed\)/.test(outcome.response)) {
            const [item] = await w.sql(
              `select error from inbound_item where channel = 'email' and status = 'failed' order by id desc limit 1`,
            );
            expect.fail(`accepted but not processed: ${item?.error}`);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
      transport.close();
      await alive();
      const undecided = await w.sql(
        `select id, status, error from inbound_item where channel = 'email' and status not in ('processed', 'rejected', 'ignored')`,
      );
      expect(undecided).toEqual([]);
    },
    LIMIT_MS,
  );

  it('a mail with NUL in its Message-ID and subject is taken, and the good mail behind it too', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: w.t.server.smtpPort!,
      secure: false,
      ignoreTLS: true,
    });
    const send = (raw: string) =>
      transport.sendMail({ envelope: { from: 'lan@example.test', to: ['gopy@caunoi.local'] }, raw });
    const poisoned = await send(
      'From: Lan <lan@example.test>\r\nMessage-ID: <nul\u0000id@example.test>\r\nSubject: =?utf-8?Q?C=E1=BB=91ng_=00v=E1=BB=A1?=\r\n\r\nCống vỡ ở ngõ 12, nước tràn ra đường.\u0000',
    );
    const good = await send(
      'From: Lan <lan@example.test>\r\nMessage-ID: <good@example.test>\r\nSubject: Đèn hỏng\r\n\r\nĐèn đường ngõ 3 tắt cả tuần.',
    );
    transport.close();
    expect(poisoned.response).toMatch(/250 2\.0\.0 accepted as CN\./);
    expect(good.response).toMatch(/250 2\.0\.0 accepted as CN\./);
    const [kase] = await w.sql(`select title, body from case_file where tracking_code = $1`, [
      /accepted as (\S+)/.exec(poisoned.response)![1],
    ]);
    expect(kase).toEqual({ title: 'Cống vỡ', body: 'Cống vỡ ở ngõ 12, nước tràn ra đường.' });
  });

  it('a NUL in a form field is dropped at the edge and the submission becomes a case', async () => {
    const res = await fetch(`${w.url}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...VALID_SUBMISSION, name: 'Trần\u0000 Bình', placeText: 'ngõ 5\u0000' }),
    });
    expect(res.status).toBe(201);
    const { trackingCode } = (await res.json()) as { trackingCode: string };
    const [row] = await w.sql(
      `select z.name, c.place_text from case_file c join citizen z on z.id = c.citizen_id where c.tracking_code = $1`,
      [trackingCode],
    );
    expect(row).toEqual({ name: 'Trần Bình', place_text: 'ngõ 5' });
  });
});
