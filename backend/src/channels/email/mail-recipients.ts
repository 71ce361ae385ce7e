import { findUnitByMailbox } from '@caunoi/db';
import type { EntityManager } from '@caunoi/db';

export type RecipientTarget =
  | { kind: 'unit'; unitCode: string }
  | { kind: 'triage' }
  | { kind: 'unknown'; reason: string };

/**
 * `<unit code>@INTAKE_DOMAIN` (or one of the unit's intake aliases) reaches that unit; any other
 * local part at our domain (`gopy@`, `pakn@`) is a general mailbox whose mail goes to triage;
 * another domain is not ours (DESIGN.md §8).
 */
export async function resolveRecipient(
  em: EntityManager,
  address: string,
  intakeDomain: string,
): Promise<RecipientTarget> {
  const at = address.lastIndexOf('@');
  if (at < 1) return { kind: 'unknown', reason: `${address} is not a mail address` };
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  if (domain !== intakeDomain)
    return { kind: 'unknown', reason: `this server receives mail for @${intakeDomain} only` };
  const unitCode = await findUnitByMailbox(em, local);
  return unitCode ? { kind: 'unit', unitCode } : { kind: 'triage' };
}
