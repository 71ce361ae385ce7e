import nodemailer from 'nodemailer';
import type { FakeZalo } from '../src/dev/fake-zalo';
import { eventually } from './eventually';
import type { World } from './world';

/** A citizen mails the general mailbox (gopy@) over real SMTP; answers the case it became, once processed. */
export async function mailGeneralMailbox(
  w: World,
  mail: { from: string; subject: string; text: string; messageId: string },
): Promise<number> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: w.t.server.smtpPort!,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      envelope: { from: mail.from, to: ['gopy@caunoi.local'] },
      raw: [
        `From: ${mail.from}`,
        'To: gopy@caunoi.local',
        `Subject: ${mail.subject}`,
        `Message-ID: <${mail.messageId}>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        mail.text,
      ].join('\r\n'),
    });
  } finally {
    transport.close();
  }
  const row = await eventually(
    async () =>
      (
        await w.sql<{ case_id: number }>(
          'select case_id from inbound_item where external_id = $1 and case_id is not null',
          [`<${mail.messageId}>`],
        )
      )[0],
  );
  if (!row) throw new Error(`the mail ${mail.messageId} did not become a case`);
  return row.case_id;
}

/** The Zalo OA an administrator connects for Phường Ba Đình, as the fake Zalo knows it. */
export const BA_DINH_OA = {
  appId: '3608465249409039671',
  appSecret: 'app-secret-from-the-console',
  oaId: '3886132808788086451',
  oaSecretKey: 'oa-secret-key-shown-when-linking',
  refreshToken: 'first-refresh-token',
};

/** Connects Phường Ba Đình's OA in the database and points the fake Zalo's webhook at the server. */
export async function connectBaDinhOa(w: World, zalo: FakeZalo): Promise<void> {
  const oa = BA_DINH_OA;
  await w.sql(
    `insert into zalo_oa (oa_id, name, unit_id, app_id, oa_secret_key, app_secret, refresh_token, active, created_at)
     select $1, 'Phường Ba Đình', id, $2, $3, $4, $5, true, now() from org_unit where code = '00004'`,
    [oa.oaId, oa.appId, oa.oaSecretKey, oa.appSecret, oa.refreshToken],
  );
  zalo.setWebhookUrl(`${w.url}/api/zalo/webhook`);
}
