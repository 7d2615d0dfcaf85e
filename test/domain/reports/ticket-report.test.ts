import { describe, expect, it } from 'vitest';
import { changeStatus, confirmResolution, defaultPolicy, recordAgentReply, type Ticket } from '../../../functions/domain/index.js';
import { ticketReport, type Period } from '../../../functions/domain/reports/index.js';
import { AGENT, CUSTOMER, aTicket, fireTimer } from '../../fixtures/builders.js';

const P = defaultPolicy;
// Israel's week of Sunday 7 June 2026 (UTC+3): Sunday 00:00 to the next Sunday 00:00, half-open.
const WEEK: Period = { from: '2026-06-06T21:00:00.000Z', to: '2026-06-13T21:00:00.000Z' };
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';
const MON_0900 = '2026-06-08T06:00:00.000Z';
const MON_1000 = '2026-06-08T07:00:00.000Z';

/** High incident answered in time on Sunday; Monday's update meets its first contact cycle. */
const answered = (): Ticket => {
  const opened = aTicket(SUN_0900, { id: 't-met', case: { number: 'T-1001' } });
  const replied = recordAgentReply(opened, AGENT, P, SUN_1000).ticket;
  return recordAgentReply(replied, AGENT, P, MON_1000).ticket;
};

/** Urgent incident: 3 business hours pass unanswered (the timer breaches it at 12:00), answered at 15:30. */
const answeredLate = (): Ticket => {
  const breached = fireTimer(aTicket(SUN_0900, { id: 't-late', severity: 'urgent', case: { number: 'T-1002' } }), '2026-06-07T12:00:00.000Z').ticket;
  return recordAgentReply(breached, AGENT, P, '2026-06-07T12:30:00.000Z').ticket;
};

/** Opened Thursday before the week and answered that day; still in progress all week. */
const openAcross = (): Ticket => {
  const opened = aTicket('2026-06-04T06:00:00.000Z', { id: 't-across', severity: 'normal', case: { number: 'T-0990' } });
  return recordAgentReply(opened, AGENT, P, '2026-06-04T07:00:00.000Z').ticket;
};

/** Opened, answered, resolved Monday; the customer confirms Tuesday. */
const closedInWeek = (): Ticket => {
  let t = aTicket(MON_0900, { id: 't-closed', severity: 'normal', case: { number: 'T-1003' } });
  t = recordAgentReply(t, AGENT, P, MON_1000).ticket;
  t = changeStatus(t, 'resolved', AGENT, P, '2026-06-08T08:00:00.000Z', { solution: 'Raised the reload memory' }).ticket;
  return confirmResolution(t, CUSTOMER, P, '2026-06-09T06:00:00.000Z').ticket;
};

/** Opened, resolved and closed the week before. */
const closedBefore = (): Ticket => {
  const t = aTicket('2026-05-31T06:00:00.000Z', { id: 't-old', severity: 'normal', case: { number: 'T-0980' } });
  const resolved = changeStatus(t, 'resolved', AGENT, P, '2026-06-01T06:00:00.000Z', { solution: 'Config fixed' }).ticket;
  return confirmResolution(resolved, CUSTOMER, P, '2026-06-02T06:00:00.000Z').ticket;
};

const openedAtEnd = (): Ticket => aTicket(WEEK.to, { id: 't-next', case: { number: 'T-1010' } });
const otherOrganisation = (): Ticket => aTicket(SUN_0900, { id: 't-globex', organisationId: 'globex', case: { number: 'T-2001' } });

const allTickets = (): Ticket[] => [closedBefore(), answered(), openedAtEnd(), openAcross(), otherOrganisation(), answeredLate(), closedInWeek()];
const report = (tickets: Ticket[] = allTickets(), work: Parameters<typeof ticketReport>[0]['work'] = []) =>
  ticketReport({ organisationId: 'acme', period: WEEK, tickets, work });

describe("R-RPT-2: the report lists the period's tickets", () => {
  it('includes tickets opened in the period and one open across it, newest first', () => {
    expect(report().tickets.map((t) => t.id)).toEqual(['t-closed', 't-late', 't-met', 't-across']);
  });
  it('excludes a ticket opened at the end of the period and one closed before its start', () => {
    const ids = report().tickets.map((t) => t.id);
    expect(ids).not.toContain('t-next');
    expect(ids).not.toContain('t-old');
  });
  it('includes a ticket closed exactly at the start of the period, not one closed a millisecond before', () => {
    const closedAt = (at: string): Ticket => ({ ...closedBefore(), statusSince: at });
    expect(report([closedAt(WEEK.from)]).tickets.map((t) => t.closedAt)).toEqual([WEEK.from]);
    expect(report([closedAt('2026-06-06T20:59:59.999Z')]).tickets).toEqual([]);
  });
  it("ignores other organisations' tickets and their work", () => {
    const r = report(allTickets(), [{ ticketId: 't-globex', minutes: 90, startedAt: SUN_1000 }]);
    expect(r.tickets.map((t) => t.id)).not.toContain('t-globex');
    expect(r.totals.workMinutes).toBe(0);
    expect(ticketReport({ organisationId: 'globex', period: WEEK, tickets: allTickets(), work: [] }).tickets.map((t) => t.id)).toEqual(['t-globex']);
  });
  it('shows status, severity and closing time', () => {
    const [closed, late] = report().tickets;
    expect(closed).toMatchObject({ number: 'T-1003', subject: 'Night reload fails', type: 'incident', severity: 'normal', status: 'closed', createdAt: MON_0900, closedAt: '2026-06-09T06:00:00.000Z' });
    expect(late).toMatchObject({ number: 'T-1002', severity: 'urgent', status: 'in-progress', closedAt: null });
  });
  it('refuses an empty or reversed period', () => {
    expect(() => ticketReport({ organisationId: 'acme', period: { from: WEEK.to, to: WEEK.from }, tickets: [], work: [] })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => ticketReport({ organisationId: 'acme', period: { from: WEEK.from, to: WEEK.from }, tickets: [], work: [] })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

describe('R-RPT-2: each SLA target is reported met or breached', () => {
  const row = (id: string) => report().tickets.find((t) => t.id === id)!;
  it('a first response given in time is met, and each finished contact cycle is listed from the history', () => {
    expect(row('t-met').targets).toEqual([
      { target: 'firstResponse', startAt: SUN_0900, dueAt: '2026-06-07T10:30:00.000Z', outcome: 'met', decidedAt: SUN_1000 },
      { target: 'contact', startAt: SUN_1000, dueAt: '2026-06-14T12:30:00.000Z', outcome: 'met', decidedAt: MON_1000 },
      { target: 'contact', startAt: MON_1000, dueAt: '2026-06-15T12:30:00.000Z', outcome: 'running', decidedAt: null },
    ]);
  });
  it('a first response breached by the timer stays breached when the answer comes later', () => {
    expect(row('t-late').targets[0]).toEqual({ target: 'firstResponse', startAt: SUN_0900, dueAt: '2026-06-07T09:00:00.000Z', outcome: 'breached', decidedAt: '2026-06-07T09:00:00.000Z' });
  });
  it('a contact cycle ended by resolving is stopped, neither met nor breached', () => {
    expect(row('t-closed').targets.map((t) => [t.target, t.outcome])).toEqual([['firstResponse', 'met'], ['contact', 'stopped']]);
  });
  it('counts in the totals only the targets decided in the period', () => {
    // t-met: first response and one contact cycle; t-closed: first response; t-across was answered before the week.
    expect(row('t-across').targets[0]).toMatchObject({ outcome: 'met', decidedAt: '2026-06-04T07:00:00.000Z' });
    expect(report().totals).toMatchObject({ targetsMet: 3, targetsBreached: 1 });
  });
  it('counts nothing when no target was decided in the period', () => {
    expect(report([openAcross(), openedAtEnd()]).totals).toMatchObject({ tickets: 1, targetsMet: 0, targetsBreached: 0 });
  });
});

describe('R-RPT-2: time spent is the work that started within the period', () => {
  const work = [
    { ticketId: 't-met', minutes: 30, startedAt: '2026-06-06T20:59:00.000Z' }, // a minute before: out
    { ticketId: 't-met', minutes: 15, startedAt: WEEK.from }, // at the start: in
    { ticketId: 't-met', minutes: 45, startedAt: SUN_1000 },
    { ticketId: 't-late', minutes: 60, startedAt: '2026-06-13T20:00:00.000Z' },
    { ticketId: 't-late', minutes: 20, startedAt: WEEK.to }, // at the end: out (half-open)
    { ticketId: 't-old', minutes: 10, startedAt: SUN_1000 }, // a ticket not in the report
  ];
  it('sums per ticket, half-open at both ends', () => {
    const r = report(allTickets(), work);
    expect(Object.fromEntries(r.tickets.map((t) => [t.id, t.workMinutes]))).toEqual({ 't-closed': 0, 't-late': 60, 't-met': 60, 't-across': 0 });
    expect(r.totals.workMinutes).toBe(120);
  });
});

describe('R-RPT-2: the totals', () => {
  it('counts tickets, opened and closed in the period, by status and by severity', () => {
    expect(report().totals).toEqual({
      tickets: 4, openedInPeriod: 3, closedInPeriod: 1,
      byStatus: { new: 0, 'in-progress': 3, 'pending-customer': 0, 'pending-vendor': 0, resolved: 0, closed: 1 },
      bySeverity: { urgent: 1, high: 1, normal: 2 },
      workMinutes: 0, targetsMet: 3, targetsBreached: 1,
    });
  });
  it('is all zeros for an organisation without tickets in the period', () => {
    const r = ticketReport({ organisationId: 'initech', period: WEEK, tickets: allTickets(), work: [] });
    expect(r.tickets).toEqual([]);
    expect(r.totals).toMatchObject({ tickets: 0, openedInPeriod: 0, closedInPeriod: 0, workMinutes: 0, bySeverity: { urgent: 0, high: 0, normal: 0 } });
  });
});
