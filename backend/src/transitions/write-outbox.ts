import { type Case, type EntityManager, OutboxMessage } from '@caunoi/db';
import { type CaseEffect, type OutboxKind, citizenReplyChannel, escalationRecipient, unitNoticeAudience } from '@caunoi/workflows';

/** What the socket dispatcher needs to reach every room that must hear about the case. */
export interface SocketOutboxPayload {
  [key: string]: unknown;
  event: 'case.created' | 'case.updated' | 'escalation.raised';
  caseId: number;
  /** Paths of the units whose rooms hear it: the owner now and, after a transfer, the one before. */
  unitPaths: string[];
}

export interface OutboxContext {
  kase: Case;
  /** The audit event's sequence number: with the effect it makes the dedupe key. */
  eventSeq: number;
  previousOwningUnitPath: string | null;
  now: Date;
  /** The conversation message (question, answer, refusal) a citizen notification carries. */
  outboundMessageId?: number | null;
}

/** A notification to the citizen, rendered from a template when it is delivered. */
export interface CitizenOutboxPayload {
  [key: string]: unknown;
  audience: 'citizen';
  template: string;
  caseId: number;
  language: string;
  messageId: number | null;
}

/**
 * Turns a transition's outward effects into outbox rows in the same transaction (invariant 4).
 * Socket broadcasts are delivered by the dispatcher after commit; citizen and unit notifications
 * wait for the channel adapters (email, Zalo) that deliver them.
 */
export function writeOutbox(em: EntityManager, effects: readonly CaseEffect[], ctx: OutboxContext): OutboxMessage[] {
  const rows: OutboxMessage[] = [];
  const add = (kind: OutboxKind, key: string, payload: Record<string, unknown>) => {
    rows.push(em.create(OutboxMessage, { kind, case: ctx.kase, payload, dedupeKey: `${key}:${ctx.kase.id}:${ctx.eventSeq}`, nextAttemptAt: ctx.now }));
  };
  for (const effect of effects) {
    switch (effect.type) {
      case 'broadcast': {
        const unitPaths = [ctx.kase.owningUnit.path, ...(ctx.previousOwningUnitPath && ctx.previousOwningUnitPath !== ctx.kase.owningUnit.path ? [ctx.previousOwningUnitPath] : [])];
        add('socket', `socket:${effect.event}`, { event: effect.event, caseId: ctx.kase.id, unitPaths } satisfies SocketOutboxPayload);
        break;
      }
      case 'notifyCitizen': {
        const kind = citizenReplyChannel({ caseChannel: ctx.kase.channel, hasEmail: !!ctx.kase.citizen?.email, hasZalo: Object.keys(ctx.kase.citizen?.zaloIds ?? {}).length > 0 });
        if (kind) {
          add(kind, `citizen:${effect.template}`, {
            audience: 'citizen',
            template: effect.template,
            caseId: ctx.kase.id,
            language: ctx.kase.language,
            messageId: ctx.outboundMessageId ?? null,
          } satisfies CitizenOutboxPayload);
        }
        break;
      }
      case 'notifyUnit': {
        // An escalation climbs: the unit's head, then the unit above, then the Government Office.
        const unitCode = effect.template === 'escalated' ? escalationRecipient(ctx.kase.owningUnit.path, ctx.kase.escalationLevel) : ctx.kase.owningUnit.code;
        const readers = unitNoticeAudience(effect.template, !!ctx.kase.assignee);
        add('email', `unit:${effect.template}`, {
          audience: 'unit',
          template: effect.template,
          caseId: ctx.kase.id,
          unitCode,
          readers,
          ...(effect.template === 'escalated' ? { level: ctx.kase.escalationLevel } : {}),
          ...(readers === 'assignee' ? { assigneeId: ctx.kase.assignee!.id } : {}),
        });
        break;
      }
      default:
        break; // clock effects are applied to the case's deadline columns, not sent anywhere
    }
  }
  for (const row of rows) em.persist(row);
  return rows;
}

/**
 * Queues a message that no case transition decided (a welcome on Zalo, a reply to a refused mail,
 * the daily digest, a fallback to email) in the caller's transaction. The dedupe key makes a
 * repeat a no-op; returns whether a row was added.
 */
export async function enqueueOutbox(em: EntityManager, row: { kind: OutboxKind; caseId?: number | null; payload: Record<string, unknown>; dedupeKey: string; at?: Date }): Promise<boolean> {
  const at = row.at ?? new Date();
  const result = (await em.execute(
    `insert into outbox_message (kind, case_id, payload, dedupe_key, status, attempts, next_attempt_at, created_at)
     values (?, ?, ?, ?, 'pending', 0, ?, ?) on conflict (dedupe_key) do nothing`,
    [row.kind, row.caseId ?? null, JSON.stringify(row.payload), row.dedupeKey.slice(0, 200), at, at],
    'run',
  )) as { affectedRows?: number };
  return (result.affectedRows ?? 0) > 0;
}
