import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { Attachment, type Case, type CaseMessage, type EntityManager, storeAttachmentBlob } from '@caunoi/db';
import { AppError } from '../http/app-error';

/** What citizens send about a road, a document or a decision: photos, scans, office files, short videos. */
const ALLOWED = new Map<string, string[]>([
  ['image/jpeg', ['.jpg', '.jpeg']],
  ['image/png', ['.png']],
  ['image/webp', ['.webp']],
  ['image/gif', ['.gif']],
  ['image/heic', ['.heic']],
  ['application/pdf', ['.pdf']],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['.docx']],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['.xlsx']],
  ['application/x-cfb', ['.doc', '.xls']],
  ['video/mp4', ['.mp4']],
  ['text/plain', ['.txt']],
]);

export const ATTACHMENT_LIMITS = { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 };

export interface IncomingFile {
  fileName: string;
  /** What the sender claimed (multipart Content-Type, mail part type); checked, never trusted. */
  declaredType: string | null;
  content: Buffer;
}

export interface CheckedAttachment {
  fileName: string;
  mime: string;
  sha256: string;
  content: Buffer;
}

/**
 * The type of a file is read from its bytes (file-type's magic numbers), not from its name or the
 * sender's header: a `.pdf` that is a Windows program is refused, naming the file. Plain text has
 * no magic number, so a `.txt` is accepted when its bytes are valid UTF-8 without control codes.
 */
export async function checkAttachment(file: IncomingFile, field: string): Promise<CheckedAttachment> {
  // Each refusal carries a code and its facts beside the English message, for the portal's Vietnamese.
  const reject = (code: string, message: string, params: Record<string, string | number> = {}) =>
    new AppError('VALIDATION_FAILED', `Attachment ${file.fileName} was refused`, {
      fields: [{ field, message, code, params: { file: file.fileName, ...params } }],
    });
  if (file.content.length === 0) throw reject('attachment.empty', `${file.fileName} is empty`);
  if (file.content.length > ATTACHMENT_LIMITS.maxFileBytes)
    throw reject(
      'attachment.tooLarge',
      `${file.fileName} is larger than ${ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024} MB`,
      { maximum: ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024 },
    );
  const detected = await fileTypeFromBuffer(file.content);
  const extension = extname(file.fileName).toLowerCase();
  let mime: string;
  if (detected) {
    mime = detected.mime === 'image/heif' ? 'image/heic' : detected.mime;
    if (!ALLOWED.has(mime))
      throw reject(
        'attachment.notAccepted',
        `${file.fileName} contains ${detected.mime} (.${detected.ext}), which is not accepted; send photos, PDF, Word, Excel, MP4 or text`,
        { type: detected.mime },
      );
  } else if (isPlainText(file.content)) {
    mime = 'text/plain';
  } else {
    throw reject(
      'attachment.unrecognised',
      `the type of ${file.fileName} could not be recognised from its content; send photos, PDF, Word, Excel, MP4 or text`,
    );
  }
  const extensions = ALLOWED.get(mime)!;
  if (extension && !extensions.includes(extension)) {
    throw reject(
      'attachment.misnamed',
      `${file.fileName} is named ${extension} but its content is ${mime}; rename it to ${extensions[0]} or send the right file`,
      { extension, type: mime, expected: extensions[0]! },
    );
  }
  if (file.declaredType && !sameFamily(file.declaredType, mime)) {
    throw reject(
      'attachment.mislabelled',
      `${file.fileName} was sent as ${file.declaredType} but its content is ${mime}`,
      { declared: file.declaredType, type: mime },
    );
  }
  return {
    fileName: safeFileName(file.fileName, extensions[0]!),
    mime,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
  };
}

/** Stores each file's bytes once (by sha256) and links them to the case and its message. */
export async function storeAttachments(
  tx: EntityManager,
  kase: Case,
  message: CaseMessage | null,
  files: readonly CheckedAttachment[],
): Promise<Attachment[]> {
  const stored: Attachment[] = [];
  for (const file of files) {
    await storeAttachmentBlob(tx, file);
    const attachment = tx.create(Attachment, {
      case: kase,
      message,
      blob: file.sha256,
      fileName: file.fileName,
      mime: file.mime,
      size: file.content.length,
    });
    tx.persist(attachment);
    stored.push(attachment);
  }
  return stored;
}

/**
 * Valid UTF-8 without control codes other than tab, line breaks and form feed. Read on the bytes,
 * not as a string: a 10 MB Vietnamese text decoded would be 20 MB more of this process's memory.
 * Control codes are single bytes that never occur inside a multi-byte UTF-8 sequence.
 */
function isPlainText(bytes: Buffer): boolean {
  if (!isUtf8(bytes)) return false;
  for (let i = 0; i < bytes.length; i++) if (CONTROL_BYTE[bytes[i]!]) return false;
  return true;
}

const CONTROL_BYTE = Uint8Array.from({ length: 256 }, (_, b) => (b <= 0x08 || (b >= 0x0e && b <= 0x1f) ? 1 : 0));

/** Browsers and mail clients send generic types; only a claim of a different family is a lie worth refusing. */
function sameFamily(declared: string, detected: string): boolean {
  const d = declared.toLowerCase().split(';')[0]!.trim();
  if (d === '' || d === 'application/octet-stream' || d === detected) return true;
  const [declaredTop] = d.split('/');
  const [detectedTop] = detected.split('/');
  if (declaredTop === 'image' && detectedTop === 'image') return true;
  if (detected.startsWith('application/vnd.openxmlformats') || detected === 'application/x-cfb')
    return d.startsWith('application/');
  return false;
}

function safeFileName(name: string, extension: string): string {
  const base = name
    .replace(/[/\\\u0000-\u001F]/g, '_')
    .trim()
    .slice(-200);
  return base || `file${extension}`;
}
