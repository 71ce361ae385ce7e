import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer } from './helpers';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const fixture = (name: string) => readFileSync(new URL(`./fixtures/mail/${name}`, import.meta.url));

interface Mail {
  messageId: string;
  inReplyTo: string | null;
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP client talking to our intake port over a socket. */
function mailer(port: number) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    send: (raw: Buffer | string, to = 'gopy@caunoi.local', from = 'an.nguyen@example.test') =>
      transport.sendMail({ envelope: { from, to: [to] }, raw }),
    close: () => transport.close(),
  };
}

describe('citizens write by email', () => {
  let w: World;
  let smtp: ReturnType<typeof mailer>;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    smtp = mailer(w.t.server.smtpPort!);
  });
  afterAll(async () => {
    smtp?.close();
    await w?.stop();
  });

  const itemOf = async (messageId: string) =>
    (
      await w.sql(
        `select i.status, i.error, i.external_id, c.id as case_id, c.tracking_code, c.title, c.body, c.status as case_status, c.language, ou.code as owning_unit
    from inbound_item i left join case_file c on c.id = i.case_id left join org_unit ou on ou.id = c.owning_unit_id where i.channel = 'email' and i.external_id = $1`,
        [messageId],
      )
    )[0];
  const mailTo = async (address: string): Promise<Mail[]> => {
    await w.t.server.jobs.drain();
    return (await fetch(`${w.url}/api/dev/mail?to=${address}`)).json() as Promise<Mail[]>;
  };
  const attachmentsOf = (caseId: number) =>
    w.sql('select file_name, mime from attachment where case_id = $1 order by id', [caseId]);

  it.each([
    ['01-plain-utf8.eml', 'Cống thoát nước bị tắc', 'phố Hàng Bông bị tắc'],
    ['02-quoted-printable.eml', 'Rác thải tồn đọng ở chợ Long Biên', 'chợ Long Biên đã ba ngày'],
    ['03-base64-body.eml', 'Tiếng ồn công trình ban đêm', 'số 45 phố Kim Mã'],
    ['04-multipart-alternative.eml', 'Vỉa hè bị lấn chiếm', 'Vỉa hè phố Lý Thường Kiệt bị'],
    ['05-html-only.eml', 'Cây xanh có nguy cơ đổ', 'số 8 phố Phan Đình Phùng'],
    ['06-windows-1258.eml', 'Đèn tín hiệu hỏng', 'ngã tư Điện Biên Phủ, đèn đỏ không sáng'],
    ['07-iso-8859-1-english.eml', 'Broken street light near the café', 'in front of the café at 12 Trang Tien'],
    ['21-format-flowed.eml', 'Đèn đường tắt cả tuyến phố', 'Nguyễn Thái Học'],
  ])('%s becomes a case in triage with its subject and readable text', async (file, title, text) => {
    await smtp.send(fixture(file));
    const n = file.slice(0, 2);
    const item = await itemOf(`<fixture-${n}.20261123@mail.example.test>`);
    expect(item).toMatchObject({ status: 'processed', title, case_status: 'triage', owning_unit: 'VPCP' });
    expect(item.body).toContain(text);
    expect(item.body).not.toMatch(/<\/?[a-z]|alert\(|color:red|=C3|=E1/i);
    expect(item.body).toBe(item.body.normalize('NFC'));
  });

  it('answers in English when the mail is English, threaded under the citizen’s mail', async () => {
    const item = await itemOf('<fixture-07.20261123@mail.example.test>');
    expect(item.language).toBe('en');
    const [ack] = await mailTo('john.smith@example.test');
    expect(ack.subject).toBe(`[${item.tracking_code}] Received: Broken street light near the café`);
    expect(ack.inReplyTo).toBe('<fixture-07.20261123@mail.example.test>');
  });

  it('keeps real attachments, refuses one that lies about its type, and skips signature images', async () => {
    await smtp.send(fixture('08-attachment-png.eml'));
    await smtp.send(fixture('09-attachment-pdf.eml'));
    await smtp.send(fixture('10-lying-attachment.eml'));
    await smtp.send(fixture('11-outlook-related.eml'));
    const png = await itemOf('<fixture-08.20261123@mail.example.test>');
    expect(await attachmentsOf(png.case_id)).toEqual([{ file_name: 'o-ga.png', mime: 'image/png' }]);
    const pdf = await itemOf('<fixture-09.20261123@mail.example.test>');
    expect(await attachmentsOf(pdf.case_id)).toEqual([{ file_name: 'don-kien-nghi.pdf', mime: 'application/pdf' }]);
    const lying = await itemOf('<fixture-10.20261123@mail.example.test>');
    expect(await attachmentsOf(lying.case_id)).toEqual([{ file_name: 'anh.png', mime: 'image/png' }]);
    expect(lying.body).toContain('bien-ban.pdf');
    const related = await itemOf('<fixture-11.20261123@mail.example.test>');
    expect(related.body).toContain('Thành Công bị đục');
    expect(await attachmentsOf(related.case_id)).toEqual([]);
  });

  it.each([
    ['12-auto-reply.eml', 'Auto-Submitted'],
    ['13-out-of-office-precedence.eml', 'Precedence'],
    ['14-bounce.eml', 'bounce'],
    ['15-mailing-list.eml', 'mailing list'],
  ])('%s is kept raw but opens no case and gets no answer', async (file, reason) => {
    await smtp.send(fixture(file), 'gopy@caunoi.local', file.startsWith('14') ? '' : 'robot@example.test');
    const item = await itemOf(`<fixture-${file.slice(0, 2)}.20261123@mail.example.test>`);
    expect(item.status).toBe('ignored');
    expect(item.error).toContain(reason);
    expect(item.case_id).toBeNull();
    const [{ n }] = await w.sql(
      `select count(*)::int as n from inbound_item where channel = 'email' and external_id = $1 and length(raw) > 100`,
      [`<fixture-${file.slice(0, 2)}.20261123@mail.example.test>`],
    );
    expect(n).toBe(1);
  });

  it('sends a mail to the general mailbox that names its commune to that commune’s triage desk, not the national one', async () => {
    await smtp.send(
      [
        'From: An Nguyen <an.nguyen@example.test>',
        'To: gopy@caunoi.local',
        'Subject: Den duong hong',
        'Message-ID: <desk-1.20261201@mail.example.test>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Đèn đường ngõ 5 tắt cả tuần nay, Phường Ngọc Hà, buổi tối rất tối.',
      ].join('\r\n'),
    );
    const item = await itemOf('<desk-1.20261201@mail.example.test>');
    expect(item).toMatchObject({ status: 'processed', case_status: 'triage', owning_unit: '00008' });
  });

  it('identifies a mail without Message-ID by its content, so a resend is not a second case', async () => {
    await smtp.send(fixture('16-no-message-id.eml'));
    await smtp.send(fixture('16-no-message-id.eml'));
    const rows = await w.sql(
      `select external_id, case_id from inbound_item where channel = 'email' and external_id like 'sha256:%'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].case_id).not.toBeNull();
  });

  it('gets one case and one acknowledgement when the same mail arrives twice', async () => {
    await smtp.send(fixture('01-plain-utf8.eml'));
    const [{ n }] = await w.sql(`select count(*)::int as n from case_file where title = 'Cống thoát nước bị tắc'`);
    expect(n).toBe(1);
    const acks = (await mailTo('an.nguyen@example.test')).filter((m) => m.subject.includes('Cống thoát nước bị tắc'));
    expect(acks).toHaveLength(1);
  });

  it('answers an empty mail with a reply saying why, and keeps it as rejected', async () => {
    await smtp.send(fixture('17-empty.eml'), 'gopy@caunoi.local', 'lan.hoang@example.test');
    const item = await itemOf('<fixture-17.20261123@mail.example.test>');
    expect(item.status).toBe('rejected');
    const [reply] = await mailTo('lan.hoang@example.test');
    expect(reply.subject).toBe('Re: Góp ý');
    expect(reply.inReplyTo).toBe('<fixture-17.20261123@mail.example.test>');
    expect(reply.text).toContain('không có nội dung');
  });

  it('sends mail for a unit’s own address to that unit; the question and the reply thread through Message-IDs', async () => {
    await smtp.send(fixture('22-unit-mailbox.eml'), '00004@caunoi.local');
    const item = await itemOf('<fixture-22.20261123@mail.example.test>');
    expect(item).toMatchObject({ case_status: 'routed', owning_unit: '00004' });

    const officer = await w.login('canbo.badinh@caunoi.local');
    const act = async (body: Record<string, unknown>) => {
      const current = await w.api(officer, 'GET', `/api/cases/${item.case_id}`);
      const res = await w.api(officer, 'POST', `/api/cases/${item.case_id}/transitions`, {
        ...body,
        version: current.body.version,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await act({ type: 'accept' });
    await act({ type: 'requestInfo', question: 'Đoạn đường dài bao nhiêu mét?' });
    const question = (await mailTo('an.nguyen@example.test')).find(
      (m) => m.subject === `[${item.tracking_code}] Đề nghị bổ sung thông tin`,
    )!;
    expect(question.inReplyTo).toBe('<fixture-22.20261123@mail.example.test>');

    const reply = fixture('18-reply-in-reply-to.eml')
      .toString('utf8')
      .replaceAll('{{OUR_ID}}', question.messageId)
      .replaceAll('{{SUBJECT}}', question.subject);
    await smtp.send(reply);
    const afterReply = await w.api(officer, 'GET', `/api/cases/${item.case_id}`);
    expect(afterReply.body.status).toBe('inProgress');
    expect(afterReply.body.messages.at(-1)).toMatchObject({
      direction: 'inbound',
      body: 'Chiều dài đoạn cống bị tắc khoảng 50 mét.',
    });

    // A Gmail-style reply quoting in Vietnamese, to a second question.
    await act({ type: 'requestInfo', question: 'Cống nằm bên trái hay bên phải đường?' });
    const second = (await mailTo('an.nguyen@example.test')).find((m) => m.text.includes('bên trái hay bên phải'))!;
    await smtp.send(
      fixture('23-gmail-reply-vietnamese-quote.eml')
        .toString('utf8')
        .replaceAll('{{OUR_ID}}', second.messageId)
        .replaceAll('{{SUBJECT}}', second.subject),
    );
    const afterSecond = await w.api(officer, 'GET', `/api/cases/${item.case_id}`);
    expect(afterSecond.body.status).toBe('inProgress');
    expect(afterSecond.body.messages.at(-1).body).toBe('Dạ, đoạn cống dài khoảng 50 mét ạ.');

    // The tracking code in a subject threads mail from the case's citizen, and only theirs.
    await smtp.send(
      fixture('19-reply-subject-code.eml').toString('utf8').replaceAll('{{TRACKING}}', item.tracking_code),
    );
    const [{ type }] = await w.sql('select type from case_event where case_id = $1 order by seq desc limit 1', [
      item.case_id,
    ]);
    expect(type).toBe('CITIZEN_MESSAGE');
    await smtp.send(
      fixture('20-subject-code-other-sender.eml').toString('utf8').replaceAll('{{TRACKING}}', item.tracking_code),
      'gopy@caunoi.local',
      'stranger@example.test',
    );
    const stranger = await itemOf('<fixture-20.20261123@mail.example.test>');
    expect(stranger.case_id).not.toBe(item.case_id);
    expect(stranger.case_status).toBe('triage');
  });

  it('refuses at SMTP time mail for addresses that are not ours, with 550', async () => {
    const error = await smtp
      .send(fixture('01-plain-utf8.eml'), 'someone@elsewhere.example')
      .catch((e: unknown) => e as { responseCode?: number; rejectedErrors?: Array<{ responseCode: number }> });
    const code =
      (error as { rejectedErrors?: Array<{ responseCode: number }> }).rejectedErrors?.[0]?.responseCode ??
      (error as { responseCode?: number }).responseCode;
    expect(code).toBe(550);
  });
});

describe('a mail over the size limit', () => {
  it('is refused with 552 and nothing is stored', async () => {
    const t = await startTestServer(serverUrl, { MAX_MAIL_BYTES: '4096' });
    const smtp = mailer(t.server.smtpPort!);
    try {
      const big = `${fixture('01-plain-utf8.eml').toString('utf8')}${'Nội dung rất dài. '.repeat(500)}\r\n`;
      const error = (await smtp.send(big).catch((e: unknown) => e)) as { responseCode?: number };
      expect(error.responseCode).toBe(552);
      const [{ n }] = await t.db.orm.em
        .fork()
        .execute<Array<{ n: number }>>(`select count(*)::int as n from inbound_item`);
      expect(n).toBe(0);
    } finally {
      smtp.close();
      await t.stop();
    }
  });
});

describe('outgoing mail through SMTP_URL', () => {
  it('reaches a real SMTP server with the tracking code in the subject and our signed Message-ID', async () => {
    const { SMTPServer } = await import('smtp-server');
    const { simpleParser } = await import('mailparser');
    const received: Array<{ to: string[]; raw: Buffer }> = [];
    const sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
    const port = (sink.server.address() as { port: number }).port;
    const w = await startWorld(serverUrl, { SMTP_URL: `smtp://127.0.0.1:${port}` });
    try {
      const res = await fetch(`${w.url}/api/public/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Nắp cống bị mất',
          body: 'Nắp cống trước số 3 phố Quán Thánh bị mất, rất nguy hiểm.',
          email: 'smtp.citizen@example.test',
          consent: true,
        }),
      });
      const { trackingCode } = (await res.json()) as { trackingCode: string };
      await w.t.server.jobs.drain();
      const mail = received.find((m) => m.to.includes('smtp.citizen@example.test'));
      expect(mail).toBeDefined();
      const parsed = await simpleParser(mail!.raw);
      expect(parsed.subject).toBe(`[${trackingCode}] Đã tiếp nhận phản ánh, kiến nghị: Nắp cống bị mất`);
      expect(parsed.messageId).toContain(trackingCode);
      expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
      // Nothing is captured when a real server is configured.
      const [{ n }] = await w.sql('select count(*)::int as n from captured_mail');
      expect(n).toBe(0);
    } finally {
      await w.stop();
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  });
});
