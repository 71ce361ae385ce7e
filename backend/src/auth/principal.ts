import type { Role } from '@caunoi/workflows';

/** The logged-in officer, as every service sees it: who, which role, which unit (and where it sits). */
export interface Principal {
  userId: number;
  email: string;
  name: string;
  role: Role;
  unitId: number;
  unitCode: string;
  unitName: string;
  /** Materialised path of the unit, `/VPCP/01/00004/`: the subtree a supervisor oversees. */
  unitPath: string;
  /** The account's token version: a token carrying another one was revoked. */
  tokenVersion: number;
  /**
   * Set when an agency's system acts through its API key (no person): it reads and acts as a
   * supervisor of its unit would, within its scopes, and its events name the key.
   */
  apiClient?: { id: number; name: string; scopes: readonly string[] };
}

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}
