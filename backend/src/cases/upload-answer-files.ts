import type { EntityManager } from '@caunoi/db';
import type { TUploadedAttachment } from '@caunoi/contract';
import { FINAL_CASE_STATUSES, caseScopeFor } from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';
import { readFormBody } from '../channels/portal/read-form-body';
import {
  ATTACHMENT_LIMITS,
  type CheckedAttachment,
  checkAttachment,
  storeAttachments,
} from '../transitions/attachments';
import { lockCase } from '../transitions/change-case';

/**
 * Files for an answer (the signed document as a PDF, photos of the work done), uploaded before the
 * answer is sent: checked as a citizen's files are (type from the content, size), kept on the case
 * without a message, and sent with the answer that names their ids.
 */
export async function uploadAnswerFiles(
  em: EntityManager,
  principal: Principal,
  caseId: number,
  raw: Buffer,
  contentType: string,
): Promise<TUploadedAttachment[]> {
  if (!contentType.toLowerCase().startsWith('multipart/form-data'))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data, in the field "files"');
  const form = await readFormBody(raw, contentType);
  if (!form.files.length)
    throw new AppError('VALIDATION_FAILED', 'No file', { fields: [{ field: 'files', message: 'choose a file' }] });
  if (form.files.length > ATTACHMENT_LIMITS.maxFiles)
    throw new AppError('VALIDATION_FAILED', 'Too many files', {
      fields: [{ field: 'files', message: `at most ${ATTACHMENT_LIMITS.maxFiles} files at once` }],
    });
  const checked: CheckedAttachment[] = [];
  for (const [index, file] of form.files.entries()) checked.push(await checkAttachment(file, `files[${index}]`));
  return em.transactional(async (tx) => {
    // In the officer's jurisdiction, and still open: a finished case takes no new answer.
    const kase = await lockCase(tx, caseId, caseScopeFor(principal));
    if ((FINAL_CASE_STATUSES as readonly string[]).includes(kase.status) || principal.role === 'govOffice')
      throw new AppError('CONFLICT', `Case ${kase.trackingCode} takes no answer now`, { status: kase.status });
    const stored = await storeAttachments(tx, kase, null, checked);
    await tx.flush();
    return stored.map((a) => ({ id: a.id, fileName: a.fileName, mime: a.mime, size: a.size }));
  });
}
