import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Entitlement, type Fault } from '../../../functions/domain/index.js';
import {
  billingStatement, classifyWork, monthBounds, monthOf, type WorkEntry, type WorkLine, type WorkTicket,
} from '../../../functions/domain/billing/index.js';
import { AGENT, anEntitlement } from '../../fixtures/builders.js';

// Israel summer time is UTC+3: Sunday 7 June 2026 is a working day, 08:30-17:00 is 05:30-14:00 UTC.
const SAT_1000 = '2026-06-06T07:00:00.000Z';
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1600 = '2026-06-07T13:00:00.000Z';
const SUN_1800 = '2026-06-07T15:00:00.000Z';
const MON_0900 = '2026-06-08T06:00:00.000Z';
const TUE_0900 = '2026-06-09T06:00:00.000Z';
const WED_0900 = '2026-06-10T06:00:00.000Z';
const PESACH_1000 = '2026-04-02T07:00:00.000Z'; // Thursday 2 April 2026, the first day of Pesach: closed
const CHOL_HAMOED_1000 = '2026-04-05T07:00:00.000Z'; // Sunday 5 April 2026: an ordinary working day

const aWorkTicket = (fault: Fault | null, entitlement: Partial<Entitlement> = {}): WorkTicket => ({ fault, entitlement: anEntitlement(entitlement) });

const anEntry = (id: string, over: Partial<WorkEntry> = {}): WorkEntry => ({
  id, ticketId: 't-1', ticketNumber: 'T-1001', organisationId: 'acme', billToOrganisationId: 'acme', agent: AGENT.id,
  loggedAt: '2026-07-15T09:00:00.000Z', startedAt: SUN_0900, minutes: 60, kind: 'remote', outOfScope: false, note: null, ...over,
});

const classify = (entries: WorkEntry[], tickets: Record<string, WorkTicket>): WorkLine[] =>
  classifyWork(entries, new Map(Object.entries(tickets)), defaultPolicy);

/** [entry, minutes, free|billable, reason, rule] per line, for compact assertions. */
const brief = (lines: WorkLine[]) => lines.map((l) => [l.entryId, l.minutes, l.billable ? 'billable' : 'free', l.reason, l.rule]);

describe('R-CAL-4: work outside the ticket\'s working days or hours is billable', () => {
  const covered = { 't-1': aWorkTicket(null) };
  it('keeps work inside business hours free (covered by the agreement)', () => {
    expect(brief(classify([anEntry('w-1')], covered))).toEqual([['w-1', 60, 'free', 'covered', 'R-ENT-1']]);
  });
  it('splits an entry crossing 17:00 exactly: the minutes after closing are billable', () => {
    const lines = classify([anEntry('w-1', { startedAt: SUN_1600, minutes: 90 })], covered);
    expect(brief(lines)).toEqual([['w-1', 60, 'free', 'covered', 'R-ENT-1'], ['w-1', 30, 'billable', 'out-of-hours', 'R-CAL-4']]);
    expect(lines.every((l) => l.startedAt === SUN_1600 && l.month === '2026-06')).toBe(true);
  });
  it('bills a whole entry on Saturday as out of hours', () => {
    expect(brief(classify([anEntry('w-1', { startedAt: SAT_1000, minutes: 120 })], covered))).toEqual([['w-1', 120, 'billable', 'out-of-hours', 'R-CAL-4']]);
  });
  it('bills work on the first day of Pesach as out of hours, not on an ordinary day of the festival week', () => {
    const lines = classify([anEntry('w-1', { startedAt: PESACH_1000 }), anEntry('w-2', { startedAt: CHOL_HAMOED_1000 })], covered);
    expect(brief(lines)).toEqual([['w-1', 60, 'billable', 'out-of-hours', 'R-CAL-4'], ['w-2', 60, 'free', 'covered', 'R-ENT-1']]);
  });
  it('keeps 18:00 in hours on the extended calendar (08:00-20:00), not on the basic one', () => {
    const entry = anEntry('w-1', { startedAt: SUN_1800 });
    expect(brief(classify([entry], { 't-1': aWorkTicket(null, { calendar: 'extended' }) }))).toEqual([['w-1', 60, 'free', 'covered', 'R-ENT-1']]);
    expect(brief(classify([entry], covered))).toEqual([['w-1', 60, 'billable', 'out-of-hours', 'R-CAL-4']]);
  });
  it('keeps whole minutes when the start has seconds: in + out = the entry', () => {
    const lines = classify([anEntry('w-1', { startedAt: '2026-06-07T13:59:30.000Z', minutes: 2 })], covered);
    expect(lines.map((l) => l.minutes).reduce((a, b) => a + b)).toBe(2);
    expect(lines.every((l) => Number.isInteger(l.minutes) && l.minutes > 0)).toBe(true);
  });
});

describe('R-BILL-1: on-site visits with their travel, and out-of-scope work, are billable', () => {
  it('bills an on-site visit and its travel whole, even in hours on a covered vendor fault', () => {
    const lines = classify([anEntry('w-1', { kind: 'travel', minutes: 45 }), anEntry('w-2', { kind: 'on-site', startedAt: MON_0900, minutes: 180 })], { 't-1': aWorkTicket('vendor') });
    expect(brief(lines)).toEqual([['w-1', 45, 'billable', 'on-site', 'R-BILL-1'], ['w-2', 180, 'billable', 'on-site', 'R-BILL-1']]);
  });
  it('bills on-site work on Saturday as on-site, one line', () => {
    expect(brief(classify([anEntry('w-1', { kind: 'on-site', startedAt: SAT_1000 })], { 't-1': aWorkTicket(null) })))
      .toEqual([['w-1', 60, 'billable', 'on-site', 'R-BILL-1']]);
  });
  it('bills out-of-scope work; its part after closing is out of hours', () => {
    const lines = classify([anEntry('w-1', { outOfScope: true, startedAt: SUN_1600, minutes: 90 })], { 't-1': aWorkTicket('vendor') });
    expect(brief(lines)).toEqual([['w-1', 60, 'billable', 'out-of-scope', 'R-BILL-1'], ['w-1', 30, 'billable', 'out-of-hours', 'R-CAL-4']]);
  });
});

describe('R-ENT-1: support is conditional on an active subscription', () => {
  it('bills in-hours work for an organisation whose subscription expired', () => {
    expect(brief(classify([anEntry('w-1')], { 't-1': aWorkTicket('vendor', { subscription: 'expired' }) }))).toEqual([['w-1', 60, 'billable', 'no-subscription', 'R-ENT-1']]);
  });
  it('covers the same work under an active subscription', () => {
    expect(brief(classify([anEntry('w-1')], { 't-1': aWorkTicket(null) }))).toEqual([['w-1', 60, 'free', 'covered', 'R-ENT-1']]);
  });
});

describe('R-BILL-2: vendor faults are free; CSS organisations get 2 hours a month of free advice on application faults', () => {
  it('keeps vendor-fault work in hours free, but not its part out of hours', () => {
    const lines = classify([anEntry('w-1', { startedAt: SUN_1600, minutes: 90 })], { 't-1': aWorkTicket('vendor') });
    expect(brief(lines)).toEqual([['w-1', 60, 'free', 'vendor-fault', 'R-BILL-2'], ['w-1', 30, 'billable', 'out-of-hours', 'R-CAL-4']]);
  });

  // Two tickets of acme (CSS), both application faults: 50 + 45 + 60 + 30 minutes against a 120-minute quota.
  const cssTickets = { 't-1': aWorkTicket('application', { css: true }), 't-2': aWorkTicket('application', { css: true }) };
  const quotaEntries = [
    anEntry('w-1', { ticketId: 't-1', startedAt: SUN_0900, minutes: 50 }),
    anEntry('w-2', { ticketId: 't-2', ticketNumber: 'T-1002', startedAt: MON_0900, minutes: 45 }),
    anEntry('w-3', { ticketId: 't-1', startedAt: TUE_0900, minutes: 60 }),
    anEntry('w-4', { ticketId: 't-2', ticketNumber: 'T-1002', startedAt: WED_0900, minutes: 30 }),
  ];
  const expected = [
    ['w-1', 50, 'free', 'application-advice', 'R-BILL-2'],
    ['w-2', 45, 'free', 'application-advice', 'R-BILL-2'],
    ['w-3', 25, 'free', 'application-advice', 'R-BILL-2'],
    ['w-3', 35, 'billable', 'application-fault', 'R-TKT-7'],
    ['w-4', 30, 'billable', 'application-fault', 'R-TKT-7'],
  ];
  it('consumes the quota in time order across the organisation\'s tickets, splitting the entry that crosses it', () => {
    expect(brief(classify(quotaEntries, cssTickets))).toEqual(expected);
  });
  it('gives the same lines whatever order the work was logged in', () => {
    const inOrder = classify(quotaEntries, cssTickets);
    expect(classify([...quotaEntries].reverse(), cssTickets)).toEqual(inOrder);
    fc.assert(fc.property(fc.shuffledSubarray(quotaEntries, { minLength: 4, maxLength: 4 }), (shuffled) => {
      expect(classify(shuffled, cssTickets)).toEqual(inOrder);
    }));
  });
  it('orders entries starting together by id', () => {
    const lines = classify([anEntry('w-b', { minutes: 100 }), anEntry('w-a', { minutes: 100 })], cssTickets);
    expect(brief(lines)).toEqual([
      ['w-a', 100, 'free', 'application-advice', 'R-BILL-2'],
      ['w-b', 20, 'free', 'application-advice', 'R-BILL-2'],
      ['w-b', 80, 'billable', 'application-fault', 'R-TKT-7'],
    ]);
  });
  it('resets the quota in the next month of Israel time (2026-06-30T22:30Z is already July)', () => {
    expect(monthOf(defaultPolicy, '2026-06-30T22:30:00.000Z')).toBe('2026-07');
    const lines = classify([
      anEntry('w-1', { startedAt: '2026-06-30T06:00:00.000Z', minutes: 120 }), // Tuesday 30 June, 09:00: uses June's quota
      anEntry('w-2', { startedAt: '2026-06-30T22:30:00.000Z', minutes: 30 }), // 01:30 on 1 July: out of hours
      anEntry('w-3', { startedAt: '2026-07-01T06:00:00.000Z', minutes: 60 }), // Wednesday 1 July, 09:00: a fresh quota
    ], cssTickets);
    expect(lines.map((l) => [l.entryId, l.month, l.minutes, l.reason])).toEqual([
      ['w-1', '2026-06', 120, 'application-advice'],
      ['w-2', '2026-07', 30, 'out-of-hours'],
      ['w-3', '2026-07', 60, 'application-advice'],
    ]);
  });
  it('gives each organisation its own quota', () => {
    const lines = classify([anEntry('w-1', { minutes: 120 }), anEntry('w-2', { organisationId: 'globex', startedAt: MON_0900, minutes: 120 })], cssTickets);
    expect(lines.every((l) => l.reason === 'application-advice')).toBe(true);
  });
});

describe('R-TKT-7: application faults go to Professional Services at a cost', () => {
  it('bills a non-CSS organisation\'s application fault from the first minute', () => {
    expect(brief(classify([anEntry('w-1')], { 't-1': aWorkTicket('application') }))).toEqual([['w-1', 60, 'billable', 'application-fault', 'R-TKT-7']]);
  });
});

describe('R-PARTY-2: whatever is billable on a partner\'s ticket is billed to the partner', () => {
  const tickets = { 't-1': aWorkTicket('application', { css: true }), 't-2': aWorkTicket(null), 't-3': aWorkTicket('application', { css: true }) };
  const lines = classify([
    anEntry('w-1', { ticketId: 't-1', billToOrganisationId: 'northwind', minutes: 90 }), // acme through its partner
    anEntry('w-2', { ticketId: 't-2', organisationId: 'globex', billToOrganisationId: 'northwind', startedAt: SAT_1000 }),
    anEntry('w-3', { ticketId: 't-3', startedAt: MON_0900, minutes: 60 }), // acme directly: the same quota
  ], tickets);

  it('lists the partner\'s customers\' lines on the partner\'s statement, with totals', () => {
    const statement = billingStatement('northwind', '2026-06', lines);
    expect(statement.lines.map((l) => [l.entryId, l.organisationId])).toEqual([['w-2', 'globex'], ['w-1', 'acme']]);
    expect(statement.totals).toEqual({ billableMinutes: 60, freeMinutes: 90, byReason: { 'out-of-hours': 60, 'application-advice': 90 } });
  });
  it('keeps the customer\'s own tickets off the partner\'s statement, sharing the customer\'s quota', () => {
    const statement = billingStatement('acme', '2026-06', lines);
    expect(brief(statement.lines)).toEqual([['w-3', 30, 'free', 'application-advice', 'R-BILL-2'], ['w-3', 30, 'billable', 'application-fault', 'R-TKT-7']]);
    expect(statement.totals).toEqual({ billableMinutes: 30, freeMinutes: 30, byReason: { 'application-advice': 30, 'application-fault': 30 } });
  });
  it('keeps other months off the statement', () => {
    expect(billingStatement('northwind', '2026-07', lines)).toEqual({
      billToOrganisationId: 'northwind', month: '2026-07', lines: [], totals: { billableMinutes: 0, freeMinutes: 0, byReason: {} },
    });
  });
});

describe('classifyWork', () => {
  it('throws on an entry whose ticket was not given (a caller bug)', () => {
    expect(() => classify([anEntry('w-1', { ticketId: 't-9' })], {})).toThrow(/t-9/);
  });
  it('returns no lines for no entries', () => expect(classify([], {})).toEqual([]));

  const TICKETS = ['t-1', 't-2', 't-3', 't-4'];
  const aTicketSet = fc.tuple(...TICKETS.map(() => fc.record({
    fault: fc.constantFrom<Fault | null>(null, 'vendor', 'application'),
    entitlement: fc.record({ subscription: fc.constantFrom('active', 'expired'), calendar: fc.constantFrom('basic', 'extended'), css: fc.boolean() }),
  }))).map((ts) => Object.fromEntries(ts.map((t, i) => [TICKETS[i]!, t as WorkTicket])));
  const anyEntries = fc.array(fc.record({
    ticket: fc.integer({ min: 0, max: 3 }),
    org: fc.constantFrom('acme', 'globex'),
    billTo: fc.constantFrom('acme', 'globex', 'northwind'),
    startS: fc.integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2026, 11, 31) / 1000 }),
    minutes: fc.integer({ min: 1, max: 1440 }),
    kind: fc.constantFrom('remote', 'remote', 'on-site', 'travel'),
    outOfScope: fc.boolean(),
  }), { maxLength: 30 }).map((rs) => rs.map((r, i) => anEntry(`w-${i}`, {
    ticketId: TICKETS[r.ticket]!, organisationId: r.org, billToOrganisationId: r.billTo,
    startedAt: new Date(r.startS * 1000).toISOString(), minutes: r.minutes, kind: r.kind, outOfScope: r.outOfScope,
  })));

  it('R-BILL-3: every minute logged is classified once: per entry the lines sum to it, statements to the total', () => {
    fc.assert(fc.property(anyEntries, aTicketSet, (entries, tickets) => {
      const lines = classify(entries, tickets);
      for (const e of entries) expect(lines.filter((l) => l.entryId === e.id).reduce((sum, l) => sum + l.minutes, 0)).toBe(e.minutes);
      expect(lines.every((l) => Number.isInteger(l.minutes) && l.minutes > 0)).toBe(true);
      const statements = [...new Set(lines.map((l) => `${l.billToOrganisationId} ${l.month}`))].map((k) => billingStatement(k.split(' ')[0]!, k.split(' ')[1]!, lines));
      const billed = statements.reduce((sum, s) => sum + s.totals.billableMinutes + s.totals.freeMinutes, 0);
      expect(billed).toBe(entries.reduce((sum, e) => sum + e.minutes, 0));
    }), { numRuns: 200 });
  });

  it('R-BILL-2: free advice never exceeds the quota of an organisation and month', () => {
    fc.assert(fc.property(anyEntries, aTicketSet, (entries, tickets) => {
      const used = new Map<string, number>();
      for (const l of classify(entries, tickets)) {
        if (l.reason === 'application-advice') used.set(`${l.organisationId} ${l.month}`, (used.get(`${l.organisationId} ${l.month}`) ?? 0) + l.minutes);
      }
      expect([...used.values()].every((m) => m <= defaultPolicy.billing.applicationAdviceMinutesPerMonth)).toBe(true);
    }), { numRuns: 100 });
  });
});

describe('monthOf and monthBounds: months in the policy\'s time zone', () => {
  it.each([
    ['2026-06-30T20:59:59.999Z', '2026-06'], // 23:59:59 on 30 June in Israel
    ['2026-06-30T21:00:00.000Z', '2026-07'],
    ['2026-01-31T22:00:00.000Z', '2026-02'], // winter time, UTC+2
    ['2026-12-31T21:59:59.999Z', '2026-12'],
  ])('%s is in %s in Israel', (at, month) => expect(monthOf(defaultPolicy, at)).toBe(month));

  it.each([
    ['2026-07', '2026-06-30T21:00:00.000Z', '2026-07-31T21:00:00.000Z'],
    ['2026-03', '2026-02-28T22:00:00.000Z', '2026-03-31T21:00:00.000Z'], // summer time starts on 27 March
    ['2026-12', '2026-11-30T22:00:00.000Z', '2026-12-31T22:00:00.000Z'],
  ])('%s runs from local midnight to local midnight', (month, from, to) => expect(monthBounds(defaultPolicy, month)).toEqual({ from, to }));

  it('starts a month at the clock change where midnight does not exist (Asunción, 1 October 2023)', () => {
    const asuncion = { ...defaultPolicy, timeZone: 'America/Asuncion' };
    expect(monthBounds(asuncion, '2023-10').from).toBe('2023-10-01T04:00:00.000Z');
    expect(monthOf(asuncion, '2023-10-01T03:59:59.999Z')).toBe('2023-09');
  });

  it('bounds contain every instant of the month, and only those', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (ms) => {
      const month = monthOf(defaultPolicy, new Date(ms).toISOString());
      const { from, to } = monthBounds(defaultPolicy, month);
      expect(Date.parse(from) <= ms && ms < Date.parse(to)).toBe(true);
      expect(monthOf(defaultPolicy, from)).toBe(month);
      expect(monthOf(defaultPolicy, new Date(Date.parse(to) - 1).toISOString())).toBe(month);
    }));
  });

  it.each(['2026-13', '2026-00', '2026-7', 'June 2026', '', '0099-01'])('refuses %j as a month', (month) => {
    expect(() => monthBounds(defaultPolicy, month)).toThrow(expect.objectContaining({ code: 'invalid-input', context: { field: 'month' } }));
  });
});
