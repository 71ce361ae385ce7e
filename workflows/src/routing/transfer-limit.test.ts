import { describe, expect, it } from 'vitest';
import { lowestCommonParent, transferDestination } from './transfer-limit';

describe('a case bounced between units', () => {
  it('finds the lowest unit above both sides', () => {
    expect(lowestCommonParent('/VPCP/01/00004/', '/VPCP/01/00008/')).toBe('01');
    expect(lowestCommonParent('/VPCP/01/00004/', '/VPCP/79/25747/')).toBe('VPCP');
    expect(lowestCommonParent('/VPCP/01/', '/VPCP/01/00004/')).toBe('01');
  });

  it('goes where asked for the first two transfers, and above both sides from the third', () => {
    expect(transferDestination('/VPCP/01/00004/', '/VPCP/01/00008/', 0)).toEqual({
      unitCode: '00008',
      escalated: false,
    });
    expect(transferDestination('/VPCP/01/00008/', '/VPCP/01/00004/', 1)).toEqual({
      unitCode: '00004',
      escalated: false,
    });
    expect(transferDestination('/VPCP/01/00004/', '/VPCP/01/00008/', 2)).toEqual({ unitCode: '01', escalated: true });
  });

  it('keeps a transfer up to the parent itself as it is', () => {
    expect(transferDestination('/VPCP/01/00004/', '/VPCP/01/', 5)).toEqual({ unitCode: '01', escalated: false });
  });
});
