import { type EntityManager, findCaseIdInScope } from '@caunoi/db';
import { caseScopeFor } from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';

export interface AttachmentFile {
  fileName: string;
  mime: string;
  content: Buffer;
}

/** A case's attachment for an officer whose jurisdiction covers the case (404 otherwise, as for the case). */
export async function getAttachment(em: EntityManager, principal: Principal, caseId: number, attachmentId: number): Promise<AttachmentFile> {
  if (!(await findCaseIdInScope(em, caseScopeFor(principal), caseId))) throw new AppError('NOT_FOUND', `No case ${caseId}`);
  const [row] = await em.execute<Array<{ file_name: string; mime: string; content: Buffer }>>(
    'select a.file_name, a.mime, b.content from attachment a join attachment_blob b on b.sha256 = a.blob_sha256 where a.id = ? and a.case_id = ?',
    [attachmentId, caseId],
  );
  if (!row) throw new AppError('NOT_FOUND', `No attachment ${attachmentId} on case ${caseId}`);
  return { fileName: row.file_name, mime: row.mime, content: row.content };
}
