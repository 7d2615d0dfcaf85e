import { describe, expect, it } from 'vitest';
import {
  changeStatus, confirmResolution, defaultPolicy, escalateExternally, escalateInternally, openTicket, recordAgentReply,
  recordCustomerReply, recordInternalNote, rejectResolution, SYSTEM,
  type Change, type Ticket,
} from '../../../functions/domain/index.js';
import {
  planNotifications, type IdentifiedEvent, type Notification, type PeopleInput,
} from '../../../functions/domain/notifications/index.js';
import { AGENT, aCase, aTicket, CUSTOMER, fireTimer } from '../../fixtures/builders.js';

const SUN_1000 = '2026-06-07T07:00:00.000Z'; // Sunday 10:00 in Israel (UTC+3)
const SUN_1100 = '2026-06-07T08:00:00.000Z';
const TUE_1100 = '2026-06-09T08:00:00.000Z'; // +2 business days
const THU_1100 = '2026-06-11T08:00:00.000Z'; // +4
const MON15_1100 = '2026-06-15T08:00:00.000Z'; // +6 (Friday and Saturday closed)
const MON8_1100 = '2026-06-08T08:00:00.000Z'; // +1

const staff = (who: string) => ({ email: `${who}@center.example`, name: who });
const PEOPLE: PeopleInput = {
  requester: { email: 'dana@acme.example', name: 'דנה כהן', language: 'he' },
  tierDuty: { 1: staff('tier1'), 2: staff('tier2'), 3: staff('tier3'), 4: staff('vendor-desk') },
  hos: staff('hos'),
  cco: staff('cco'),
};
const people = (over: Partial<PeopleInput> = {}): PeopleInput => ({ ...structuredClone(PEOPLE), ...over });

/** The events of a change as the store keeps them: each with its stable id. */
const stored = (change: Change): IdentifiedEvent[] =>
  change.events.map((e, i) => ({ ...e, id: `${change.ticket.id}#${change.ticket.version}#${i}` }));

/** Every notification the change's events call for, as [template, email, language]. */
function plan(change: Change, p: PeopleInput = PEOPLE, context = {}): Notification[] {
  return stored(change).flatMap((e) => planNotifications(e, change.ticket, p, defaultPolicy, context).notifications);
}
const who = (ns: Notification[]) => ns.map((n) => [n.template, n.to.email, n.language]);

const opened = (over: Parameters<typeof aTicket>[1] = {}): Change => {
  const ticket = aTicket(SUN_1000, over);
  return { ticket, events: [openTicket({ id: ticket.id, type: ticket.type, severity: ticket.severity, organisationId: ticket.organisationId, actor: CUSTOMER, entitlement: ticket.entitlement, case: aCase(over.case ?? {}) }, defaultPolicy, SUN_1000).events[0]!] };
};
const replied = (t: Ticket = aTicket(SUN_1000)) => recordAgentReply(t, AGENT, defaultPolicy, SUN_1100);
const pendingCustomer = () => changeStatus(replied().ticket, 'pending-customer', AGENT, defaultPolicy, SUN_1100, { comment: 'Please send the reload log.' });
const resolved = () => changeStatus(replied().ticket, 'resolved', AGENT, defaultPolicy, SUN_1100, { solution: 'Raised the reload timeout.' });

describe('R-TKT-1: a new ticket is acknowledged with its number and first-response due time', () => {
  it('mails the requester in her language, with the due time of the first response', () => {
    const change = opened();
    const [n, ...rest] = plan(change);
    expect(rest).toEqual([]);
    expect(n).toMatchObject({
      template: 'ticket-opened', language: 'he', ticketNumber: 'T-1001', to: { email: 'dana@acme.example', role: 'requester' },
      timeZone: 'Asia/Jerusalem', data: { firstResponseDueAt: change.ticket.sla.firstResponse!.dueAt, cssResponseDueAt: null, csm: null },
    });
  });
  it('promises no due time without an SLA clock (R-ENT-1), and mails nobody without a requester', () => {
    expect(plan(opened({ entitlement: { subscription: 'expired' } }))[0]!.data).toMatchObject({ firstResponseDueAt: null });
    expect(plan(opened(), people({ requester: null }))).toEqual([]);
  });
});

describe('R-PARTY-2, R-TKT-6: the partner that follows a ticket hears what its customer hears', () => {
  const partner = { email: 'ops@partner.example', name: 'Partner Ops', language: 'en' as const };
  it('mails the partner\'s contact too when the ticket has a partner', () => {
    const ns = plan(opened({ case: { partnerId: 'partner-one' } }), people({ partnerContact: partner }));
    expect(who(ns)).toEqual([['ticket-opened', 'dana@acme.example', 'he'], ['ticket-opened', 'ops@partner.example', 'en']]);
  });
  it('does not mail a partner contact on a ticket without a partner', () => {
    expect(who(plan(opened(), people({ partnerContact: partner })))).toEqual([['ticket-opened', 'dana@acme.example', 'he']]);
  });
  it('mails the organisation\'s followers as well', () => {
    const ns = plan(replied(), people({ followers: [{ email: 'Yossi@Acme.example', name: 'Yossi', language: 'en' }] }));
    expect(who(ns)).toEqual([['agent-reply', 'dana@acme.example', 'he'], ['agent-reply', 'yossi@acme.example', 'en']]);
  });
});

describe('R-ENT-3: a CSS organisation\'s new ticket reaches its CSM', () => {
  const csm = { name: 'Noa CSM', email: 'noa@center.example' };
  it('mails the CSM in English, and tells the customer how to reach the CSM', () => {
    const ns = plan(opened({ type: 'service-request', entitlement: { css: true }, case: { csm } }));
    expect(who(ns)).toEqual([['ticket-opened', 'dana@acme.example', 'he'], ['css-ticket-opened', 'noa@center.example', 'en']]);
    expect(ns[0]!.data).toMatchObject({ csm, cssResponseDueAt: expect.any(String) });
    expect(ns[1]).toMatchObject({ to: { role: 'csm' }, data: { organisationId: 'acme', requester: 'dana@acme.example' } });
  });
  it('does not mail a CSM for an organisation without CSS', () => {
    const ns = plan(opened({ case: { csm } }), people({ csm: { ...csm, language: 'he' } }));
    expect(who(ns)).toEqual([['ticket-opened', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toMatchObject({ csm: null });
  });
});

describe('R-COMM-1: the center\'s public replies reach the customer by email', () => {
  it('mails an agent\'s public reply with its text', () => {
    const ns = plan(replied(), PEOPLE, { replyText: 'We are looking at the logs.' });
    expect(who(ns)).toEqual([['agent-reply', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toEqual({ replyText: 'We are looking at the logs.' });
  });
  it('mails nothing for an internal note or the customer\'s own reply', () => {
    expect(plan(recordInternalNote(aTicket(SUN_1000), AGENT, defaultPolicy, SUN_1100))).toEqual([]);
    expect(plan(recordCustomerReply(aTicket(SUN_1000), CUSTOMER, defaultPolicy, SUN_1100))).toEqual([]);
  });
});

describe('R-PEND-1: an agent asking the customer something is a request for information', () => {
  it('mails the request, with the agent\'s comment', () => {
    const ns = plan(pendingCustomer());
    expect(who(ns)).toEqual([['information-requested', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toEqual({ comment: 'Please send the reload log.' });
  });
  it('says nothing new when a timer moves the ticket to Pending Customer (R-COMM-2): the reminders follow', () => {
    const unanswered = fireTimer(replied().ticket, TUE_1100);
    expect(unanswered.ticket.status).toBe('pending-customer');
    expect(plan(unanswered).map((n) => n.template)).not.toContain('information-requested');
  });
});

describe('R-PEND-2: no response within 2 business days brings a reminder', () => {
  it('reminds the customer at +2, saying when the ticket will be resolved', () => {
    const fired = fireTimer(pendingCustomer().ticket, TUE_1100);
    const ns = plan(fired);
    expect(who(ns)).toEqual([['pending-reminder', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toEqual({ n: 1, resolvesAt: MON15_1100 });
  });
  it('sends no reminder the domain silenced (notify: false)', () => {
    const fired = fireTimer(pendingCustomer().ticket, TUE_1100);
    const silenced = stored(fired).map((e) => ({ ...e, data: { ...e.data, notify: false } }));
    expect(silenced.flatMap((e) => planNotifications(e, fired.ticket, PEOPLE, defaultPolicy).notifications)).toEqual([]);
  });
});

describe('R-PEND-3: a second reminder 2 business days after the first', () => {
  it('sends the second reminder at +4', () => {
    const first = fireTimer(pendingCustomer().ticket, TUE_1100);
    expect(plan(fireTimer(first.ticket, THU_1100)).map((n) => n.data)).toEqual([{ n: 2, resolvesAt: MON15_1100 }]);
  });
  it('sends no stale reminders when a late firing catches up to +6: only that the ticket was resolved (R-PEND-4)', () => {
    const ns = plan(fireTimer(pendingCustomer().ticket, MON15_1100));
    expect(who(ns)).toEqual([['ticket-resolved', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toMatchObject({ automatic: true, solution: null });
  });
});

describe('R-VEND-1: the customer is told a vendor case was opened, with its number', () => {
  it('mails the vendor case number when the ticket enters Pending Vendor', () => {
    const change = changeStatus(replied().ticket, 'pending-vendor', AGENT, defaultPolicy, SUN_1100, { vendorCaseNumber: '00123456' });
    const ns = plan(change);
    expect(who(ns)).toEqual([['vendor-case-opened', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toEqual({ vendorCaseNumber: '00123456' });
  });
  it('says nothing when the ticket comes back from the vendor', () => {
    const atVendor = changeStatus(replied().ticket, 'pending-vendor', AGENT, defaultPolicy, SUN_1100, { vendorCaseNumber: '00123456' }).ticket;
    expect(plan(changeStatus(atVendor, 'in-progress', AGENT, defaultPolicy, TUE_1100))).toEqual([]);
  });
});

describe('R-CLOSE-1: a solution given, the customer is told how to confirm or reopen', () => {
  it('mails the solution, the reply words and when the ticket closes without an answer (+6)', () => {
    const ns = plan(resolved());
    expect(who(ns)).toEqual([['ticket-resolved', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toEqual({ solution: 'Raised the reload timeout.', automatic: false, closesAt: MON15_1100, confirmWord: 'confirm', reopenWord: 'reopen' });
  });
  it('sends no resolved email when the customer reopens', () => {
    expect(plan(rejectResolution(resolved().ticket, CUSTOMER, 'still fails', defaultPolicy, MON8_1100))).toEqual([]);
  });
});

describe('R-CLOSE-2: 2 business days after Resolved, the center checks in', () => {
  it('checks in at +2 with the reply words', () => {
    const ns = plan(fireTimer(resolved().ticket, TUE_1100));
    expect(who(ns)).toEqual([['resolution-check-in', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toEqual({ n: 1, closesAt: MON15_1100, confirmWord: 'confirm', reopenWord: 'reopen' });
  });
  it('confirming closes the ticket with a thank-you, not another check-in', () => {
    const ns = plan(confirmResolution(resolved().ticket, CUSTOMER, defaultPolicy, SUN_1100));
    expect(who(ns)).toEqual([['ticket-closed', 'dana@acme.example', 'he']]);
    expect(ns[0]!.data).toEqual({ reason: 'confirmed' });
  });
});

describe('R-CLOSE-2: a reply to a Resolved ticket that neither confirms nor rejects asks the assignee (or the duty contact) for a decision', () => {
  const MON_1100 = MON8_1100; // before the first check-in, so none is caught up on the way
  it('the tier\'s duty contact while unassigned, with the reply and the new closing time (+6 from the reply)', () => {
    const ns = plan(recordCustomerReply(resolved().ticket, CUSTOMER, defaultPolicy, MON_1100), PEOPLE, { replyText: 'Thanks, checking tomorrow.' });
    expect(who(ns)).toEqual([['resolution-decision-needed', 'tier1@center.example', 'en']]);
    expect(ns[0]!.to.role).toBe('tier-duty');
    expect(ns[0]!.data).toEqual({ from: 'dana@acme.example', replyText: 'Thanks, checking tomorrow.', closesAt: '2026-06-16T08:00:00.000Z' }); // Mon +6: Tue 16 (Fri, Sat closed)
  });
  it('the assignee when there is one; the customer is sent nothing', () => {
    const ns = plan(recordCustomerReply(resolved().ticket, CUSTOMER, defaultPolicy, MON_1100), people({ assignee: staff('avi') }));
    expect(who(ns)).toEqual([['resolution-decision-needed', 'avi@center.example', 'en']]);
  });
  it('refused: a reply that is not to a Resolved ticket asks nobody for a decision', () => {
    expect(plan(recordCustomerReply(replied().ticket, CUSTOMER, defaultPolicy, MON_1100))).toEqual([]);
  });
});

describe('R-PEND-1: the "information needed" email carries what the agent asked for', () => {
  it('the transition\'s reason (the API\'s field) when no comment is given', () => {
    const asked = changeStatus(replied().ticket, 'pending-customer', AGENT, defaultPolicy, SUN_1100, { reason: 'Which version do you run?' });
    expect(plan(asked)[0]!.data).toEqual({ comment: 'Which version do you run?' });
  });
});

describe('R-CLOSE-3: no answer, a second check-in', () => {
  it('checks in again at +4', () => {
    const first = fireTimer(resolved().ticket, TUE_1100);
    expect(plan(fireTimer(first.ticket, THU_1100)).map((n) => [n.template, n.data])).toEqual([
      ['resolution-check-in', { n: 2, closesAt: MON15_1100, confirmWord: 'confirm', reopenWord: 'reopen' }],
    ]);
  });
  it('sends no stale check-ins when a late firing catches up to +6: only the closing', () => {
    expect(plan(fireTimer(resolved().ticket, MON15_1100)).map((n) => n.template)).toEqual(['ticket-closed']);
  });
});

describe('R-CLOSE-4: no answer 6 business days after Resolved closes the ticket', () => {
  it('tells the customer it closed for lack of an answer', () => {
    const second = fireTimer(fireTimer(resolved().ticket, TUE_1100).ticket, THU_1100);
    expect(plan(fireTimer(second.ticket, MON15_1100)).map((n) => [n.template, n.data])).toEqual([['ticket-closed', { reason: 'no-answer' }]]);
  });
  it('does not close (nor mail) before +6', () => {
    const second = fireTimer(fireTimer(resolved().ticket, TUE_1100).ticket, THU_1100);
    expect(plan(fireTimer(second.ticket, '2026-06-14T08:00:00.000Z'))).toEqual([]);
  });
});

describe('R-SLA-6: a warning before a target is due goes to the assignee', () => {
  const warning = (t: Ticket, notify = true): IdentifiedEvent => ({
    id: 't-1#2#0', type: 'sla-warning', at: t.sla.firstResponse!.warnAt, actor: SYSTEM, data: { target: 'firstResponse', dueAt: t.sla.firstResponse!.dueAt, notify },
  });
  it('mails the assignee in English, or the tier\'s duty contact while nobody is assigned', () => {
    const t = aTicket(SUN_1000);
    const assigned = planNotifications(warning(t), t, people({ assignee: staff('avi') }), defaultPolicy).notifications;
    expect(who(assigned)).toEqual([['sla-warning', 'avi@center.example', 'en']]);
    expect(assigned[0]!.data).toEqual({ target: 'firstResponse', dueAt: t.sla.firstResponse!.dueAt });
    expect(who(planNotifications(warning(t), t, PEOPLE, defaultPolicy).notifications)).toEqual([['sla-warning', 'tier1@center.example', 'en']]);
  });
  it('sends no warning the domain silenced beside its breach', () => {
    const t = aTicket(SUN_1000);
    expect(planNotifications(warning(t, false), t, people({ assignee: staff('avi') }), defaultPolicy)).toEqual({ notifications: [], skipped: [] });
    const late = fireTimer(t, '2026-06-08T08:00:00.000Z'); // warning and breach in one batch
    expect(plan(late, people({ assignee: staff('avi') })).map((n) => n.template)).not.toContain('sla-warning');
  });
});

describe('R-ESC-3: a breach notifies the assignee and the next tier\'s duty contact; the second one the HOS too', () => {
  const assigned = people({ assignee: staff('avi') });
  it('first breach: the assignee and tier 2\'s duty contact, not the HOS', () => {
    const late = fireTimer(aTicket(SUN_1000), '2026-06-08T08:00:00.000Z');
    const ns = plan(late, assigned);
    expect(who(ns)).toEqual([['sla-breached', 'avi@center.example', 'en'], ['sla-breached', 'tier2@center.example', 'en']]);
    expect(ns[0]!.data).toMatchObject({ target: 'firstResponse', breachCount: 1, tier: 1, assignee: 'avi@center.example' });
  });
  it('second breach: the HOS as well', () => {
    const t = aTicket(SUN_1000);
    const second: IdentifiedEvent = {
      id: 't-1#9#0', type: 'sla-breached', at: SUN_1100, actor: SYSTEM,
      data: { target: 'contact', dueAt: SUN_1100, breachCount: 2, escalation: { assignee: true, nextTierDuty: true, headOfSupport: true }, notify: true },
    };
    expect(who(planNotifications(second, t, assigned, defaultPolicy).notifications).map((x) => x[1])).toEqual(['avi@center.example', 'tier2@center.example', 'hos@center.example']);
  });
  it('at the vendor tier there is no tier above: its own duty contact hears of it', () => {
    let t = aTicket(SUN_1000);
    for (let i = 0; i < 3; i++) t = escalateInternally(t, AGENT, 'needs the vendor', defaultPolicy, SUN_1100).ticket;
    const breach: IdentifiedEvent = { id: 'b', type: 'sla-breached', at: SUN_1100, actor: SYSTEM, data: { target: 'contact', dueAt: SUN_1100, breachCount: 1, escalation: { assignee: true, nextTierDuty: true, headOfSupport: false } } };
    expect(who(planNotifications(breach, t, assigned, defaultPolicy).notifications).map((x) => x[1])).toEqual(['avi@center.example', 'vendor-desk@center.example']);
  });
});

describe('R-ESC-2: a customer\'s escalation reaches the HOS, then the CCO', () => {
  it('mails the HOS on the first escalation, and the CCO (with the HOS informed) on the second', () => {
    const toHos = escalateExternally(aTicket(SUN_1000), CUSTOMER, 'no answer for days', defaultPolicy, SUN_1100);
    expect(plan(toHos).map((n) => [n.template, n.to.email, n.data])).toEqual([['external-escalation', 'hos@center.example', { level: 'hos', reason: 'no answer for days' }]]);
    const toCco = escalateExternally(toHos.ticket, CUSTOMER, 'still unhappy', defaultPolicy, SUN_1100);
    expect(plan(toCco).map((n) => [n.to.email, n.data])).toEqual([
      ['cco@center.example', { level: 'cco', reason: 'still unhappy' }], ['hos@center.example', { level: 'cco', reason: 'still unhappy' }],
    ]);
  });
  it('mails no manager for an internal (technical) escalation (R-ESC-1)', () => {
    expect(plan(escalateInternally(aTicket(SUN_1000), AGENT, 'hard one', defaultPolicy, SUN_1100))).toEqual([]);
  });
});

describe('recipients: unreachable, duplicates, languages and ids', () => {
  it('skips an unreachable contact and says so, still mailing the others', () => {
    const change = replied();
    const p = people({ requester: { ...PEOPLE.requester!, unreachable: true }, followers: [{ email: 'yossi@acme.example', name: 'Yossi' }] });
    const result = planNotifications(stored(change)[0]!, change.ticket, p, defaultPolicy);
    expect(result.skipped).toEqual([{ email: 'dana@acme.example', role: 'requester', reason: 'unreachable' }]);
    expect(who(result.notifications)).toEqual([['agent-reply', 'yossi@acme.example', 'he']]); // a contact's default language is Hebrew
  });
  it('mails a person in two roles once, with an id unique per event, template and recipient', () => {
    const p = people({ assignee: staff('tier2'), hos: staff('tier2') });
    const breach: IdentifiedEvent = { id: 't-1#5#1', type: 'sla-breached', at: SUN_1100, actor: SYSTEM, data: { target: 'contact', dueAt: SUN_1100, breachCount: 2, escalation: { assignee: true, nextTierDuty: true, headOfSupport: true } } };
    const ns = planNotifications(breach, aTicket(SUN_1000), p, defaultPolicy).notifications;
    expect(ns.map((n) => n.id)).toEqual(['t-1#5#1#sla-breached#tier2@center.example']);
  });
  it('writes to staff in their configured language', () => {
    const ns = plan(escalateExternally(aTicket(SUN_1000), CUSTOMER, 'why', defaultPolicy, SUN_1100), people({ hos: { ...staff('hos'), language: 'he' } }));
    expect(ns.map((n) => n.language)).toEqual(['he']);
  });
  it('is deterministic: the same event and people give the same plan', () => {
    const change = resolved();
    expect(plan(change)).toEqual(plan(structuredClone(change)));
  });
  it('refuses malformed event data rather than guessing', () => {
    const bad: IdentifiedEvent = { id: 'x', type: 'sla-warning', at: SUN_1100, actor: SYSTEM, data: { dueAt: 42 } };
    expect(() => planNotifications(bad, aTicket(SUN_1000), PEOPLE, defaultPolicy)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});
