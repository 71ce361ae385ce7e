import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FakeZalo, startFakeZalo } from '../src/dev/fake-zalo';
import { runWaitingJobsNow } from '@caunoi/db';
import { TASKS } from '../src/transitions/delivery-jobs';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

// Ids longer than 2^53, as Zalo's are.
const OA = {
  appId: '3608465249409039671',
  appSecret: 'app-secret-from-the-console',
  oaId: '3886132808788086451',
  oaSecretKey: 'oa-secret-key-shown-when-linking',
  refreshToken: 'first-refresh-token',
};
const USER = '2468458835296197922';

describe('citizens write to a commune’s Zalo Official Account', () => {
  let w: World;
  let zalo: FakeZalo;
  beforeAll(async () => {
    zalo = await startFakeZalo({ apps: [OA], retryDelaysMs: [20, 20], deliveryReceipts: false });
    w = await startWorld(serverUrl, { ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url });
    // The OA of Phường Ba Đình, as an admin configures it.
    await w.sql(
      `insert into zalo_oa (oa_id, name, unit_id, app_id, oa_secret_key, app_secret, refresh_token, active, created_at)
       select $1, 'Phường Ba Đình', id, $2, $3, $4, $5, true, now() from org_unit where code = '00004'`,
      [OA.oaId, OA.appId, OA.oaSecretKey, OA.appSecret, OA.refreshToken],
    );
    zalo.setWebhookUrl(`${w.url}/api/zalo/webhook`);
  });
  afterAll(async () => {
    await w?.stop();
    await zalo?.stop();
  });

  const deliver = () => w.t.server.jobs.drain();
  const sentTo = (userId: string) => zalo.sent.filter((m) => m.userId === userId);
  const caseOfUser = async (userId: string) =>
    await w.sql(
      `select c.id, c.tracking_code, c.status, c.title, c.body, ou.code as unit from case_file c join citizen z on z.id = c.citizen_id join org_unit ou on ou.id = c.owning_unit_id where z.zalo_ids ->> $1 = $2 order by c.id`,
      [OA.oaId, userId],
    );

  it('opens a case at the OA’s unit on a first message and acknowledges it on Zalo with the tracking code', async () => {
    const event = zalo.userEvent('user_send_text', USER, {
      text: 'Đèn đường ngõ 5 Đội Cấn tắt hai tuần nay\nĐề nghị sửa sớm.',
    });
    const [delivery] = await zalo.emit(event);
    expect(delivery!.status).toBe(200);
    const [kase] = await caseOfUser(USER);
    expect(kase).toMatchObject({ status: 'routed', unit: '00004', title: 'Đèn đường ngõ 5 Đội Cấn tắt hai tuần nay' });

    await deliver();
    const [ack] = sentTo(USER);
    expect(ack!.text).toContain(kase.tracking_code);
    expect(ack!.text).toMatch(/Mã tra cứu: [2-9A-Z]{10}/);
    // The first send refreshed the token; the rotated refresh token is stored for the next time.
    expect(zalo.refreshCount()).toBe(1);
    const [oa] = await w.sql('select refresh_token, access_token from zalo_oa where oa_id = $1', [OA.oaId]);
    expect(oa.refresh_token).not.toBe(OA.refreshToken);
    expect(oa.access_token).toBeTruthy();

    // Zalo delivers at least once: the same msg_id again changes nothing and is not acknowledged twice.
    const [again] = await zalo.emit(event);
    expect(again!.status).toBe(200);
    await deliver();
    expect(await caseOfUser(USER)).toHaveLength(1);
    expect(sentTo(USER)).toHaveLength(1);
  });

  it('refuses an event with a forged signature with 401 and stores nothing', async () => {
    const before = (await w.sql(`select count(*)::int as n from inbound_item where channel = 'zalo'`))[0].n;
    const status = await zalo.emitForged(zalo.userEvent('user_send_text', USER, { text: 'giả mạo' }));
    expect(status).toBe(401);
    expect((await w.sql(`select count(*)::int as n from inbound_item where channel = 'zalo'`))[0].n).toBe(before);
    const tampered = await fetch(`${w.url}/api/zalo/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' },
      body: '{"event_name":"user_send_text"}',
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('adds later messages to the open case, opens a new one on #moi, and describes photos and places', async () => {
    await zalo.emit(zalo.userEvent('user_send_text', USER, { text: 'Thêm: cột số 3 bị nghiêng.' }));
    const [first] = await caseOfUser(USER);
    const [{ type }] = await w.sql('select type from case_event where case_id = $1 order by seq desc limit 1', [
      first.id,
    ]);
    expect(type).toBe('CITIZEN_MESSAGE');
    // Every message gets an answer: the citizen is told it joined their case.
    await deliver();
    expect(sentTo(USER).at(-1)!.text).toContain(`Đã nhận tin nhắn của bạn và chuyển vào hồ sơ ${first.tracking_code}`);

    await zalo.emit(
      zalo.userEvent('user_send_image', USER, {
        text: '#moi Rác ở chân cầu',
        attachments: [
          {
            type: 'image',
            payload: { url: 'https://zalo.example/photo.jpg', thumbnail: 'https://zalo.example/t.jpg' },
          },
        ],
      }),
    );
    const cases = await caseOfUser(USER);
    expect(cases).toHaveLength(2);
    expect(cases[1].title).toBe('Rác ở chân cầu');
    expect(cases[1].body).toContain('https://zalo.example/photo.jpg');

    await zalo.emit(
      zalo.userEvent('user_send_location', USER, {
        attachments: [{ type: 'location', payload: { coordinates: { latitude: '21.0368', longitude: '105.8342' } } }],
      }),
    );
    const [{ body }] = await w.sql(`select body from case_message where case_id = $1 order by id desc limit 1`, [
      cases[1].id,
    ]);
    expect(body).toContain('21.0368, 105.8342');
  });

  it('asks the citizen on Zalo; their answer resumes the case; receipts mark the question delivered, then seen', async () => {
    const [kase] = await caseOfUser(USER);
    const officer = await w.login('canbo.badinh@caunoi.local');
    for (const body of [{ type: 'accept' }, { type: 'requestInfo', question: 'Bạn có thể gửi ảnh cột đèn không?' }]) {
      const current = await w.api(officer, 'GET', `/api/cases/${kase.id}`);
      expect(
        (await w.api(officer, 'POST', `/api/cases/${kase.id}/transitions`, { ...body, version: current.body.version }))
          .status,
      ).toBe(200);
    }
    await deliver();
    const question = sentTo(USER).find((m) => m.text.includes('Bạn có thể gửi ảnh cột đèn không?'))!;
    expect(question).toBeDefined();
    const [message] = await w.sql(
      `select external_id, delivery_status from case_message where case_id = $1 and direction = 'outbound'`,
      [kase.id],
    );
    expect(message).toEqual({ external_id: question.messageId, delivery_status: 'sent' });

    const receipt = (name: string) => ({
      app_id: OA.appId,
      sender: { id: OA.oaId },
      recipient: { id: USER },
      event_name: name,
      message: { msg_id: question.messageId },
      timestamp: String(Date.now()),
    });
    await zalo.emit(receipt('user_received_message'));
    expect(
      (await w.sql(`select delivery_status from case_message where external_id = $1`, [question.messageId]))[0]
        .delivery_status,
    ).toBe('delivered');
    await zalo.emit(receipt('user_seen_message'));
    expect(
      (await w.sql(`select delivery_status from case_message where external_id = $1`, [question.messageId]))[0]
        .delivery_status,
    ).toBe('seen');

    await zalo.emit(zalo.userEvent('user_send_text', USER, { text: 'Đây là ảnh ạ' }));
    const after = await w.api(officer, 'GET', `/api/cases/${kase.id}`);
    expect(after.body.status).toBe('inProgress');
    expect(after.body.messages.at(-1)).toMatchObject({ direction: 'inbound', body: 'Đây là ảnh ạ', channel: 'zalo' });
  });

  it('splits a long answer at 2,000 characters, refreshing an expired token once on the way', async () => {
    const [kase] = await caseOfUser(USER);
    const officer = await w.login('canbo.badinh@caunoi.local');
    zalo.expireAccessTokens();
    const refreshes = zalo.refreshCount();
    const answer = `${'Ủy ban nhân dân phường đã kiểm tra hiện trường. '.repeat(60)}Trân trọng.`;
    const current = await w.api(officer, 'GET', `/api/cases/${kase.id}`);
    await deliver();
    // Counted before the answer commits: the dispatcher may start sending it at once.
    const before = sentTo(USER).length;
    expect(
      (
        await w.api(officer, 'POST', `/api/cases/${kase.id}/transitions`, {
          type: 'respond',
          answer,
          version: current.body.version,
        })
      ).status,
    ).toBe(200);
    await deliver();
    const sent = sentTo(USER).slice(before);
    // The answer in two pieces, then the verdict's buttons under a short question.
    const pieces = sent.filter((m) => !m.buttons);
    expect(pieces.length).toBe(2);
    expect(sent.at(-1)!.buttons?.map((b) => b.title)).toEqual(['Hài lòng', 'Chưa hài lòng']);
    expect(pieces.map((p) => p.text.length).filter((n) => n > 2000)).toEqual([]);
    expect(pieces.map((p) => p.text).join(' ')).toContain('Trân trọng.');
    expect(zalo.refreshCount()).toBe(refreshes + 1);
  });

  it('backs off when Zalo rate-limits (-32) and delivers on the next attempt', async () => {
    const user = '5000000000000000001';
    zalo.failNext(-32);
    await zalo.emit(zalo.userEvent('user_send_text', user, { text: 'Nước sinh hoạt bị mất từ sáng' }));
    await deliver();
    const [caseRow] = await caseOfUser(user);
    const [row] = await w.sql(
      `select j.id, j.attempts, j.last_error, j.run_at > now() as later from graphile_worker._private_jobs j where j.payload->>'caseId' = $1 and j.key like 'citizen:%'`,
      [String(caseRow.id)],
    );
    expect(row).toMatchObject({ attempts: 1, later: true });
    expect(row.last_error).toContain('-32');
    expect(sentTo(user)).toHaveLength(0);
    expect(await runWaitingJobsNow(w.t.db.orm.em.fork(), [TASKS.zalo])).toBe(1);
    await deliver();
    expect(sentTo(user)).toHaveLength(1);
  });

  it('keeps every acknowledgement while Zalo cannot be reached, and sends each once when it is back', async () => {
    const users = ['5000000000000000101', '5000000000000000102', '5000000000000000103'];
    zalo.setDown(true);
    try {
      for (const user of users)
        await zalo.emit(zalo.userEvent('user_send_text', user, { text: `Đường ngập trước nhà, phản ánh của ${user}` }));
      await deliver();
      const waiting = await w.sql(
        `select count(*)::int as n from graphile_worker._private_jobs j join case_file c on c.id = (j.payload->>'caseId')::int
         join citizen z on z.id = c.citizen_id where j.key like 'citizen:%' and j.attempts >= 1 and z.zalo_ids ->> $1 = any($2)`,
        [OA.oaId, users],
      );
      expect(waiting[0].n).toBe(3);
      for (const user of users) expect(sentTo(user)).toHaveLength(0);
    } finally {
      zalo.setDown(false);
    }
    expect(await runWaitingJobsNow(w.t.db.orm.em.fork(), [TASKS.zalo])).toBeGreaterThanOrEqual(3);
    await deliver();
    // Retried again later, nothing goes twice: the receipts say who has it.
    await runWaitingJobsNow(w.t.db.orm.em.fork(), [TASKS.zalo]);
    await deliver();
    // Each acknowledgement once (the later two are also asked whether they mean the first's case, once).
    for (const user of users) expect(sentTo(user).filter((m) => m.text.includes('Mã tra cứu'))).toHaveLength(1);
    for (const user of users) expect(sentTo(user).filter((m) => m.buttons).length).toBeLessThanOrEqual(1);
    console.log(
      `fault Zalo unreachable, then back: ${users.length} acknowledgements queued, ${users.map((u) => sentTo(u).length).join('/')} sent per user`,
    );
  });

  it('gives up at once on an error retrying cannot fix, keeping the reason for the dead-letter screen', async () => {
    const user = '5000000000000000009';
    zalo.failNext(-213);
    await zalo.emit(zalo.userEvent('user_send_text', user, { text: 'Đèn đường hỏng cả tuần nay' }));
    await deliver();
    const [caseRow] = await caseOfUser(user);
    const [job] = await w.sql(
      `select id::int as id, attempts, max_attempts, last_error from graphile_worker._private_jobs where payload->>'caseId' = $1 and key like 'citizen:%'`,
      [String(caseRow.id)],
    );
    expect(job.attempts).toBe(1);
    expect(job.max_attempts).toBe(1);
    expect(job.last_error).toContain('-213');
    const desk = await w.login('tiepnhan.vpcp@caunoi.local');
    const dead = await w.api(desk, 'GET', '/api/admin/outbox?filter={"kind":"zalo"}');
    expect(dead.body.find((d: { id: number }) => d.id === job.id)).toMatchObject({
      kind: 'zalo',
      status: 'dead',
      template: 'acknowledged',
      trackingCode: caseRow.tracking_code,
    });
    expect(sentTo(user)).toHaveLength(0);
    // Once the cause is fixed, a person retries it from the screen, and it is sent.
    expect((await w.api(desk, 'POST', `/api/admin/outbox/${job.id}/retry`)).status).toBe(200);
    await deliver();
    expect(sentTo(user)).toHaveLength(1);
  });

  it('answers by email when the 7-day window has closed, and says why on the message', async () => {
    const user = '5000000000000000002';
    await zalo.emit(zalo.userEvent('user_send_text', user, { text: 'Cây đổ chắn đường Hoàng Diệu' }));
    await deliver();
    const [kase] = await caseOfUser(user);
    await w.sql(`update citizen set email = 'zalo.user@example.test' where zalo_ids ->> $1 = $2`, [OA.oaId, user]);
    zalo.closeWindow(user);
    const officer = await w.login('canbo.badinh@caunoi.local');
    for (const body of [{ type: 'accept' }, { type: 'respond', answer: 'Đã dọn cây đổ.' }]) {
      const current = await w.api(officer, 'GET', `/api/cases/${kase.id}`);
      expect(
        (await w.api(officer, 'POST', `/api/cases/${kase.id}/transitions`, { ...body, version: current.body.version }))
          .status,
      ).toBe(200);
    }
    await deliver();
    const mails = (await (await fetch(`${w.url}/api/dev/mail?to=zalo.user@example.test`)).json()) as Array<{
      subject: string;
      text: string;
    }>;
    expect(mails.map((m) => m.subject)).toContain(
      `[${kase.tracking_code}] Kết quả giải quyết: Cây đổ chắn đường Hoàng Diệu`,
    );
    const [message] = await w.sql(
      `select delivery_status, delivery_note from case_message where case_id = $1 and direction = 'outbound' order by id desc limit 1`,
      [kase.id],
    );
    expect(message.delivery_note).toContain('7 ngày');
    expect(message.delivery_status).toBe('sent');
  });

  it('welcomes a new follower and keeps the contact data a user shares', async () => {
    const user = '5000000000000000003';
    await zalo.emit(zalo.followEvent(user));
    await deliver();
    expect(sentTo(user)[0]!.text).toContain('#moi');
    await zalo.emit({
      sender: { id: user },
      recipient: { id: OA.oaId },
      event_name: 'user_submit_info',
      app_id: OA.appId,
      timestamp: String(Date.now()),
      info: {
        name: 'Phạm Thu Hà',
        phone: '84912345678',
        full_address: { user_city: 'Hà Nội', user_ward: 'Phường Ba Đình', user_address: 'Số 1 Đội Cấn' },
      },
    });
    const [citizen] = await w.sql(`select name, phone, address from citizen where zalo_ids ->> $1 = $2`, [
      OA.oaId,
      user,
    ]);
    expect(citizen).toEqual({
      name: 'Phạm Thu Hà',
      phone: '84912345678',
      address: 'Số 1 Đội Cấn, Phường Ba Đình, Hà Nội',
    });
  });

  it('the fake Zalo retries a webhook that does not answer 200, with num_retry', async () => {
    zalo.setWebhookUrl(`${w.url}/api/zalo/no-such-hook`);
    const attempts = await zalo.emit(zalo.userEvent('user_send_text', USER, { text: 'thử lại' }));
    expect(attempts.map((a) => [a.status, a.numRetry])).toEqual([
      [404, 0],
      [404, 1],
      [404, 2],
    ]);
    zalo.setWebhookUrl(`${w.url}/api/zalo/webhook`);
  });

  it('links a Zalo user who sends a portal case’s code and key to that case, and never opens a case titled with a code', async () => {
    const portal = (await (
      await fetch(`${w.url}/api/public/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Nước thải tràn ra ngõ 12',
          body: 'Cống ngõ 12 Đội Cấn bị tắc, nước thải tràn ra đường ba hôm nay.',
          categoryCode: 'road-traffic',
          provinceCode: '01',
          communeCode: '00004',
        }),
      })
    ).json()) as { trackingCode: string; accessKey: string };
    const citizen = '5000000000000000011';
    const stranger = '5000000000000000012';
    const casesOpened = async () =>
      (await w.sql(`select count(*)::int as n from case_file where title like 'CN.%' or body like 'CN.%'`))[0].n;

    // The code alone, as the portal's hint says to send it: the key is asked for, nothing is opened.
    await zalo.emit(zalo.userEvent('user_send_text', citizen, { text: portal.trackingCode }));
    await deliver();
    expect(sentTo(citizen).at(-1)!.text).toContain('mã tra cứu');
    expect(await casesOpened()).toBe(0);

    // A wrong key: the same kind of answer as an unknown code, nothing linked.
    await zalo.emit(zalo.userEvent('user_send_text', stranger, { text: `${portal.trackingCode} ABCDEFGHJK` }));
    await deliver();
    expect(sentTo(stranger).at(-1)!.text).toContain('Không tìm thấy hồ sơ');

    // Code and key: linked; what else they wrote joins the case.
    await zalo.emit(
      zalo.userEvent('user_send_text', citizen, {
        text: `Mã hồ sơ ${portal.trackingCode}, mã tra cứu ${portal.accessKey}. Nước vẫn tràn.`,
      }),
    );
    await deliver();
    expect(sentTo(citizen).at(-1)!.text).toContain(`Đã liên kết Zalo của bạn với hồ sơ ${portal.trackingCode}`);
    const [linked] = await w.sql(
      `select c.id, z.zalo_ids ->> $2 as zalo from case_file c join citizen z on z.id = c.citizen_id where c.tracking_code = $1`,
      [portal.trackingCode, OA.oaId],
    );
    expect(linked.zalo).toBe(citizen);
    const bodies = async () =>
      (
        await w.sql(`select body from case_message where case_id = $1 and direction = 'inbound' order by id`, [
          linked.id,
        ])
      ).map((m) => m.body);
    expect(await bodies()).toContain('Nước vẫn tràn.');

    // From then on every message joins it, and the case's notices come on Zalo.
    await zalo.emit(zalo.userEvent('user_send_text', citizen, { text: 'Chiều nay nước đã rút một ít.' }));
    expect(await bodies()).toContain('Chiều nay nước đã rút một ít.');
    const officer = await w.login('canbo.badinh@caunoi.local');
    for (const body of [{ type: 'accept' }, { type: 'respond', answer: 'Đã thông cống ngõ 12 sáng 2/12.' }]) {
      const current = await w.api(officer, 'GET', `/api/cases/${linked.id}`);
      const done = await w.api(officer, 'POST', `/api/cases/${linked.id}/transitions`, {
        ...body,
        version: current.body.version,
      });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    await deliver();
    expect(sentTo(citizen).some((m) => m.text.includes('Đã thông cống ngõ 12 sáng 2/12.'))).toBe(true);
    expect(await casesOpened()).toBe(0);
  });

  it('keeps a signed event of a shape it does not understand, and sets it aside with what is wrong', async () => {
    const odd = {
      ...zalo.userEvent('user_send_text', '5000000000000000021', { text: 'x' }),
      message: { msg_id: 'odd-shape-1', text: { nested: true } },
    };
    const [delivery] = await zalo.emit(odd as never);
    expect(delivery!.status).toBe(200);
    const [item] = await w.sql(
      `select status, error from inbound_item where channel = 'zalo' and external_id = 'odd-shape-1'`,
    );
    expect(item).toMatchObject({ status: 'ignored', error: expect.stringContaining('message.text') });
  });
});
