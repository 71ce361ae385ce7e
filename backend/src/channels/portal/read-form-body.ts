import busboy from 'busboy';
import { AppError } from '../../http/app-error';
import { withoutControlCharacters } from '../../intake/plain-text';
import { ATTACHMENT_LIMITS, type IncomingFile } from '../../transitions/attachments';

export interface FormBody {
  fields: Record<string, unknown>;
  files: Array<IncomingFile & { field: string }>;
}

/**
 * Reads a stored request body as JSON, multipart (with files) or a plain HTML form. It reads the
 * raw bytes that were stored, not the live request, so a retry parses exactly what arrived.
 */
export async function readFormBody(raw: Buffer, contentType: string): Promise<FormBody> {
  const body = await readBody(raw, contentType);
  return { fields: fieldsWithoutControlCharacters(body.fields), files: body.files };
}

/**
 * Control characters nobody types (NUL first: PostgreSQL cannot store it) are dropped from every
 * field at the edge, so a pasted or forged one never turns a good submission into a failure. Tab
 * and line breaks stay.
 */
function fieldsWithoutControlCharacters(fields: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return withoutControlCharacters(value);
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k) as string, clean(v)]));
    return value;
  };
  return clean(fields) as Record<string, unknown>;
}

async function readBody(raw: Buffer, contentType: string): Promise<FormBody> {
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8') || 'null');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new SyntaxError('the body must be a JSON object');
      return { fields: parsed as Record<string, unknown>, files: [] };
    } catch (error) {
      throw new AppError('VALIDATION_FAILED', 'The body is not valid JSON', {
        fields: [{ field: '(body)', message: (error as Error).message }],
      });
    }
  }
  if (type === 'application/x-www-form-urlencoded')
    return { fields: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  if (type === 'multipart/form-data') return readMultipart(raw, contentType);
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Type ${type || '(none)'} is not accepted`, {
    fields: [
      {
        field: 'Content-Type',
        message: 'send application/json, multipart/form-data (with attachments) or application/x-www-form-urlencoded',
      },
    ],
  });
}

function readMultipart(raw: Buffer, contentType: string): Promise<FormBody> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, unknown> = {};
    const files: FormBody['files'] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: {
          files: ATTACHMENT_LIMITS.maxFiles,
          fileSize: ATTACHMENT_LIMITS.maxFileBytes,
          fields: 50,
          fieldSize: 100_000,
        },
        defParamCharset: 'utf8',
      });
    } catch (error) {
      reject(
        new AppError('VALIDATION_FAILED', 'The multipart body cannot be read', {
          fields: [{ field: 'Content-Type', message: (error as Error).message }],
        }),
      );
      return;
    }
    const problems: Array<{ field: string; message: string; code: string; params?: Record<string, string | number> }> =
      [];
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    // Every stream gets an error listener: a body cut off inside a file makes busboy fail the file
    // stream as well as the parser, and an unheard stream error would end the whole process.
    const malformed = (error: Error) =>
      reject(
        new AppError('VALIDATION_FAILED', 'The multipart body is malformed', {
          fields: [
            {
              field: '(body)',
              code: 'body.cutOff',
              message: `${error.message}: the upload was cut off or is not valid multipart/form-data; send it again`,
            },
          ],
        }),
      );
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('error', malformed);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () =>
        problems.push({
          field: `${name}[${files.length}]`,
          code: 'attachment.tooLarge',
          params: { file: info.filename ?? '', maximum: ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024 },
          message: `${info.filename} is larger than ${ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024} MB`,
        }),
      );
      stream.on('close', () => {
        if (info.filename)
          files.push({
            field: name,
            fileName: info.filename,
            declaredType: info.mimeType || null,
            // Busboy hands out views of the stored body, usually one per file: kept as they are, a
            // 10 MB file is not copied again (the body outlives the form anyway).
            content: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
          });
      });
    });
    parser.on('filesLimit', () =>
      problems.push({
        field: 'attachments',
        code: 'attachments.tooMany',
        params: { maximum: ATTACHMENT_LIMITS.maxFiles },
        message: `at most ${ATTACHMENT_LIMITS.maxFiles} files`,
      }),
    );
    parser.on('error', malformed);
    parser.on('close', () => {
      if (problems.length) {
        const tooLarge = problems.some((p) => p.code === 'attachment.tooLarge');
        reject(
          new AppError(tooLarge ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', 'Attachments over the limits', {
            fields: problems,
          }),
        );
      } else resolve({ fields, files });
    });
    try {
      parser.end(raw);
    } catch (error) {
      malformed(error as Error);
    }
  });
}
