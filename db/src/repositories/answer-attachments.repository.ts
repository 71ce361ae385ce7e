import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Files an officer uploads for an answer (the signed document, photos of the work done): stored on
 * the case without a message until the answer that names them is written, then linked to it.
 */

/** Which of these ids are the case's files still waiting for an answer (uploaded, not sent with one). */
export async function findUnsentAttachmentIds(
  em: EntityManager,
  caseId: number,
  ids: readonly number[],
): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await em.execute<Array<{ id: number }>>(
    `select id from attachment where case_id = ? and message_id is null and id in (select json_array_elements_text(?::json)::int)`,
    [caseId, JSON.stringify(ids)],
  );
  return rows.map((r) => r.id);
}

/** Links the files to the answer's message (the ones still unsent: a retry links nothing twice). */
export async function linkAttachmentsToMessage(
  em: EntityManager,
  caseId: number,
  ids: readonly number[],
  messageId: number,
): Promise<number> {
  if (!ids.length) return 0;
  const rows = await em.execute<Array<{ id: number }>>(
    `update attachment set message_id = ? where case_id = ? and message_id is null
       and id in (select json_array_elements_text(?::json)::int) returning id`,
    [messageId, caseId, JSON.stringify(ids)],
  );
  return rows.length;
}

/** The files of a message with their bytes, for the mail that carries it (at most `maxBytes` in all). */
export async function findMessageFiles(
  em: EntityManager,
  messageId: number,
  maxBytes: number,
): Promise<{ files: Array<{ fileName: string; mime: string; content: Buffer }>; left: string[] }> {
  const rows = await em.execute<Array<{ file_name: string; mime: string; size: number; id: number }>>(
    'select id, file_name, mime, size from attachment where message_id = ? order by id',
    [messageId],
  );
  const files: Array<{ fileName: string; mime: string; content: Buffer }> = [];
  const left: string[] = [];
  let total = 0;
  for (const row of rows) {
    if (total + row.size > maxBytes) {
      left.push(row.file_name);
      continue;
    }
    const [blob] = await em.execute<Array<{ content: Buffer }>>(
      'select b.content from attachment a join attachment_blob b on b.sha256 = a.blob_sha256 where a.id = ?',
      [row.id],
    );
    if (!blob) continue;
    total += row.size;
    files.push({ fileName: row.file_name, mime: row.mime, content: blob.content });
  }
  return { files, left };
}
