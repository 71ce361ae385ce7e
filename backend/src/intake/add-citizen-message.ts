import { LockMode } from '@mikro-orm/core';
import { Case, CaseMessage, type EntityManager } from '@caunoi/db';
import { type Channel, citizenMessageDisposition, transitionCase } from '@caunoi/workflows';
import { appendCaseEvent } from '../audit/append-case-event';
import { commitTransition } from '../cases/commit-transition';
import { writeOutbox } from '../outbox/write-outbox';
import type { SlaContext } from '../sla/sla-context';
import { type CheckedAttachment, storeAttachments } from './attachments';

export interface CitizenMessage {
  channel: Channel;
  body: string;
  subject?: string | null;
  externalId: string | null;
  attachments?: CheckedAttachment[];
  receivedAt: Date;
}

export type AddedMessage = { kind: 'reply' | 'note'; caseId: number } | { kind: 'followUp'; finishedCase: Case };

/**
 * Adds a citizen's message to their case, as the workflows rule says: their answer to a question
 * resumes the case (`citizenReplied`, through the same commit as any transition); on an open case
 * it joins the conversation with a CITIZEN_MESSAGE audit event and the unit is told; a finished
 * case is handed back so that the channel opens a follow-up case.
 */
export async function addCitizenMessage(tx: EntityManager, sla: SlaContext, caseId: number, message: CitizenMessage): Promise<AddedMessage> {
  const kase = await tx.findOneOrFail(Case, caseId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  await tx.populate(kase, ['owningUnit', 'citizen', 'category']);
  const disposition = citizenMessageDisposition(kase.status);
  if (disposition === 'followUp') return { kind: 'followUp', finishedCase: kase };

  if (disposition === 'reply') {
    const event = { type: 'citizenReplied' as const, message: message.body };
    const result = transitionCase(kase.machineSnapshot as never, event, { actor: { kind: 'citizen', relation: 'none' } });
    if (!result.ok) throw new Error(`citizenReplied refused on ${kase.trackingCode}: ${result.message}`);
    const committed = await commitTransition(tx, sla, kase, event, result, { actorType: 'citizen', actor: 'citizen', userId: null }, null, message.receivedAt, {}, { channel: message.channel, externalId: message.externalId });
    if (committed.message && message.attachments?.length) await storeAttachments(tx, kase, committed.message, message.attachments);
    return { kind: 'reply', caseId: kase.id };
  }

  const note = tx.create(CaseMessage, { case: kase, direction: 'inbound', channel: message.channel, subject: message.subject ?? null, body: message.body, externalId: message.externalId, deliveryStatus: 'received', createdAt: message.receivedAt });
  tx.persist(note);
  await tx.flush();
  const audit = await appendCaseEvent(tx, kase, {
    type: 'CITIZEN_MESSAGE',
    actorType: 'citizen',
    actor: 'citizen',
    fromStatus: kase.status,
    toStatus: null,
    payload: { channel: message.channel, messageId: note.id, ...(message.attachments?.length ? { attachments: message.attachments.map((a) => ({ fileName: a.fileName, mime: a.mime, sha256: a.sha256 })) } : {}) },
    at: message.receivedAt,
  });
  if (message.attachments?.length) await storeAttachments(tx, kase, note, message.attachments);
  writeOutbox(tx, [{ type: 'notifyUnit', template: 'citizenReplied' }, { type: 'broadcast', event: 'case.updated' }], { kase, eventSeq: audit.seq, previousOwningUnitPath: null, now: message.receivedAt });
  await tx.flush();
  return { kind: 'note', caseId: kase.id };
}
