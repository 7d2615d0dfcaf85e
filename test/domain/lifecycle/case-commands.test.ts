import { describe, expect, it } from 'vitest';
import { defaultPolicy, escalateExternally, escalateInternally, updateCase } from '../../../functions/domain/index.js';
import { AGENT, CUSTOMER, aTicket, eventsOf } from '../../fixtures/builders.js';

const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';

describe('R-ESC-1: internal escalation moves a ticket up the tiers, up to the vendor', () => {
  it('goes from tier 1 to 2, 3 and 4 (the vendor), each recorded', () => {
    let ticket = aTicket(SUN_0900);
    for (const tier of [2, 3, 4]) {
      const changed = escalateInternally(ticket, AGENT, 'needs a senior look', defaultPolicy, SUN_1000);
      expect(changed.ticket.tier).toBe(tier);
      expect(eventsOf(changed.events, 'escalated')[0]?.data).toMatchObject({ kind: 'internal', toTier: tier });
      ticket = changed.ticket;
    }
    expect(() => escalateInternally(ticket, AGENT, 'more', defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'invalid-transition' }));
  });
  it('is refused to a customer', () => {
    expect(() => escalateInternally(aTicket(SUN_0900), CUSTOMER, 'hurry', defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'not-allowed' }));
  });
});

describe('R-ESC-2: a dissatisfied customer escalates to the Head of Support, then to the CCO', () => {
  it('goes to the HOS, then the CCO, and no further', () => {
    const hos = escalateExternally(aTicket(SUN_0900), CUSTOMER, 'No progress for a week', defaultPolicy, SUN_1000);
    expect(hos.ticket.externalEscalation).toBe('hos');
    const cco = escalateExternally(hos.ticket, CUSTOMER, 'The HOS did not help', defaultPolicy, SUN_1000);
    expect(cco.ticket.externalEscalation).toBe('cco');
    expect(eventsOf(cco.events, 'escalated')[0]?.data).toMatchObject({ kind: 'external', from: 'hos', to: 'cco' });
    expect(() => escalateExternally(cco.ticket, CUSTOMER, 'again', defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'invalid-transition' }));
  });
  it('needs a reason', () => {
    expect(() => escalateExternally(aTicket(SUN_0900), CUSTOMER, '', defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

describe('R-TKT-3, R-TKT-4, R-TKT-7: an agent classifies the fault and the outage', () => {
  it('records vendor or application fault and outage, field by field', () => {
    const changed = updateCase(aTicket(SUN_0900), { fault: 'vendor', outage: true }, AGENT, defaultPolicy, SUN_1000);
    expect(changed.ticket).toMatchObject({ fault: 'vendor', outage: true });
    expect(eventsOf(changed.events, 'ticket-updated')[0]?.data).toEqual({ changes: { fault: { from: null, to: 'vendor' }, outage: { from: false, to: true } } });
  });
  it('R-TKT-7: an application fault is routed to Professional Services by default', () => {
    const changed = updateCase(aTicket(SUN_0900), { fault: 'application' }, AGENT, defaultPolicy, SUN_1000);
    expect(eventsOf(changed.events, 'ticket-updated')[0]?.data).toMatchObject({ routing: 'professional-services' });
  });
  it('a customer may not classify the fault', () => {
    expect(() => updateCase(aTicket(SUN_0900), { fault: 'vendor' }, CUSTOMER, defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'not-allowed' }));
  });
});

describe('R-ACC-1: the ticket records whether remote access was granted; it is not a precondition', () => {
  it('opens without remote access and the customer may grant it later', () => {
    const ticket = aTicket(SUN_0900, { case: { remoteAccess: false } });
    expect(ticket.status).toBe('new');
    expect(updateCase(ticket, { remoteAccess: true }, CUSTOMER, defaultPolicy, SUN_1000).ticket.remoteAccess).toBe(true);
  });
});
