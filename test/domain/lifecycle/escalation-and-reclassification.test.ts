import { describe, expect, it } from 'vitest';
import {
  DomainError, defaultPolicy, parsePolicy, reclassifySeverity, recordAgentReply, replanTicket,
} from '../../../functions/domain/index.js';
import { AGENT, CUSTOMER, aTicket, eventsOf, fireTimer } from '../../fixtures/builders.js';

const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';

describe('R-ESC-3: a breach notifies the assignee and the next tier; a second breach of the ticket notifies the HOS', () => {
  it('escalates the first breach to the assignee and the next tier only', () => {
    const breached = fireTimer(aTicket(SUN_0900, { severity: 'urgent' }), '2026-06-07T09:00:00.000Z');
    expect(eventsOf(breached.events, 'sla-breached')).toMatchObject([{
      at: '2026-06-07T09:00:00.000Z', data: { target: 'firstResponse', breachCount: 1, escalation: { assignee: true, nextTierDuty: true, headOfSupport: false } },
    }]);
    expect(breached.ticket.sla.firstResponse?.breachedAt).toBe('2026-06-07T09:00:00.000Z');
  });
  it('notifies the HOS on the second breach', () => {
    const first = fireTimer(aTicket(SUN_0900, { severity: 'urgent' }), '2026-06-07T09:00:00.000Z').ticket;
    const answered = recordAgentReply(first, AGENT, defaultPolicy, '2026-06-07T10:00:00.000Z').ticket; // Sun 13:00
    expect(answered.sla.contact?.dueAt).toBe('2026-06-08T07:30:00.000Z'); // 6 h: 4 h Sunday + 2 h Monday → 10:30
    const second = fireTimer(answered, '2026-06-08T07:30:00.000Z');
    expect(eventsOf(second.events, 'sla-breached')).toMatchObject([{ data: { target: 'contact', breachCount: 2, escalation: { headOfSupport: true } } }]);
  });
});

describe('R-TKT-5: an agent may reclassify the severity, with a reason; targets recompute from the opening', () => {
  it('recomputes the first response from the opening time, not from the reclassification', () => {
    const changed = reclassifySeverity(aTicket(SUN_0900), 'urgent', 'Production cloud down', AGENT, defaultPolicy, SUN_1000);
    expect(changed.ticket.severity).toBe('urgent');
    expect(changed.ticket.sla.firstResponse?.dueAt).toBe('2026-06-07T09:00:00.000Z'); // 09:00 + 3 h
    expect(eventsOf(changed.events, 'severity-reclassified')).toMatchObject([{ actor: AGENT, data: { from: 'high', to: 'urgent', reason: 'Production cloud down' } }]);
  });
  it('a response already late under the new severity is recorded as breached', () => {
    const answered = recordAgentReply(aTicket(SUN_0900), AGENT, defaultPolicy, '2026-06-07T09:30:00.000Z').ticket; // 12:30, in time for high
    const urgent = reclassifySeverity(answered, 'urgent', 'outage after all', AGENT, defaultPolicy, '2026-06-07T09:45:00.000Z').ticket;
    // Urgent is due at 12:00; the answer came at 12:30.
    expect(urgent.sla.firstResponse).toMatchObject({ dueAt: '2026-06-07T09:00:00.000Z', metAt: '2026-06-07T09:30:00.000Z', breachedAt: '2026-06-07T09:00:00.000Z' });
  });
  it('a response in time under the new severity is not breached', () => {
    const answered = recordAgentReply(aTicket(SUN_0900), AGENT, defaultPolicy, '2026-06-07T08:30:00.000Z').ticket; // 11:30
    const urgent = reclassifySeverity(answered, 'urgent', 'outage after all', AGENT, defaultPolicy, '2026-06-07T09:45:00.000Z').ticket;
    expect(urgent.sla.firstResponse).toMatchObject({ metAt: '2026-06-07T08:30:00.000Z', breachedAt: null });
  });
  it('is refused to a customer, and without a reason', () => {
    expect(() => reclassifySeverity(aTicket(SUN_0900), 'urgent', 'please', CUSTOMER, defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'not-allowed' }));
    expect(() => reclassifySeverity(aTicket(SUN_0900), 'urgent', '', AGENT, defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

describe('Targets are frozen per ticket: a new policy applies to new tickets, and to open ones only by a recorded re-plan', () => {
  const faster = parsePolicy({
    version: 'charter-2',
    targets: { urgent: { firstResponseMinutes: 120, contactMinutes: 360 }, high: { firstResponseMinutes: 180, contactMinutes: 2880 }, normal: { firstResponseMinutes: 360, contactMinutes: 7200 } },
  });
  it('a ticket keeps the policy it was opened under; commands with another policy are refused', () => {
    const ticket = aTicket(SUN_0900);
    expect(ticket.policyVersion).toBe(defaultPolicy.version);
    expect(() => recordAgentReply(ticket, AGENT, faster, SUN_1000)).toThrow(DomainError);
    expect(aTicket(SUN_0900, {}, faster).sla.firstResponse?.dueAt).toBe('2026-06-07T09:00:00.000Z');
  });
  it('a re-plan moves the open ticket to the new policy and records it', () => {
    const replanned = replanTicket(aTicket(SUN_0900), defaultPolicy, faster, AGENT, SUN_1000);
    expect(replanned.ticket).toMatchObject({ policyVersion: 'charter-2', sla: { firstResponse: { dueAt: '2026-06-07T09:00:00.000Z' } } });
    expect(eventsOf(replanned.events, 'ticket-replanned')).toMatchObject([{ data: { from: 'charter-1', to: 'charter-2' } }]);
  });
});
