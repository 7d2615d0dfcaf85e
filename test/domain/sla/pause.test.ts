import { describe, expect, it } from 'vitest';
import { changeStatus, defaultPolicy, recordAgentReply, recordCustomerReply } from '../../../functions/domain/index.js';
import { AGENT, CUSTOMER, aTicket, eventsOf } from '../../fixtures/builders.js';

const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';
const MON_1000 = '2026-06-08T07:00:00.000Z';
const WED_1000 = '2026-06-10T07:00:00.000Z';

/** A high incident answered on Sunday 10:00: its contact cycle is due Sunday 14 June 15:30. */
const answered = () => recordAgentReply(aTicket(SUN_0900), AGENT, defaultPolicy, SUN_1000).ticket;

describe('R-SLA-5: the contact-frequency clock pauses while Pending Customer and runs while Pending Vendor', () => {
  it('pauses on entering Pending Customer and moves the deadline by exactly the business time paused', () => {
    const ticket = answered();
    expect(ticket.sla.contact?.dueAt).toBe('2026-06-14T12:30:00.000Z');
    const pending = changeStatus(ticket, 'pending-customer', AGENT, defaultPolicy, MON_1000);
    expect(pending.ticket.sla.contact?.pausedAt).toBe(MON_1000);
    expect(eventsOf(pending.events, 'sla-paused')).toHaveLength(1);
    const back = recordCustomerReply(pending.ticket, CUSTOMER, defaultPolicy, WED_1000);
    expect(back.ticket.status).toBe('in-progress');
    // Mon 10:00 → Wed 10:00 is two business days = 1,020 minutes; Sun 14 15:30 + 1,020 min = Tue 16 15:30.
    expect(back.ticket.sla.contact).toMatchObject({ pausedAt: null, pausedMinutes: 1020, dueAt: '2026-06-16T12:30:00.000Z' });
    expect(eventsOf(back.events, 'sla-resumed')[0]?.data).toMatchObject({ target: 'contact', pausedMinutes: 1020 });
  });
  it('moves only the paused target: the first response target is untouched', () => {
    const opened = aTicket(SUN_0900);
    const pending = changeStatus(opened, 'pending-customer', AGENT, defaultPolicy, SUN_1000).ticket;
    const back = recordCustomerReply(pending, CUSTOMER, defaultPolicy, WED_1000).ticket;
    expect(back.sla.firstResponse?.dueAt).toBe(opened.sla.firstResponse?.dueAt);
  });
  it('a paused target neither warns nor breaches, whatever the time', () => {
    const pending = changeStatus(answered(), 'pending-customer', AGENT, defaultPolicy, MON_1000).ticket;
    expect(pending.nextWakeAt).not.toBe(pending.sla.contact?.warnAt);
  });
  it('does not pause while Pending Vendor', () => {
    const vendor = changeStatus(answered(), 'pending-vendor', AGENT, defaultPolicy, MON_1000, { vendorCaseNumber: 'Q-123' }).ticket;
    expect(vendor.sla.contact).toMatchObject({ pausedAt: null, dueAt: '2026-06-14T12:30:00.000Z' });
  });
});
