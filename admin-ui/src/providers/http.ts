import { HttpError, fetchUtils } from 'react-admin';
import { session } from './session';

/** Every API call carries the officer's token; an error body's message and fields reach the notification. */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers });
  } catch (error) {
    if (error instanceof HttpError) {
      const body = error.body as
        | { error?: { message?: string; fields?: Array<{ field: string; message: string }> } }
        | undefined;
      const fields = body?.error?.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
      throw new HttpError(
        fields ? `${body?.error?.message ?? error.message} — ${fields}` : (body?.error?.message ?? error.message),
        error.status,
        error.body,
      );
    }
    throw error;
  }
}
