import { describe, expect, it } from 'vitest';
import type { DirectoryStore } from '../../../functions/adapters/store.js';
import {
  assertCustomerSide, assertMayAdministerDirectory, assertMayReadDirectory, assertMayWorkTickets, canSeeTicket, listScope, openingOrganisation,
} from '../../../functions/handlers/http/access.js';
import type { Role } from '../../../functions/handlers/http/caller.js';
import { aTicket } from '../../fixtures/builders.js';
import { aCaller } from '../../fixtures/http.js';

const OPENED = '2026-06-07T06:00:00.000Z';
// Tickets of: a direct customer (acme), a partner's customer (globex, served by reseller), the partner itself.
const ACME = aTicket(OPENED, { organisationId: 'acme' });
const GLOBEX = aTicket(OPENED, { organisationId: 'globex', case: { partnerId: 'reseller' } });
const RESELLER_OWN = aTicket(OPENED, { organisationId: 'reseller', case: { partnerId: 'reseller' } });
const CENTER: Role[] = ['agent-tier1', 'agent-tier2', 'agent-tier3', 'support-manager', 'customer-officer', 'admin'];

/** These paths decide without the directory; any call to it fails the test. */
const NO_DIRECTORY = new Proxy({}, { get: (_t, name) => () => { throw new Error(`the directory was read (${String(name)})`); } }) as DirectoryStore;
const codeOf = (fn: () => unknown) => { try { fn(); return 'allowed'; } catch (err) { return (err as { code: string }).code; } };

describe('R-TKT-6: a customer sees its own organisation\'s tickets, and only those', () => {
  it('sees acme\'s ticket as acme, not as globex', () => {
    expect(canSeeTicket(aCaller('customer', 'acme'), ACME)).toBe(true);
    expect(canSeeTicket(aCaller('customer', 'globex'), ACME)).toBe(false);
  });
  it('does not see its partner\'s own tickets', () => {
    expect(canSeeTicket(aCaller('customer', 'globex'), RESELLER_OWN)).toBe(false);
  });
});

describe('R-PARTY-2: a partner follows its own tickets and its customers\'', () => {
  it('sees its customer\'s ticket and its own', () => {
    expect(canSeeTicket(aCaller('partner', 'reseller'), GLOBEX)).toBe(true);
    expect(canSeeTicket(aCaller('partner', 'reseller'), RESELLER_OWN)).toBe(true);
  });
  it('does not see a direct customer\'s ticket nor another partner\'s customer\'s', () => {
    expect(canSeeTicket(aCaller('partner', 'reseller'), ACME)).toBe(false);
    expect(canSeeTicket(aCaller('partner', 'other-reseller'), GLOBEX)).toBe(false);
  });
});

describe('the center and the administrator see every ticket', () => {
  it.each(CENTER)('%s sees all', (role) => {
    for (const t of [ACME, GLOBEX, RESELLER_OWN]) expect(canSeeTicket(aCaller(role), t)).toBe(true);
  });
});

describe('role capabilities', () => {
  it('the administrator reads tickets but does not work them; everyone else may', () => {
    expect(codeOf(() => assertMayWorkTickets(aCaller('admin')))).toBe('not-allowed');
    for (const role of ['customer', 'partner', 'agent-tier1', 'support-manager', 'customer-officer'] as const) expect(codeOf(() => assertMayWorkTickets(aCaller(role, 'acme')))).toBe('allowed');
  });
  it('R-CLOSE-2: only the customer side decides on a solution', () => {
    expect(codeOf(() => assertCustomerSide(aCaller('customer', 'acme')))).toBe('allowed');
    expect(codeOf(() => assertCustomerSide(aCaller('partner', 'reseller')))).toBe('allowed');
    expect(codeOf(() => assertCustomerSide(aCaller('agent-tier1')))).toBe('not-allowed');
  });
  it('the directory: administrators change it, support managers read it, nobody else', () => {
    expect(codeOf(() => assertMayReadDirectory(aCaller('support-manager')))).toBe('allowed');
    expect(codeOf(() => assertMayReadDirectory(aCaller('agent-tier3')))).toBe('not-allowed');
    expect(codeOf(() => assertMayReadDirectory(aCaller('customer', 'acme')))).toBe('not-allowed');
    expect(codeOf(() => assertMayAdministerDirectory(aCaller('admin')))).toBe('allowed');
    expect(codeOf(() => assertMayAdministerDirectory(aCaller('support-manager')))).toBe('not-allowed');
  });
});

describe('list confinement (the directory is read only for a partner naming another organisation)', () => {
  it('R-TKT-6: a customer\'s list is its organisation\'s; another organisation gives nothing', async () => {
    expect(await listScope(aCaller('customer', 'acme'), undefined, NO_DIRECTORY)).toEqual({ organisationId: 'acme' });
    expect(await listScope(aCaller('customer', 'acme'), 'acme', NO_DIRECTORY)).toEqual({ organisationId: 'acme' });
    expect(await listScope(aCaller('customer', 'acme'), 'globex', NO_DIRECTORY)).toBeNull();
  });
  it('R-PARTY-2: a partner\'s list is everything it follows, or its own organisation', async () => {
    expect(await listScope(aCaller('partner', 'reseller'), undefined, NO_DIRECTORY)).toEqual({ partnerId: 'reseller' });
    expect(await listScope(aCaller('partner', 'reseller'), 'reseller', NO_DIRECTORY)).toEqual({ organisationId: 'reseller' });
  });
  it('the center lists everything, or the organisation it names', async () => {
    expect(await listScope(aCaller('agent-tier1'), undefined, NO_DIRECTORY)).toEqual({});
    expect(await listScope(aCaller('admin'), 'acme', NO_DIRECTORY)).toEqual({ organisationId: 'acme' });
  });
});

describe('opening a ticket: refusals decided before any read', () => {
  it('the center must name the organisation (400 naming organisationId); the administrator may not open', async () => {
    await expect(openingOrganisation(aCaller('agent-tier1'), undefined, NO_DIRECTORY)).rejects.toMatchObject({ code: 'invalid-input', context: { field: 'organisationId' } });
    await expect(openingOrganisation(aCaller('admin'), 'acme', NO_DIRECTORY)).rejects.toMatchObject({ code: 'not-allowed' });
  });
});
