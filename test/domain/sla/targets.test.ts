import { describe, expect, it } from 'vitest';
import { defaultPolicy, parsePolicy, recordAgentReply, changeStatus, computeDue } from '../../../functions/domain/index.js';
import { AGENT, aTicket } from '../../fixtures/builders.js';

// June 2026: Israel is on UTC+3 (IDT); no holidays between Shavuot (May 22) and Rosh Hashana.
const THU_1600 = '2026-06-04T13:00:00.000Z';
const FRI_2200 = '2026-06-05T19:00:00.000Z';
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';

describe('R-SLA-1: the SLA clock starts when the ticket is opened', () => {
  it('counts from the opening instant, in business time', () => {
    expect(aTicket(THU_1600, { severity: 'urgent' }).sla.firstResponse?.dueAt).toBe('2026-06-07T07:30:00.000Z'); // 1 h Thu + 2 h Sun
  });
  it('does not count the weekend: opened Friday night, the clock runs from Sunday 08:30', () => {
    const ticket = aTicket(FRI_2200, { severity: 'urgent' });
    expect(ticket.sla.firstResponse?.startAt).toBe(FRI_2200);
    expect(ticket.sla.firstResponse?.dueAt).toBe('2026-06-07T08:30:00.000Z'); // Sun 11:30
  });
});

describe('R-SLA-2: first response and contact frequency by severity, in business hours', () => {
  const cases = [
    { severity: 'urgent', firstResponse: '2026-06-07T09:00:00.000Z', contact: '2026-06-07T12:00:00.000Z' }, // 3 h, 6 h
    { severity: 'high', firstResponse: '2026-06-07T10:30:00.000Z', contact: '2026-06-14T11:30:00.000Z' }, // 4.5 h, 48 h
    { severity: 'normal', firstResponse: '2026-06-07T12:00:00.000Z', contact: '2026-06-25T07:00:00.000Z' }, // 6 h, 120 h
  ] as const;
  for (const c of cases) {
    it(`${c.severity}: first response and the contact deadline after an update at Sunday 09:00`, () => {
      const ticket = aTicket(SUN_0900, { severity: c.severity });
      expect(ticket.sla.firstResponse?.dueAt).toBe(c.firstResponse);
      const replied = recordAgentReply(ticket, AGENT, defaultPolicy, SUN_0900).ticket;
      expect(replied.sla.contact?.dueAt).toBe(c.contact);
    });
  }
  it('takes the numbers from the policy, not from code', () => {
    const policy = parsePolicy({ targets: { urgent: { firstResponseMinutes: 60, contactMinutes: 120 }, high: { firstResponseMinutes: 270, contactMinutes: 2880 }, normal: { firstResponseMinutes: 360, contactMinutes: 7200 } } });
    expect(aTicket(SUN_0900, { severity: 'urgent' }, policy).sla.firstResponse?.dueAt).toBe('2026-06-07T07:00:00.000Z');
  });
});

describe('R-SLA-3: Customer Success requests are answered the same business day before noon, else the next', () => {
  const css = (openedAt: string, calendar: 'basic' | 'extended' = 'basic') =>
    aTicket(openedAt, { type: 'service-request', entitlement: { css: true, calendar } }).sla.cssResponse?.dueAt;
  it('opened at 11:59 on a working day: due at that day\'s closing', () => {
    expect(css('2026-06-07T08:59:00.000Z')).toBe('2026-06-07T14:00:00.000Z');
  });
  it('opened at 12:00: due at the next working day\'s closing', () => {
    expect(css('2026-06-07T09:00:00.000Z')).toBe('2026-06-08T14:00:00.000Z');
  });
  it('opened after noon on Thursday: due Sunday at closing', () => {
    expect(css('2026-06-04T10:00:00.000Z')).toBe('2026-06-07T14:00:00.000Z');
  });
  it('opened on a closed day: counts as opened at the next opening, so due that day', () => {
    expect(css('2026-06-05T07:00:00.000Z')).toBe('2026-06-07T14:00:00.000Z');
    expect(css('2026-04-01T06:00:00.000Z')).toBe('2026-04-05T14:00:00.000Z'); // Erev Pesach 09:00 → Sunday Apr 5
  });
  it('with extended hours, the day closes at 20:00', () => {
    expect(css('2026-06-07T08:00:00.000Z', 'extended')).toBe('2026-06-07T17:00:00.000Z');
  });
  it('is refused to incidents and to organisations without CSS', () => {
    expect(aTicket(SUN_0900, { type: 'incident', entitlement: { css: true } }).sla.cssResponse).toBeUndefined();
    expect(aTicket(SUN_0900, { type: 'service-request', entitlement: { css: false } }).sla.cssResponse).toBeUndefined();
  });
});

describe('R-SLA-4: service requests get a first response target, and a contact target only once work starts', () => {
  it('has the same first response target as an incident of that severity', () => {
    expect(aTicket(SUN_0900, { type: 'service-request' }).sla.firstResponse?.dueAt).toBe(aTicket(SUN_0900).sla.firstResponse?.dueAt);
  });
  it('an agent reply before work starts meets the first response but starts no contact clock', () => {
    const replied = recordAgentReply(aTicket(SUN_0900, { type: 'service-request' }), AGENT, defaultPolicy, SUN_1000).ticket;
    expect(replied.sla.firstResponse?.metAt).toBe(SUN_1000);
    expect(replied.status).toBe('new');
    expect(replied.sla.contact).toBeUndefined();
  });
  it('the contact clock starts when work starts (In Progress)', () => {
    const replied = recordAgentReply(aTicket(SUN_0900, { type: 'service-request' }), AGENT, defaultPolicy, SUN_1000).ticket;
    const started = changeStatus(replied, 'in-progress', AGENT, defaultPolicy, '2026-06-08T07:00:00.000Z').ticket;
    expect(started.workStartedAt).toBe('2026-06-08T07:00:00.000Z');
    expect(started.sla.contact?.startAt).toBe('2026-06-08T07:00:00.000Z');
  });
});

describe('R-SLA-6: every target has a due time, a warning at 80% of its time, a met time and a breach', () => {
  it('warns when 80% of the business time is used and breaches at the due time', () => {
    const ticket = aTicket(SUN_0900); // high: 270 min, due 13:30; 80% = 216 min → 12:36
    expect(ticket.sla.firstResponse).toMatchObject({ dueAt: '2026-06-07T10:30:00.000Z', warnAt: '2026-06-07T09:36:00.000Z', metAt: null, breachedAt: null });
    expect(ticket.nextWakeAt).toBe('2026-06-07T09:36:00.000Z');
    expect(computeDue(ticket, defaultPolicy, '2026-06-07T09:35:59.999Z').actions).toEqual([]);
    expect(computeDue(ticket, defaultPolicy, '2026-06-07T09:36:00.000Z').actions).toMatchObject([{ kind: 'sla-warning', target: 'firstResponse' }]);
    expect(computeDue(ticket, defaultPolicy, '2026-06-07T10:30:00.000Z').actions.map((a) => a.kind)).toEqual(['sla-warning', 'sla-breach']);
  });
  it('a response in time is met and never breached', () => {
    const replied = recordAgentReply(aTicket(SUN_0900), AGENT, defaultPolicy, SUN_1000).ticket;
    expect(replied.sla.firstResponse).toMatchObject({ metAt: SUN_1000, breachedAt: null });
    expect(computeDue(replied, defaultPolicy, '2026-06-07T10:30:00.000Z').actions).toEqual([]);
  });
  it('the warning fraction is policy', () => {
    expect(aTicket(SUN_0900, {}, parsePolicy({ warnAtFraction: 0.5 })).sla.firstResponse?.warnAt).toBe('2026-06-07T08:15:00.000Z');
  });
});
