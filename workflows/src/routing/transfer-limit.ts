/**
 * A case bounced between units is a case nobody takes (DESIGN.md §3): from the third transfer on,
 * it goes to the lowest unit above both sides, which decides. Configurable per deployment.
 */
export const DEFAULT_TRANSFER_LIMIT = 3;

/** The lowest unit whose subtree holds both paths (`/VPCP/01/00004/`, `/VPCP/01/00008/` → `01`). */
export function lowestCommonParent(pathA: string, pathB: string): string {
  const a = pathA.split('/').filter(Boolean);
  const b = pathB.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a[Math.max(0, i - 1)]!;
}

export interface TransferDestination {
  unitCode: string;
  /** True when the limit sent the case up instead of where it was asked to go. */
  escalated: boolean;
}

/** Where a transfer really goes: the requested unit, or above both once the limit is reached. */
export function transferDestination(
  currentPath: string,
  requestedPath: string,
  transfersSoFar: number,
  limit = DEFAULT_TRANSFER_LIMIT,
): TransferDestination {
  const requested = requestedPath.split('/').filter(Boolean).at(-1)!;
  if (transfersSoFar + 1 < limit) return { unitCode: requested, escalated: false };
  const parent = lowestCommonParent(currentPath, requestedPath);
  const current = currentPath.split('/').filter(Boolean).at(-1)!;
  // Above both means neither side: if the parent is one of them, the requested unit is already above.
  return parent === requested || parent === current
    ? { unitCode: requested, escalated: false }
    : { unitCode: parent, escalated: true };
}
