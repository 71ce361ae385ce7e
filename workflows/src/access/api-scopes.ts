/**
 * What an agency's system may do with its API key: submit on behalf of citizens, read its unit's
 * cases (its subtree), act on them. A key is bound to one unit.
 */
export const API_SCOPES = ['submit', 'read', 'transition'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiClientGrant {
  scopes: readonly string[];
  /** The bound unit's materialised path, `/VPCP/01/`. */
  unitPath: string;
}

export function hasApiScope(client: ApiClientGrant, scope: ApiScope): boolean {
  return client.scopes.includes(scope);
}

/** A key reads a case's details (its words, not the citizen's contact data) when the case is in its unit's subtree. */
export function canApiClientReadCase(client: ApiClientGrant | null, owningUnitPath: string): boolean {
  return !!client && hasApiScope(client, 'read') && owningUnitPath.startsWith(client.unitPath);
}
