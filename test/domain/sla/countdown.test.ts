import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes, calendarOf, changeStatus, computeDue, computeSlaClock, computeTicketCountdown, defaultPolicy, instantMs,
  nextSlaTarget, recordAgentReply, splitBusinessTime, toInstant, wallClockOf,
} from '../../../functions/domain/index.js';
import { AGENT, aTicket, fireTimer } from '../../fixtures/builders.js';

// Named instants (Israel time in the names).
const THU_1500_BEFORE_ROSH_HASHANA = '2026-09-10T12:00:00.000Z'; // Fri 11 Erev RH, Sat 12 RH I, Sun 13 RH II: closed
const THU_1600 = '2026-09-10T13:00:00.000Z';
const SAT_1200_ROSH_HASHANA = '2026-09-12T09:00:00.000Z';
const SUN_1000_ROSH_HASHANA = '2026-09-13T07:00:00.000Z';
const MON_0900 = '2026-09-14T06:00:00.000Z';
const MON_0930 = '2026-09-14T06:30:00.000Z';
const THU_1500_BEFORE_DST_END = '2026-10-22T12:00:00.000Z'; // IDT (+3); summer time ends Sun 25 Oct 02:00
const SUN_1030_AFTER_DST_END = '2026-10-25T08:30:00.000Z'; // IST (+2)
const SUN_1230_AFTER_DST_END = '2026-10-25T10:30:00.000Z';
const MINUTE = 60_000;

const urgentBeforeHolidays = () => aTicket(THU_1500_BEFORE_ROSH_HASHANA, { severity: 'urgent' });
const left = (ticket: ReturnType<typeof aTicket>, now: string) => computeTicketCountdown(ticket, defaultPolicy, now)!;

describe('R-SLA-6, R-CAL-2: the countdown counts business time across closed days', () => {
  it('R-CAL-2: an urgent ticket opened Thursday 15:00 before Rosh Hashana is due Monday 09:30, and its 3 business hours never run on the closed days', () => {
    const ticket = urgentBeforeHolidays();
    expect(ticket.sla.firstResponse!.dueAt).toBe(MON_0930);
    expect(left(ticket, THU_1500_BEFORE_ROSH_HASHANA)).toMatchObject({ target: 'firstResponse', state: 'running', leftMs: 180 * MINUTE, dueAt: MON_0930 });
    expect(left(ticket, THU_1600).leftMs).toBe(120 * MINUTE);
    // 17:00 Thursday to 08:30 Monday is closed: the count stands still at one hour.
    for (const at of ['2026-09-10T14:00:00.000Z', SAT_1200_ROSH_HASHANA, SUN_1000_ROSH_HASHANA, '2026-09-14T05:30:00.000Z']) expect(left(ticket, at).leftMs).toBe(60 * MINUTE);
    expect(left(ticket, MON_0900)).toMatchObject({ leftMs: 30 * MINUTE, state: 'at-risk' }); // past the 80% warning
  });

  it('R-SLA-6: the countdown reaches zero at the very second the timer breaches the target', () => {
    const ticket = urgentBeforeHolidays();
    const oneSecondBefore = toInstant(instantMs(MON_0930) - 1000);
    expect(computeDue(ticket, defaultPolicy, oneSecondBefore).actions.map((a) => a.kind)).not.toContain('sla-breach');
    expect(left(ticket, oneSecondBefore)).toMatchObject({ state: 'at-risk', leftMs: 1000 });
    expect(splitBusinessTime(1000)).toEqual({ overdue: false, hours: 0, minutes: 1 }); // never 0m while it runs
    expect(computeDue(ticket, defaultPolicy, MON_0930).actions.map((a) => a.kind)).toContain('sla-breach');
    expect(left(ticket, MON_0930)).toMatchObject({ state: 'breached', leftMs: 0 });
    const later = '2026-09-14T08:15:00.000Z'; // 11:15, 105 business minutes overdue
    expect(left(ticket, later)).toMatchObject({ state: 'breached', leftMs: -105 * MINUTE });
    expect(left(fireTimer(ticket, later).ticket, later)).toMatchObject({ state: 'breached', leftMs: -105 * MINUTE }); // once recorded, still owed
  });

  it('R-SLA-6: the warning of the countdown is the timer\'s warning instant', () => {
    const ticket = urgentBeforeHolidays();
    const warnAt = ticket.sla.firstResponse!.warnAt;
    expect(left(ticket, toInstant(instantMs(warnAt) - 1)).state).toBe('running');
    expect(left(ticket, warnAt).state).toBe('at-risk');
    expect(computeDue(ticket, defaultPolicy, warnAt).actions.map((a) => a.kind)).toEqual(['sla-warning']);
  });

  it('agrees with the server: now plus the business time left is the API\'s due instant, at every hour of the span', () => {
    const ticket = urgentBeforeHolidays();
    const cal = calendarOf(ticket, defaultPolicy);
    for (let at = instantMs(THU_1500_BEFORE_ROSH_HASHANA); at < instantMs(MON_0930); at += 37 * MINUTE) {
      const clock = computeSlaClock(cal, ticket.sla.firstResponse!, toInstant(at));
      expect(addBusinessMinutes(cal, toInstant(at), clock.leftMs / MINUTE)).toBe(MON_0930);
    }
  });
});

describe('R-CAL-1: the countdown across a daylight-saving change', () => {
  it('counts Thursday 15:00 summer time to Sunday 12:30 winter time as 6 business hours, and names the wall time', () => {
    const ticket = aTicket(THU_1500_BEFORE_DST_END, { severity: 'normal' });
    expect(ticket.sla.firstResponse!.dueAt).toBe(SUN_1230_AFTER_DST_END);
    expect(left(ticket, THU_1500_BEFORE_DST_END).leftMs).toBe(360 * MINUTE);
    expect(left(ticket, '2026-10-24T23:30:00.000Z').leftMs).toBe(240 * MINUTE); // 01:30 IST, after the change
    expect(left(ticket, SUN_1030_AFTER_DST_END).leftMs).toBe(120 * MINUTE);
    expect(splitBusinessTime(left(ticket, '2026-10-25T07:50:00.000Z').leftMs)).toEqual({ overdue: false, hours: 2, minutes: 40 });
    expect(wallClockOf(SUN_1230_AFTER_DST_END, 'Asia/Jerusalem')).toEqual({ date: '2026-10-25', weekday: 0, time: '12:30' });
    expect(wallClockOf(THU_1500_BEFORE_DST_END, 'Asia/Jerusalem')).toEqual({ date: '2026-10-22', weekday: 4, time: '15:00' });
  });
});

describe('R-SLA-5: a paused target\'s countdown stands still', () => {
  it('holds the business time left from the pause on, and is the next target of the ticket', () => {
    const answered = recordAgentReply(urgentBeforeHolidays(), AGENT, defaultPolicy, THU_1600).ticket; // first response met; contact starts
    const pending = changeStatus(answered, 'pending-customer', AGENT, defaultPolicy, MON_0900).ticket;
    const target = nextSlaTarget(pending)!;
    expect(target).toMatchObject({ target: 'contact', pausedAt: MON_0900 });
    const atPause = left(pending, MON_0900);
    expect(atPause.state).toBe('paused');
    expect(atPause.leftMs).toBe(left(answered, MON_0900).leftMs);
    expect(left(pending, '2026-09-16T10:00:00.000Z')).toEqual(atPause);
  });

  it('met and stopped targets show no time left, and a ticket with none owed has no countdown', () => {
    const ticket = urgentBeforeHolidays();
    const t = ticket.sla.firstResponse!;
    const cal = calendarOf(ticket, defaultPolicy);
    expect(computeSlaClock(cal, { ...t, metAt: THU_1600 }, MON_0900)).toMatchObject({ state: 'met', leftMs: 0 });
    expect(computeSlaClock(cal, { ...t, stoppedAt: THU_1600 }, MON_0900)).toMatchObject({ state: 'stopped', leftMs: 0 });
    expect(computeTicketCountdown({ ...ticket, sla: {} }, defaultPolicy, MON_0900)).toBeNull();
  });
});

describe('splitBusinessTime', () => {
  it('rounds time left up and time overdue down, to whole minutes', () => {
    expect(splitBusinessTime(100 * MINUTE)).toEqual({ overdue: false, hours: 1, minutes: 40 });
    expect(splitBusinessTime(99.5 * MINUTE)).toEqual({ overdue: false, hours: 1, minutes: 40 });
    expect(splitBusinessTime(0)).toEqual({ overdue: false, hours: 0, minutes: 0 });
    expect(splitBusinessTime(-61.5 * MINUTE)).toEqual({ overdue: true, hours: 1, minutes: 1 });
  });
});
