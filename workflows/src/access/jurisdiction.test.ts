import { describe, expect, it } from 'vitest';
import { canSeeCitizenContact, caseScopeFor, relationToOwningUnit, reportScopeFor, unitsAbove } from './jurisdiction';

describe('jurisdiction', () => {
  it('gives an officer its unit, a supervisor its subtree, the Government Office everything', () => {
    expect(caseScopeFor({ role: 'officer', unitId: 4, unitPath: '/VPCP/01/00004/' })).toEqual({
      kind: 'unit',
      unitId: 4,
    });
    expect(caseScopeFor({ role: 'supervisor', unitId: 1, unitPath: '/VPCP/01/' })).toEqual({
      kind: 'subtree',
      pathPrefix: '/VPCP/01/',
    });
    expect(caseScopeFor({ role: 'govOffice', unitId: 0, unitPath: '/VPCP/' })).toEqual({ kind: 'all' });
  });

  it('relates a province to its communes but not to its neighbours', () => {
    expect(relationToOwningUnit('/VPCP/01/', '/VPCP/01/00004/')).toBe('ancestorUnit');
    expect(relationToOwningUnit('/VPCP/01/00004/', '/VPCP/01/00004/')).toBe('owningUnit');
    expect(relationToOwningUnit('/VPCP/01/00004/', '/VPCP/01/00007/')).toBe('none');
    // Paths end with a slash, so a code that prefixes another (01 / 010…) never counts as above it.
    expect(relationToOwningUnit('/VPCP/01/', '/VPCP/010/')).toBe('none');
    expect(relationToOwningUnit('/VPCP/79/', '/VPCP/01/00004/')).toBe('none');
  });

  it('keeps contact data from oversight roles', () => {
    expect(canSeeCitizenContact('officer')).toBe(true);
    expect(canSeeCitizenContact('govOffice')).toBe(false);
    expect(canSeeCitizenContact('admin')).toBe(false);
  });

  it('lets oversight roles summarise the country and units their own subtree', () => {
    expect(reportScopeFor({ role: 'govOffice', unitId: 0, unitPath: '/VPCP/' })).toBeUndefined();
    expect(reportScopeFor({ role: 'supervisor', unitId: 1, unitPath: '/VPCP/01/' })).toBe('/VPCP/01/');
  });

  it('lists the units whose rooms hear about a case', () => {
    expect(unitsAbove('/VPCP/01/00004/')).toEqual(['VPCP', '01', '00004']);
  });
});
