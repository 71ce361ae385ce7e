import { type Language, type UnitTemplate, unitNoticeAudience } from '@caunoi/workflows';
import { outboundMessageId } from '../adapters/mail-ids';
import type { MailSender } from '../adapters/mail-sender';
import { type CitizenNoticeSetting, renderQueuedCitizenNotice } from '../notifications/citizen-templates';
import { loadNoticeFacts } from '@caunoi/db';
import { renderUnitNotice } from '../notifications/unit-templates';
import type { Deliverer } from './deliverer';

export interface EmailDeliveryDeps extends CitizenNoticeSetting {
  sender: MailSender;
  from: string;
  intakeDomain: string;
  /** Reply-To of citizens' mail: the intake mailbox, so that their answers reach the case. */
  replyMailbox: string;
}

/**
 * Email rows of the outbox: a citizen's notice (rendered now from the case as it is, threaded
 * under the citizen's own mail), a unit's notice (one mail per officer, in their language), or a
 * message rendered when it was queued (the daily digest, a reply to a refused mail).
 */
export function createEmailDeliverer(deps: EmailDeliveryDeps): Deliverer {
  return {
    async deliver(row, em) {
      const p = row.payload;
      if (typeof p.to === 'string' && typeof p.subject === 'string' && typeof p.text === 'string') {
        await deps.sender.send({
          from: deps.from,
          to: [p.to],
          subject: p.subject,
          text: p.text,
          messageId: typeof p.messageId === 'string' ? p.messageId : `<outbox.${row.id}.${row.dedupeKey.replace(/[^a-z0-9.-]/gi, '-')}@${deps.intakeDomain}>`,
          inReplyTo: typeof p.inReplyTo === 'string' ? p.inReplyTo : null,
          references: typeof p.inReplyTo === 'string' ? [p.inReplyTo] : [],
        });
        return;
      }
      const facts = row.caseId ? await loadNoticeFacts(em, row.caseId, typeof p.messageId === 'number' ? p.messageId : null) : null;
      if (!facts) return { note: 'the case no longer exists' };

      if (p.audience === 'citizen') {
        const to = (typeof p.to === 'string' && p.to) || facts.citizen?.email;
        if (!to) return { note: 'the citizen gave no email address' };
        const notice = renderQueuedCitizenNotice(p, facts, { ...deps, reply: { channel: 'email', mailbox: deps.replyMailbox } });
        const messageId = outboundMessageId(deps.secret, facts.trackingCode, `o${row.id}`, deps.intakeDomain);
        await deps.sender.send({ from: deps.from, to: [to], replyTo: deps.replyMailbox, subject: notice.subject, text: notice.text, messageId, inReplyTo: facts.citizenMailIds[0] ?? null, references: facts.citizenMailIds });
        if (facts.message) {
          await em.execute(`update case_message set external_id = coalesce(external_id, ?), delivery_status = 'sent', sent_at = now() where id = ? and direction = 'outbound'`, [messageId, facts.message.id]);
        }
        return;
      }

      if (p.audience === 'unit') {
        const recipients = await em.execute<Array<{ id: number; email: string; language: Language }>>(
          typeof p.assigneeId === 'number'
            ? `select id, email, language from app_user where id = ? and active`
            : `select u.id, u.email, u.language from app_user u join org_unit o on o.id = u.unit_id
               where o.code = ? and u.active and u.role in ('officer', 'supervisor') ${(p.readers ?? unitNoticeAudience(p.template as UnitTemplate, false)) === 'supervisors' ? `and u.role = 'supervisor'` : ''}
               order by u.id`,
          [typeof p.assigneeId === 'number' ? p.assigneeId : String(p.unitCode)],
        );
        if (!recipients.length) return { note: `no active officer at ${String(p.unitCode ?? p.assigneeId)} to tell` };
        const caseUrl = `${deps.publicUrl.replace(/\/$/, '')}/admin/#/cases/${facts.caseId}/show`;
        for (const r of recipients) {
          const notice = renderUnitNotice(p.template as UnitTemplate, facts, r.language, caseUrl);
          await deps.sender.send({ from: deps.from, to: [r.email], subject: notice.subject, text: notice.text, messageId: outboundMessageId(deps.secret, facts.trackingCode, `o${row.id}-u${r.id}`, deps.intakeDomain) });
        }
        return;
      }
      throw new Error(`unknown email audience ${String(p.audience)}`);
    },
  };
}
