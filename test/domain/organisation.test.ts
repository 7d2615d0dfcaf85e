import { describe, expect, it } from 'vitest';
import { OrganisationSchema, computeEntitlement, defaultPolicy, type Organisation } from '../../functions/domain/index.js';

const anOrg = (over: Partial<Organisation> = {}): Organisation => OrganisationSchema.parse({
  id: 'acme', name: 'Acme', kind: 'direct', subscription: { validFrom: '2026-01-01', validTo: '2026-12-31' }, ...over,
});

describe('R-ENT-1: support needs an active subscription, judged on the Israeli date of the opening', () => {
  it('is active within the validity period, inclusive of its last day in Israel time', () => {
    expect(computeEntitlement(anOrg(), defaultPolicy, '2026-12-31T21:59:00Z').subscription).toBe('active'); // 23:59 Israel
  });
  it('is expired after it, and without any subscription', () => {
    expect(computeEntitlement(anOrg(), defaultPolicy, '2026-12-31T22:00:00Z').subscription).toBe('expired'); // Jan 1 00:00 Israel
    expect(computeEntitlement(anOrg({ subscription: null }), defaultPolicy, '2026-06-01T10:00:00Z').subscription).toBe('expired');
  });
});

describe('R-ENT-2, R-CAL-3: packages in force at the opening; extended hours switch the calendar', () => {
  it('records only the packages valid that day', () => {
    const org = anOrg({ packages: [
      { kind: 'extended-hours', validFrom: '2026-01-01', validTo: '2026-06-30' },
      { kind: 'installs-upgrades', validFrom: '2025-01-01', validTo: '2025-12-31' },
    ] });
    expect(computeEntitlement(org, defaultPolicy, '2026-06-01T10:00:00Z')).toMatchObject({ calendar: 'extended', packages: ['extended-hours'] });
    expect(computeEntitlement(org, defaultPolicy, '2026-07-01T10:00:00Z')).toMatchObject({ calendar: 'basic', packages: [] });
  });
});

describe('R-ENT-3: a CSS organisation has its CSM (and CSE) on its tickets', () => {
  const csm = { name: 'Maya', email: 'maya@center.example' };
  it('carries the CSM with a valid CSS package', () => {
    const org = anOrg({ csm, packages: [{ kind: 'css', validFrom: '2026-01-01', validTo: '2026-12-31' }] });
    expect(computeEntitlement(org, defaultPolicy, '2026-06-01T10:00:00Z')).toMatchObject({ css: true, csm, cse: null });
  });
  it('not without one', () => {
    expect(computeEntitlement(anOrg({ csm }), defaultPolicy, '2026-06-01T10:00:00Z')).toMatchObject({ css: false, csm: null });
  });
});

describe('R-PARTY-1, R-PARTY-2: three kinds of organisation; a partner\'s customer is billed through its partner', () => {
  it('bills the partner for its customer, and a direct customer itself', () => {
    const globex = anOrg({ id: 'globex', kind: 'partner-customer', partnerId: 'partner-one' });
    expect(computeEntitlement(globex, defaultPolicy, '2026-06-01T10:00:00Z').billToOrganisationId).toBe('partner-one');
    expect(computeEntitlement(anOrg(), defaultPolicy, '2026-06-01T10:00:00Z').billToOrganisationId).toBe('acme');
  });
  it('refuses a partner\'s customer without its partner, and a partner on a direct customer', () => {
    expect(OrganisationSchema.safeParse({ id: 'globex', name: 'G', kind: 'partner-customer', subscription: null }).success).toBe(false);
    expect(OrganisationSchema.safeParse({ id: 'acme', name: 'A', kind: 'direct', partnerId: 'p', subscription: null }).success).toBe(false);
  });
});
