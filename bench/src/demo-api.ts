/** What the benches ask the running API as the demo officers (password `caunoi-demo`). */

/** A demo officer's login token. */
export async function demoToken(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'caunoi-demo' }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The first page of a case list with a filter and a sort (react-admin's query dialect). */
export function caseListPath(filter: object, sort = '["receivedAt","DESC"]'): string {
  return `/api/cases?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent(sort)}&range=${encodeURIComponent('[0,24]')}`;
}
