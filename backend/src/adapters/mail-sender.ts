import nodemailer from 'nodemailer';
import { type MikroORM, storeCapturedMail } from '@caunoi/db';

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  /** Where replies should go when the sender does not take mail (our no-reply From). */
  replyTo?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  /** Files the mail carries (an answer's signed document, photos). */
  attachments?: Array<{ fileName: string; mime: string; content: Buffer }>;
}

export interface MailSender {
  /** True when mail is kept in the database instead of sent (no SMTP_URL). */
  readonly captures: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Sends through `SMTP_URL` with nodemailer, or, without it, renders the exact MIME message with
 * nodemailer's stream transport and keeps it in `captured_mail` (listed at /api/dev/mail), so
 * development and tests read what a citizen would receive.
 */
export function createMailSender(smtpUrl: string | undefined, orm: MikroORM): MailSender {
  const transport = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    captures: !smtpUrl,
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references?.length ? { references: mail.references } : {}),
        ...(mail.attachments?.length
          ? {
              attachments: mail.attachments.map((a) => ({
                filename: a.fileName,
                content: a.content,
                contentType: a.mime,
              })),
            }
          : {}),
        // RFC 3834: we are a program; auto-responders must not answer us (and loop).
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
      if (!smtpUrl) {
        const raw = (info as unknown as { message: Buffer }).message;
        await storeCapturedMail(orm.em.fork(), {
          messageId: mail.messageId,
          inReplyTo: mail.inReplyTo ?? null,
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          raw,
        });
      }
    },
    close() {
      transport.close();
    },
  };
}
