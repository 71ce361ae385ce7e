import { defineEntity, p } from '@mikro-orm/core';

/**
 * Outgoing mail kept in the database when no `SMTP_URL` is set (development, tests, `npm start`):
 * what the citizen or the officer would have received, listed at `/api/dev/mail`.
 */
export const CapturedMailSchema = defineEntity({
  name: 'CapturedMail',
  tableName: 'captured_mail',
  properties: {
    id: p.integer().primary(),
    messageId: p.string().length(300).index(),
    inReplyTo: p.string().length(300).nullable(),
    sender: p.string().length(320),
    recipients: p.array(),
    subject: p.string().length(500),
    text: p.text(),
    raw: p.blob().lazy(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class CapturedMail extends CapturedMailSchema.class {}
CapturedMailSchema.setClass(CapturedMail);
