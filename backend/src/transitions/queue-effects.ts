import type { ChangeableCase } from '@caunoi/db';
import { type CaseEffect, citizenReplyChannel, escalationRecipient, unitNoticeAudience } from '@caunoi/workflows';
import type { QueuedMessage } from './delivery-jobs';

export interface EffectContext {
  kase: ChangeableCase;
  /** The audit event's sequence number: with the effect it makes the dedupe key. */
  eventSeq: number;
  previousOwningUnitPath: string | null;
  /** The conversation message (question, answer, refusal) a citizen notification carries. */
  outboundMessageId?: number | null;
}

/**
 * Turns a transition's outward effects into jobs in the same transaction (invariant 4): live
 * updates for the officers' rooms, notices to the citizen on their reply channel, notices to the
 * unit. Clock effects are not sent anywhere: they are the case's deadline columns.
 */
export function messagesFor(effects: readonly CaseEffect[], ctx: EffectContext): QueuedMessage[] {
  const { kase } = ctx;
  const key = (name: string) => `${name}:${kase.id}:${ctx.eventSeq}`;
  const messages: QueuedMessage[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case 'broadcast': {
        const unitPaths = [
          kase.owningUnit.path,
          ...(ctx.previousOwningUnitPath && ctx.previousOwningUnitPath !== kase.owningUnit.path
            ? [ctx.previousOwningUnitPath]
            : []),
        ];
        messages.push({
          kind: 'socket',
          dedupeKey: key(`socket:${effect.event}`),
          payload: { event: effect.event, caseId: kase.id, unitPaths },
        });
        // The agencies' webhooks: an answer is its own event (the citizen is told it in the same step).
        const answered = effects.some((e) => e.type === 'notifyCitizen' && e.template === 'answered');
        const hookEvent = effect.event === 'case.updated' && answered ? 'case.answered' : effect.event;
        messages.push({
          kind: 'webhook',
          payload: { event: hookEvent, caseId: kase.id, dedupeKey: key(`webhook:${hookEvent}`) },
        });
        // A new case without a category gets the category model's suggestion, after this commit.
        if (effect.event === 'case.created' && !kase.category)
          messages.push({ kind: 'triage', dedupeKey: key('triage'), payload: { caseIds: [kase.id] } });
        // Every new case joins the emerging concerns (clusters of alike submissions across units).
        if (effect.event === 'case.created')
          messages.push({ kind: 'concern', dedupeKey: key('concern'), payload: { caseIds: [kase.id] } });
        // A chat has no form to compare before sending: the citizen is offered similar cases after.
        if (effect.event === 'case.created' && kase.channel === 'zalo')
          messages.push({ kind: 'chatSimilar', dedupeKey: key('chat-similar'), payload: { caseIds: [kase.id] } });
        break;
      }
      case 'notifyCitizen': {
        const kind = citizenReplyChannel({
          caseChannel: kase.channel,
          hasEmail: !!kase.citizen?.email,
          hasZalo: Object.keys(kase.citizen?.zaloIds ?? {}).length > 0,
        });
        const payload = {
          audience: 'citizen' as const,
          dedupeKey: key(`citizen:${effect.template}`),
          template: effect.template,
          caseId: kase.id,
          language: kase.language,
          messageId: ctx.outboundMessageId ?? null,
        };
        if (kind) messages.push({ kind, payload });
        // The citizens who support the case instead of filing it again, or whose cases were merged
        // into it, hear of the answer too.
        if (effect.template === 'answered' && (kase.supportCount ?? 1) > 1)
          messages.push({
            kind: 'supporters',
            dedupeKey: key('supporters'),
            payload: { caseId: kase.id, messageId: ctx.outboundMessageId ?? null },
          });
        break;
      }
      case 'notifyUnit': {
        // An escalation climbs: the unit's head, then the unit above, then the Government Office.
        const unitCode =
          effect.template === 'escalated'
            ? escalationRecipient(kase.owningUnit.path, kase.escalationLevel)
            : kase.owningUnit.code;
        const readers = unitNoticeAudience(effect.template, !!kase.assignee);
        messages.push({
          kind: 'email',
          payload: {
            audience: 'unit',
            dedupeKey: key(`unit:${effect.template}`),
            template: effect.template,
            caseId: kase.id,
            unitCode,
            readers,
            ...(effect.template === 'escalated' ? { level: kase.escalationLevel } : {}),
            ...(readers === 'assignee' ? { assigneeId: kase.assignee!.id } : {}),
          },
        });
        break;
      }
      default:
        break;
    }
  }
  return messages;
}
