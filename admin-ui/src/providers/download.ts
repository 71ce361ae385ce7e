import { session } from './session';

/** Downloads a file the API serves only with the officer's token (a plain link would not carry it). */
export async function downloadWithToken(url: string, fileName: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${session.token()}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const href = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href, download: fileName });
  link.click();
  URL.revokeObjectURL(href);
}
