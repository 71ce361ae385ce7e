import type { Role } from '../domain';
import type { TransitionActor } from '../case/case-types';

/** The unit whose reception desk receives the portal and the general mailbox. */
export const RECEPTION_UNIT_CODE = 'VPCP';

/**
 * Which cases an officer sees (DESIGN.md §4.6): its own unit's; a supervisor also every unit below;
 * the Government Office and administrators all, without citizen contact data. The backend turns
 * the scope into SQL, so it is part of every query rather than a filter in the UI.
 */
export type CaseScope = { kind: 'unit'; unitId: number } | { kind: 'subtree'; pathPrefix: string } | { kind: 'all' };

export interface OfficerUnit {
  role: Role;
  unitId: number;
  /** Materialised path, `/VPCP/01/00004/`. */
  unitPath: string;
}

export function caseScopeFor(officer: OfficerUnit): CaseScope {
  switch (officer.role) {
    case 'officer':
      return { kind: 'unit', unitId: officer.unitId };
    case 'supervisor':
      return { kind: 'subtree', pathPrefix: officer.unitPath };
    case 'govOffice':
    case 'admin':
      return { kind: 'all' };
  }
}

/** Name, email, phone and Zalo ids are for the units that handle the case, not for oversight. */
export function canSeeCitizenContact(role: Role): boolean {
  return role === 'officer' || role === 'supervisor';
}

/** How an officer's unit relates to a case's owning unit, for the machine's guards. */
export function relationToOwningUnit(officerUnitPath: string, owningUnitPath: string): TransitionActor['relation'] {
  if (officerUnitPath === owningUnitPath) return 'owningUnit';
  if (owningUnitPath.startsWith(officerUnitPath)) return 'ancestorUnit';
  return 'none';
}

/** Units whose rooms hear about a case: the owning unit and every unit above it (from its path). */
export function unitsAbove(owningUnitPath: string): string[] {
  return owningUnitPath.split('/').filter(Boolean);
}

/**
 * The part of the country whose summary figures an officer may see, as a path prefix (undefined:
 * all of it). Oversight roles see the country; units see their own subtree (aggregates only).
 */
export function reportScopeFor(officer: OfficerUnit): string | undefined {
  return canSeeCitizenContact(officer.role) ? officer.unitPath : undefined;
}

/**
 * Who works the queue of inbound items that could not become cases and the outbox's dead
 * letters: administrators, and the reception desk of the Government Office that receives the
 * portal and the general mailbox. Raw items carry contact data, so oversight roles do not.
 */
export function canWorkIntakeQueue(principal: { role: Role; unitCode: string }): boolean {
  return (
    principal.role === 'admin' ||
    ((principal.role === 'officer' || principal.role === 'supervisor') && principal.unitCode === RECEPTION_UNIT_CODE)
  );
}

/**
 * Whether the contact data inside a raw inbound item (names, addresses, phone numbers, Zalo ids)
 * is shown to someone working the intake queue: to whom may see its case's contact data (the
 * case's unit, a supervisor above it), and, for an item that became no case, to the reception
 * desk that received it. Administrators and oversight see such items redacted.
 */
export function canSeeInboundContact(
  officer: OfficerUnit & { unitCode: string },
  caseUnit: { id: number; path: string } | null,
): boolean {
  if (!canSeeCitizenContact(officer.role)) return false;
  if (!caseUnit) return officer.unitCode === RECEPTION_UNIT_CODE;
  return officer.role === 'supervisor' ? caseUnit.path.startsWith(officer.unitPath) : caseUnit.id === officer.unitId;
}

/** Whether a case owned by this unit is inside a scope (for rows read without the scope in their SQL). */
export function isInCaseScope(scope: CaseScope, owningUnit: { id: number; path: string }): boolean {
  switch (scope.kind) {
    case 'unit':
      return owningUnit.id === scope.unitId;
    case 'subtree':
      return owningUnit.path.startsWith(scope.pathPrefix);
    case 'all':
      return true;
  }
}
