import { type Case, CaseMessage, type EntityManager } from '@caunoi/db';
import { type Channel, citizenMessageDisposition } from '@caunoi/workflows';
import type { SlaContext } from './sla-context';
import { changeCase, lockCase } from './change-case';
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
 * resumes the case (`citizenReplied`); on another open case it joins the conversation
 * (`citizenNote`: the unit is told); both through the one path. A finished case is handed back so
 * that the channel opens a follow-up case.
 */
export async function addCitizenMessage(
  tx: EntityManager,
  sla: SlaContext,
  caseId: number,
  message: CitizenMessage,
): Promise<AddedMessage> {
  const kase = await lockCase(tx, caseId);
  const disposition = citizenMessageDisposition(kase.status);
  if (disposition === 'followUp') return { kind: 'followUp', finishedCase: kase };
  const committed = await changeCase(tx, sla, kase, {
    event:
      disposition === 'reply'
        ? { type: 'citizenReplied', message: message.body }
        : { type: 'citizenNote', message: message.body },
    context: { actor: { kind: 'citizen', relation: 'none' } },
    actor: { actorType: 'citizen', actor: 'citizen', userId: null },
    now: message.receivedAt,
    origin: { channel: message.channel, externalId: message.externalId, subject: message.subject ?? null },
    ...(message.attachments?.length
      ? {
          auditExtra: {
            attachments: message.attachments.map((a) => ({ fileName: a.fileName, mime: a.mime, sha256: a.sha256 })),
          },
        }
      : {}),
  });
  if (committed.message && message.attachments?.length)
    await storeAttachments(tx, kase, tx.getReference(CaseMessage, committed.message.id), message.attachments);
  return { kind: disposition, caseId: kase.id };
}
