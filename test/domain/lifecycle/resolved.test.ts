import { describe, expect, it } from 'vitest';
import {
  changeStatus, confirmResolution, defaultPolicy, recordAgentReply, recordCustomerReply, rejectResolution, type Ticket,
} from '../../../functions/domain/index.js';
import { AGENT, CUSTOMER, aTicket, eventsOf, fireTimer } from '../../fixtures/builders.js';

const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';

const resolvedAt = (at: string): Ticket => {
  const opened = aTicket(SUN_0900);
  return changeStatus(opened, 'resolved', AGENT, defaultPolicy, at, { solution: 'Restarted the reload service' }).ticket;
};

describe('R-CLOSE-1: once a solution is given, the ticket moves to Resolved', () => {
  it('an agent resolves with a solution, which also answers the first response', () => {
    const ticket = resolvedAt(SUN_1000);
    expect(ticket).toMatchObject({ status: 'resolved', statusSince: SUN_1000 });
    expect(ticket.sla.firstResponse?.metAt).toBe(SUN_1000);
  });
  it('is refused without a solution, and to a customer', () => {
    expect(() => changeStatus(aTicket(SUN_0900), 'resolved', AGENT, defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => changeStatus(aTicket(SUN_0900), 'resolved', CUSTOMER, defaultPolicy, SUN_1000, { solution: 'x' })).toThrow(expect.objectContaining({ code: 'not-allowed' }));
  });
});

describe('R-CLOSE-2: 2 business days after Resolved, a check-in; the customer confirms (Closed) or not (reopened)', () => {
  it('checks in at +2 business days', () => {
    const ticket = resolvedAt(SUN_1000);
    expect(ticket.timers[0]).toMatchObject({ kind: 'check-in', n: 1, dueAt: '2026-06-09T07:00:00.000Z' });
    expect(eventsOf(fireTimer(ticket, '2026-06-09T07:00:00.000Z').events, 'resolution-check-in')).toMatchObject([{ data: { n: 1, notify: true } }]);
  });
  it('the customer confirms: Closed, and no timer is left', () => {
    const closed = confirmResolution(resolvedAt(SUN_1000), CUSTOMER, defaultPolicy, '2026-06-08T07:00:00.000Z').ticket;
    expect(closed).toMatchObject({ status: 'closed', timers: [], nextWakeAt: null });
  });
  it('the customer rejects with a reason: back to In Progress, the contact clock running again', () => {
    const ticket = recordAgentReply(aTicket(SUN_0900), AGENT, defaultPolicy, SUN_1000).ticket;
    const resolved = changeStatus(ticket, 'resolved', AGENT, defaultPolicy, '2026-06-07T08:00:00.000Z', { solution: 'done' }).ticket;
    const reopened = rejectResolution(resolved, CUSTOMER, 'Still failing on the night reload', defaultPolicy, '2026-06-08T07:00:00.000Z');
    expect(reopened.ticket.status).toBe('in-progress');
    expect(reopened.ticket.sla.contact?.startAt).toBe('2026-06-08T07:00:00.000Z');
    expect(eventsOf(reopened.events, 'status-changed')[0]?.data).toMatchObject({ reason: 'customer-rejected', comment: 'Still failing on the night reload' });
  });
  it('a rejection needs a reason', () => {
    expect(() => rejectResolution(resolvedAt(SUN_1000), CUSTOMER, ' ', defaultPolicy, '2026-06-08T07:00:00.000Z')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

// R-CLOSE-2 (Decision) changed this contract: a reply that is neither a confirmation nor a
// rejection used to reopen the ticket; now it keeps it Resolved and restarts the check-ins.
describe('R-CLOSE-2: any other reply keeps the ticket Resolved, asks for a decision, and restarts the check-ins (+2, +4, +6) from the reply', () => {
  const WED_1000 = '2026-06-10T07:00:00.000Z';
  it('stays Resolved; check-ins at +2 and +4 and the closing at +6 business days from the reply', () => {
    const change = recordCustomerReply(resolvedAt(SUN_1000), CUSTOMER, defaultPolicy, WED_1000);
    expect(change.ticket).toMatchObject({ status: 'resolved', statusSince: SUN_1000 });
    expect(change.ticket.timers).toEqual([
      { kind: 'check-in', n: 1, dueAt: '2026-06-14T07:00:00.000Z', doneAt: null }, // Wed +2: Thu, (Fri, Sat closed) Sun
      { kind: 'check-in', n: 2, dueAt: '2026-06-16T07:00:00.000Z', doneAt: null },
      { kind: 'auto-close', n: 1, dueAt: '2026-06-18T07:00:00.000Z', doneAt: null },
    ]);
    expect(eventsOf(change.events, 'resolution-decision-needed')).toMatchObject([{ actor: CUSTOMER, data: { rule: 'R-CLOSE-2', closesAt: '2026-06-18T07:00:00.000Z' } }]);
    expect(eventsOf(change.events, 'status-changed')).toEqual([]);
  });
  it('the restarted cycle closes the ticket at +6 from the reply, not from Resolved', () => {
    let ticket = recordCustomerReply(resolvedAt(SUN_1000), CUSTOMER, defaultPolicy, WED_1000).ticket;
    expect(fireTimer(ticket, '2026-06-15T07:00:00.000Z').ticket.status).toBe('resolved'); // +6 from Resolved: still open
    for (const at of ['2026-06-14T07:00:00.000Z', '2026-06-16T07:00:00.000Z']) ticket = fireTimer(ticket, at).ticket;
    expect(fireTimer(ticket, '2026-06-18T07:00:00.000Z').ticket.status).toBe('closed');
  });
  it('refused: a plain reply never closes nor reopens; only a confirmation or a rejection does', () => {
    const change = recordCustomerReply(resolvedAt(SUN_1000), CUSTOMER, defaultPolicy, WED_1000);
    expect(change.ticket.status).not.toBe('in-progress');
    expect(change.ticket.status).not.toBe('closed');
    expect(rejectResolution(change.ticket, CUSTOMER, 'still fails', defaultPolicy, '2026-06-11T07:00:00.000Z').ticket.status).toBe('in-progress');
  });
});

describe('R-CLOSE-3: no answer: a second check-in at +4 business days', () => {
  it('checks in again at +4', () => {
    const ticket = fireTimer(resolvedAt(SUN_1000), '2026-06-09T07:00:00.000Z').ticket;
    expect(ticket.nextWakeAt).toBe('2026-06-11T07:00:00.000Z');
    expect(eventsOf(fireTimer(ticket, '2026-06-11T07:00:00.000Z').events, 'resolution-check-in')).toMatchObject([{ data: { n: 2 } }]);
  });
  it('not at +4 from Resolved after the customer replied: the cycle restarted from the reply (R-CLOSE-2)', () => {
    const replied = recordCustomerReply(resolvedAt(SUN_1000), CUSTOMER, defaultPolicy, '2026-06-10T07:00:00.000Z').ticket;
    expect(replied.status).toBe('resolved');
    expect(eventsOf(fireTimer(replied, '2026-06-11T07:00:00.000Z').events, 'resolution-check-in')).toEqual([]);
  });
});

describe('R-CLOSE-4: no answer 6 business days after Resolved: Closed', () => {
  it('closes at +6, across the autumn DST change (Sun 25 Oct 2026, back to UTC+2)', () => {
    let ticket = resolvedAt('2026-10-22T07:00:00.000Z'); // Thursday 10:00 IDT
    expect(ticket.timers.map((t) => t.dueAt)).toEqual(['2026-10-26T08:00:00.000Z', '2026-10-28T08:00:00.000Z', '2026-11-01T08:00:00.000Z']);
    for (const at of ['2026-10-26T08:00:00.000Z', '2026-10-28T08:00:00.000Z']) ticket = fireTimer(ticket, at).ticket;
    const closed = fireTimer(ticket, '2026-11-01T08:00:00.000Z');
    expect(closed.ticket).toMatchObject({ status: 'closed', statusSince: '2026-11-01T08:00:00.000Z', nextWakeAt: null });
    expect(eventsOf(closed.events, 'status-changed')[0]?.data).toMatchObject({ rule: 'R-CLOSE-4' });
  });
  it('does not close a ticket the customer reopened', () => {
    const reopened = rejectResolution(resolvedAt(SUN_1000), CUSTOMER, 'no', defaultPolicy, '2026-06-08T07:00:00.000Z').ticket;
    expect(fireTimer(reopened, '2026-06-15T07:00:00.000Z').ticket.status).toBe('in-progress');
  });
});

describe('R-CLOSE-5: a Closed ticket is final; a customer reply opens a new ticket instead', () => {
  it('refuses a reply and every status change on a Closed ticket', () => {
    const closed = confirmResolution(resolvedAt(SUN_1000), CUSTOMER, defaultPolicy, '2026-06-08T07:00:00.000Z').ticket;
    expect(() => recordCustomerReply(closed, CUSTOMER, defaultPolicy, '2026-06-09T07:00:00.000Z')).toThrow(expect.objectContaining({ code: 'invalid-transition' }));
    for (const to of ['in-progress', 'resolved', 'pending-customer'] as const) {
      expect(() => changeStatus(closed, to, AGENT, defaultPolicy, '2026-06-09T07:00:00.000Z', { solution: 'x' })).toThrow(expect.objectContaining({ code: 'invalid-transition' }));
    }
  });
  it('keeps met and breached targets on the closed ticket', () => {
    const late = fireTimer(aTicket(SUN_0900), '2026-06-07T10:30:00.000Z').ticket; // first response breached
    const answered = recordAgentReply(late, AGENT, defaultPolicy, '2026-06-07T11:00:00.000Z').ticket;
    const resolved = changeStatus(answered, 'resolved', AGENT, defaultPolicy, '2026-06-07T12:00:00.000Z', { solution: 'fixed' }).ticket;
    const closed = confirmResolution(resolved, CUSTOMER, defaultPolicy, '2026-06-08T07:00:00.000Z').ticket;
    expect(closed.sla.firstResponse).toMatchObject({ breachedAt: '2026-06-07T10:30:00.000Z', metAt: '2026-06-07T11:00:00.000Z' });
    expect(closed.slaHistory).toMatchObject([{ target: 'contact', startAt: '2026-06-07T11:00:00.000Z', stoppedAt: '2026-06-07T12:00:00.000Z' }]);
  });
});

describe('R-VEND-1: Pending Vendor records the vendor\'s case number', () => {
  it('moves to Pending Vendor with the case number', () => {
    const changed = changeStatus(aTicket(SUN_0900), 'pending-vendor', AGENT, defaultPolicy, SUN_1000, { vendorCaseNumber: 'QLIK-0042' });
    expect(changed.ticket.status).toBe('pending-vendor');
    expect(eventsOf(changed.events, 'status-changed')[0]?.data).toMatchObject({ vendorCaseNumber: 'QLIK-0042' });
  });
  it('is refused without one', () => {
    expect(() => changeStatus(aTicket(SUN_0900), 'pending-vendor', AGENT, defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'invalid-input', context: { field: 'vendorCaseNumber' } }));
  });
});
