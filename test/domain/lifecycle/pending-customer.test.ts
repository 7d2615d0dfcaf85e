import { describe, expect, it } from 'vitest';
import { changeStatus, defaultPolicy, recordAgentReply, recordCustomerReply, type Ticket } from '../../../functions/domain/index.js';
import { AGENT, CUSTOMER, aTicket, eventsOf, fireTimer, typesOf } from '../../fixtures/builders.js';

const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';

const inProgress = (): Ticket => recordAgentReply(aTicket(SUN_0900), AGENT, defaultPolicy, SUN_1000).ticket;

describe('R-COMM-2: a message from the center unanswered for 2 business days moves the ticket to Pending Customer', () => {
  it('moves at exactly +2 business days after the agent\'s message', () => {
    const ticket = inProgress();
    expect(ticket.timers).toEqual([{ kind: 'unanswered', n: 1, dueAt: '2026-06-09T07:00:00.000Z', doneAt: null }]);
    const fired = fireTimer(ticket, '2026-06-09T07:00:00.000Z');
    expect(fired.ticket.status).toBe('pending-customer');
    expect(eventsOf(fired.events, 'status-changed')[0]).toMatchObject({ at: '2026-06-09T07:00:00.000Z', actor: { party: 'system' }, data: { rule: 'R-COMM-2' } });
  });
  it('does not move when the customer answered in time', () => {
    const answered = recordCustomerReply(inProgress(), CUSTOMER, defaultPolicy, '2026-06-08T07:00:00.000Z').ticket;
    expect(answered.timers).toEqual([]);
    expect(fireTimer(answered, '2026-06-09T07:00:00.000Z').ticket.status).toBe('in-progress');
  });
});

describe('R-PEND-1: asked to act, the ticket waits in Pending Customer until the customer responds', () => {
  it('a customer response moves it back to In Progress', () => {
    const pending = changeStatus(inProgress(), 'pending-customer', AGENT, defaultPolicy, '2026-06-08T07:00:00.000Z').ticket;
    const back = recordCustomerReply(pending, CUSTOMER, defaultPolicy, '2026-06-08T09:00:00.000Z');
    expect(back.ticket.status).toBe('in-progress');
    expect(back.ticket.timers).toEqual([]);
    expect(typesOf(back.events)).toContain('status-changed');
  });
  it('a customer cannot put a ticket in Pending Customer', () => {
    expect(() => changeStatus(inProgress(), 'pending-customer', CUSTOMER, defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'not-allowed' }));
  });
});

// Entered Tuesday 31 March 2026, 10:00 (UTC+3 since Friday's DST change), just before Pesach:
// Apr 1-2 and Apr 7-8 are closed, so the working days after are Apr 5, 6, 9, 12, 13, 14.
const ENTERED = '2026-03-31T07:00:00.000Z';
const pendingBeforePesach = () => {
  const opened = aTicket('2026-03-31T06:00:00.000Z');
  return changeStatus(opened, 'pending-customer', AGENT, defaultPolicy, ENTERED).ticket;
};

describe('R-PEND-2: no response within 2 business days: a reminder', () => {
  it('reminds at +2 business days, holidays skipped', () => {
    const ticket = pendingBeforePesach();
    expect(ticket.timers[0]).toMatchObject({ kind: 'pending-reminder', n: 1, dueAt: '2026-04-06T07:00:00.000Z' });
    const fired = fireTimer(ticket, '2026-04-06T07:00:00.000Z');
    expect(eventsOf(fired.events, 'pending-customer-reminder')).toMatchObject([{ at: '2026-04-06T07:00:00.000Z', data: { n: 1, notify: true } }]);
  });
  it('sends nothing a minute before', () => {
    expect(eventsOf(fireTimer(pendingBeforePesach(), '2026-04-06T06:59:00.000Z').events, 'pending-customer-reminder')).toEqual([]);
  });
});

describe('R-PEND-3: still no contact: a second reminder 2 business days after the first', () => {
  it('reminds again at +4', () => {
    const ticket = fireTimer(pendingBeforePesach(), '2026-04-06T07:00:00.000Z').ticket;
    expect(ticket.nextWakeAt).toBe('2026-04-12T07:00:00.000Z');
    expect(eventsOf(fireTimer(ticket, '2026-04-12T07:00:00.000Z').events, 'pending-customer-reminder')).toMatchObject([{ data: { n: 2 } }]);
  });
  it('does not remind once the customer has answered', () => {
    const answered = recordCustomerReply(pendingBeforePesach(), CUSTOMER, defaultPolicy, '2026-04-09T07:00:00.000Z').ticket;
    expect(eventsOf(fireTimer(answered, '2026-04-12T07:00:00.000Z').events, 'pending-customer-reminder')).toEqual([]);
  });
});

describe('R-PEND-4: no response 6 business days after entering Pending Customer: Resolved', () => {
  it('resolves at +6 business days and the closing rules take over', () => {
    let ticket = pendingBeforePesach();
    for (const at of ['2026-04-06T07:00:00.000Z', '2026-04-12T07:00:00.000Z']) ticket = fireTimer(ticket, at).ticket;
    const fired = fireTimer(ticket, '2026-04-14T07:00:00.000Z');
    expect(fired.ticket).toMatchObject({ status: 'resolved', statusSince: '2026-04-14T07:00:00.000Z' });
    expect(eventsOf(fired.events, 'status-changed')[0]?.data).toMatchObject({ to: 'resolved', rule: 'R-PEND-4' });
    expect(fired.ticket.timers.map((t) => t.kind)).toEqual(['check-in', 'check-in', 'auto-close']);
  });
  it('does not resolve when the customer answered on day 5', () => {
    let ticket = pendingBeforePesach();
    for (const at of ['2026-04-06T07:00:00.000Z', '2026-04-12T07:00:00.000Z']) ticket = fireTimer(ticket, at).ticket;
    ticket = recordCustomerReply(ticket, CUSTOMER, defaultPolicy, '2026-04-13T07:00:00.000Z').ticket;
    expect(fireTimer(ticket, '2026-04-14T07:00:00.000Z').ticket.status).toBe('in-progress');
  });
});

describe('R-VEND-2: during vendor handling the customer may be asked to answer the vendor\'s questions', () => {
  it('an agent moves Pending Vendor to Pending Customer, and the customer\'s answer brings it back to work', () => {
    const vendor = changeStatus(inProgress(), 'pending-vendor', AGENT, defaultPolicy, '2026-06-08T07:00:00.000Z', { vendorCaseNumber: 'Q-77' }).ticket;
    const asked = changeStatus(vendor, 'pending-customer', AGENT, defaultPolicy, '2026-06-08T08:00:00.000Z', { reason: 'vendor asks for logs' }).ticket;
    expect(asked).toMatchObject({ status: 'pending-customer', vendorCaseNumber: 'Q-77' });
    expect(recordCustomerReply(asked, CUSTOMER, defaultPolicy, '2026-06-08T09:00:00.000Z').ticket.status).toBe('in-progress');
  });
  it('the customer cannot move a ticket out of Pending Vendor', () => {
    const vendor = changeStatus(inProgress(), 'pending-vendor', AGENT, defaultPolicy, '2026-06-08T07:00:00.000Z', { vendorCaseNumber: 'Q-77' }).ticket;
    expect(() => changeStatus(vendor, 'in-progress', CUSTOMER, defaultPolicy, '2026-06-08T08:00:00.000Z')).toThrow(expect.objectContaining({ code: 'not-allowed' }));
  });
});
