import {
  findMessageFiles,
  type EntityManager,
  deliveredRecipients,
  findNoticeRecipients,
  loadNoticeFacts,
} from '@caunoi/db';
import type { UnitTemplate } from '@caunoi/workflows';
import { outboundMessageId } from '../adapters/mail-ids';
import type { MailSender } from '../adapters/mail-sender';
import { type CitizenNoticeSetting, renderQueuedCitizenNotice } from '../notifications/citizen-templates';
import { renderUnitNotice } from '../notifications/unit-templates';
import type { EmailJob } from '../transitions/delivery-jobs';
import { messageRef, receiptsOf } from './deliverer';

/** Most mail servers take 20–25 MB a message; base64 adds a third. */
const MAIL_ATTACHMENT_BYTES = 12 * 1024 * 1024;

export interface EmailDeliveryDeps extends CitizenNoticeSetting {
  sender: MailSender;
  from: string;
  intakeDomain: string;
  /** Reply-To of citizens' mail: the intake mailbox, so that their answers reach the case. */
  replyMailbox: string;
}

export type EmailDeliverer = (job: EmailJob, em: EntityManager) => Promise<void>;

/**
 * The `deliverEmail` task: a citizen's notice (rendered now from the case as it is, threaded under
 * the citizen's own mail), a unit's notice (one mail per officer, in their language), or a mail
 * written when it was queued (the daily digest, a reply to a refused mail). Every recipient
 * reached gets a receipt; a retry after a partial failure sends only to those without one.
 */
export function createEmailDeliverer(deps: EmailDeliveryDeps): EmailDeliverer {
  return async (job, em) => {
    const receipt = receiptsOf(em, job, 'email');

    if (job.audience === 'govOffice' || job.audience === 'sender' || job.audience === 'supporter') {
      if ((await deliveredRecipients(em, job.dedupeKey)).has(job.to)) return;
      const ref = messageRef(job.dedupeKey);
      await deps.sender.send({
        from: deps.from,
        to: [job.to],
        subject: job.subject,
        text: job.text,
        messageId: `<${job.template}.${ref}@${deps.intakeDomain}>`,
        inReplyTo: job.inReplyTo ?? null,
        references: job.inReplyTo ? [job.inReplyTo] : [],
      });
      await receipt(job.to, job.caseId ?? null);
      return;
    }

    if (job.audience !== 'citizen' && job.audience !== 'unit') return; // unreachable: the schema knows three audiences
    const facts = await loadNoticeFacts(
      em,
      job.caseId,
      job.audience === 'citizen' ? job.messageId : null,
      job.dedupeKey,
    );
    if (!facts) return receipt('(none)', null, 'the case no longer exists');
    const done = facts.alreadyReached;

    if (job.audience === 'citizen') {
      const to = facts.citizen?.email;
      if (!to) return receipt('(none)', job.caseId, 'the citizen gave no email address');
      if (done.has(to)) return;
      const notice = renderQueuedCitizenNotice(job, facts, {
        ...deps,
        reply: { channel: 'email', mailbox: deps.replyMailbox },
      });
      const messageId = outboundMessageId(
        deps.secret,
        facts.trackingCode,
        messageRef(job.dedupeKey),
        deps.intakeDomain,
      );
      // The answer's files go with it, up to what mail servers take; the rest are on the status page (named in the text).
      const files = facts.message?.files.length
        ? (await findMessageFiles(em, facts.message.id, MAIL_ATTACHMENT_BYTES)).files
        : [];
      await deps.sender.send({
        from: deps.from,
        to: [to],
        replyTo: deps.replyMailbox,
        subject: notice.subject,
        text: notice.text,
        ...(files.length ? { attachments: files } : {}),
        messageId,
        inReplyTo: facts.citizenMailIds[0] ?? null,
        references: facts.citizenMailIds,
      });
      await receipt(
        to,
        job.caseId,
        job.fallbackFrom ? `instead of ${job.fallbackFrom}` : null,
        facts.message ? { messageId: facts.message.id, externalId: messageId } : undefined,
      );
      return;
    }

    const recipients = await findNoticeRecipients(
      em,
      job.assigneeId !== undefined
        ? { userId: job.assigneeId }
        : { unitCode: job.unitCode, supervisorsOnly: job.readers === 'supervisors' },
    );
    if (!recipients.length)
      return receipt(
        '(none)',
        job.caseId,
        `no active officer at ${job.assigneeId !== undefined ? `user ${job.assigneeId}` : job.unitCode} to tell`,
      );
    const caseUrl = `${deps.publicUrl.replace(/\/$/, '')}/admin/#/cases/${facts.caseId}/show`;
    for (const r of recipients) {
      if (done.has(r.email)) continue;
      const notice = renderUnitNotice(job.template as UnitTemplate, facts, r.language, caseUrl);
      await deps.sender.send({
        from: deps.from,
        to: [r.email],
        subject: notice.subject,
        text: notice.text,
        messageId: outboundMessageId(
          deps.secret,
          facts.trackingCode,
          `${messageRef(job.dedupeKey)}-u${r.id}`,
          deps.intakeDomain,
        ),
      });
      await receipt(r.email, job.caseId);
    }
  };
}
