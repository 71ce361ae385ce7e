import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MikroORM } from '@caunoi/db';
import type { Logger } from '../../support/logger';
import type { IntakeReceiver } from '../../intake/group-commit';
import { AppError } from '../../http/app-error';
import type { ByteQuota } from '../../http/rate-limits';
import { resolveRecipient, type RecipientTarget } from './mail-recipients';

export interface SmtpIntakeDeps {
  orm: MikroORM;
  intake: IntakeReceiver;
  logger: Logger;
  host: string;
  port: number;
  intakeDomain: string;
  maxBytes: number;
  /** What one sender may hand over per hour (by envelope sender: big mail providers share their addresses). */
  quota: ByteQuota;
}

export interface SmtpIntake {
  port: number;
  close(): Promise<void>;
}

type Session = SMTPServerSession & { targets?: Array<{ address: string; target: RecipientTarget }> };

/**
 * The mail intake (DESIGN.md §6): what must be refused is refused during the SMTP dialogue with a
 * code the sending server understands (550 not our address, 552 too large); what is accepted is
 * committed raw before the 250, then processed in the same dialogue, so a 250 means the mail is
 * safe whatever happens next. A database that cannot store it gets a 451: the sender retries.
 */
export async function startSmtpIntake(deps: SmtpIntakeDeps): Promise<SmtpIntake> {
  const server = new SMTPServer({
    name: deps.intakeDomain,
    banner: 'CauNoi intake',
    size: deps.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, session: Session, callback) {
      resolveRecipient(deps.orm.em.fork(), address.address, deps.intakeDomain)
        .then((target) => {
          if (target.kind === 'unknown')
            return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here (${target.reason})`));
          session.targets = [...(session.targets ?? []), { address: address.address, target }];
          callback();
        })
        .catch((error: unknown) =>
          callback(smtpError(451, `4.3.0 temporary failure, try again later (${(error as Error).message})`)),
        );
    },
    onData(stream: SMTPServerDataStream, session: Session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded)
          return callback(
            smtpError(552, `5.3.4 message larger than ${deps.maxBytes} bytes; send large files as links`),
          );
        const raw = Buffer.concat(chunks);
        const sender = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address.toLowerCase();
        deps.quota
          .take(`mail:${sender || session.remoteAddress}`, raw.length)
          .then(() => accept(deps, raw, session))
          .then((reply) => callback(null, reply))
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'RATE_LIMITED')
              return callback(smtpError(452, `4.3.1 ${error.message}`));
            deps.logger.error({ err: error }, 'mail could not be stored');
            callback(smtpError(451, '4.3.0 temporary failure storing the message, try again later'));
          });
      });
    },
  });
  server.on('error', (error) => deps.logger.warn({ err: error }, 'smtp intake connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(deps.port, deps.host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function accept(deps: SmtpIntakeDeps, raw: Buffer, session: Session): Promise<string> {
  const messageId = headerValue(raw, 'message-id');
  const { outcome: processing } = await deps.intake.receive({
    channel: 'email',
    // Without a Message-ID, the content itself identifies a resent copy.
    externalId: messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    contentType: 'message/rfc822',
    raw,
    meta: {
      envelopeFrom: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
      recipients: (session.targets ?? []).map((t) => ({ address: t.address, ...t.target })),
      remoteAddress: session.remoteAddress,
      clientHostname: session.clientHostname,
    },
    receivedAt: new Date(),
  });
  const outcome = await processing;
  // Whatever processing decided, the raw mail is committed: the sender gets its 250.
  return outcome.kind === 'case' ? `2.0.0 accepted as ${outcome.trackingCode}` : `2.0.0 accepted (${outcome.kind})`;
}

/** One header from the raw head, unfolded; enough to find the Message-ID before a full parse. */
export function headerValue(raw: Buffer, name: string): string | null {
  const ends = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((i) => i >= 0);
  const head = raw
    .subarray(0, ends.length ? Math.min(...ends) : Math.min(raw.length, 64 * 1024))
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(head);
  return match ? match[1]!.trim() : null;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}
