import { type EntityManager, findCaseIdInScope, findAttachmentContent } from '@caunoi/db';
import { caseScopeFor } from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';

export interface AttachmentFile {
  fileName: string;
  mime: string;
  content: Buffer;
}

/** A case's attachment for an officer whose jurisdiction covers the case (404 otherwise, as for the case). */
export async function getAttachment(
  em: EntityManager,
  principal: Principal,
  caseId: number,
  attachmentId: number,
): Promise<AttachmentFile> {
  if (!(await findCaseIdInScope(em, caseScopeFor(principal), caseId)))
    throw new AppError('NOT_FOUND', `No case ${caseId}`);
  const found = await findAttachmentContent(em, caseId, attachmentId);
  if (!found) throw new AppError('NOT_FOUND', `No attachment ${attachmentId} on case ${caseId}`);
  return found;
}
