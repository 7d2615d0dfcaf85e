import type { Policy } from '../policy-defaults.js';
import type { SlaTarget, TargetName, Ticket } from '../types.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { instantMs, toInstant } from '../calendar/business-time.js';
import { offsetAt, zoneOffsets } from '../calendar/time-zone.js';
import { calendarOf } from './targets.js';

// The desk's countdown (R-SLA-6, R-PORTAL-2): business time left to a target's due instant, on
// the very calendar the timer uses, so the countdown reaches zero at the instant computeDue
// breaches the target. The browser imports this file; it reads no clock of its own.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Where a target stands at an instant: running, past its warning, past due, paused, or ended. */
export type SlaClockState = 'running' | 'at-risk' | 'breached' | 'paused' | 'met' | 'stopped';

export type SlaClock = {
  target: TargetName;
  dueAt: string;
  state: SlaClockState;
  /**
   * Business milliseconds from now to the due instant; negative: overdue by that much business
   * time. Frozen while paused (R-SLA-5: the due instant moves by the pause on resume); 0 once met
   * or stopped.
   */
  leftMs: number;
};

/** The targets the queue and the countdown follow: not met and not stopped (a breached target is still owed). */
const isOwed = (t: SlaTarget | undefined): t is SlaTarget => t !== undefined && t.metAt === null && t.stoppedAt === null;

/** The owed target with the earliest due instant (ties: firstResponse, cssResponse, contact); null when none is owed. */
export function nextSlaTarget(ticket: Pick<Ticket, 'sla'>): SlaTarget | null {
  let next: SlaTarget | null = null;
  for (const name of ['firstResponse', 'cssResponse', 'contact'] as const) {
    const t = ticket.sla[name];
    if (isOwed(t) && (next === null || instantMs(t.dueAt) < instantMs(next.dueAt))) next = t;
  }
  return next;
}

/**
 * A target's clock at `now` on `cal`. Breached from the due instant on (or once the timer
 * recorded it), at risk from the warning instant on, whatever hour `now` is: an instant after
 * closing still counts as due, with 0 business time left or overdue.
 */
export function computeSlaClock(cal: BusinessCalendar, t: SlaTarget, now: string): SlaClock {
  const base = { target: t.target, dueAt: t.dueAt };
  if (t.metAt !== null) return { ...base, state: 'met', leftMs: 0 };
  if (t.stoppedAt !== null) return { ...base, state: 'stopped', leftMs: 0 };
  const due = instantMs(t.dueAt);
  if (t.pausedAt !== null) return { ...base, state: 'paused', leftMs: cal.elapsedMs(instantMs(t.pausedAt), due) };
  const nowMs = instantMs(now);
  const leftMs = cal.elapsedMs(nowMs, due);
  if (t.breachedAt !== null || nowMs >= due) return { ...base, state: 'breached', leftMs: Math.min(0, leftMs) };
  return { ...base, state: nowMs >= instantMs(t.warnAt) ? 'at-risk' : 'running', leftMs };
}

/** The clock of a ticket's next owed target under its own policy's calendar (R-CAL-3); null when none is owed. */
export function computeTicketCountdown(ticket: Pick<Ticket, 'sla' | 'entitlement'>, policy: Policy, now: string): SlaClock | null {
  const next = nextSlaTarget(ticket);
  return next ? computeSlaClock(calendarOf(ticket, policy), next, now) : null;
}

/**
 * Business time as whole hours and minutes for display: time still left is rounded up (a target
 * with 20 seconds left reads 1m, never 0m while it runs), time overdue is rounded down.
 */
export function splitBusinessTime(ms: number): { overdue: boolean; hours: number; minutes: number } {
  const overdue = ms < 0;
  const total = overdue ? Math.floor(-ms / MINUTE_MS) : Math.ceil(ms / MINUTE_MS);
  return { overdue, hours: Math.floor(total / 60), minutes: total % 60 };
}

/** Wall-clock date, weekday (0 Sunday) and time of an instant in `timeZone` (the policy's), from the zone snapshot. */
export function wallClockOf(at: string, timeZone: string): { date: string; weekday: number; time: string } {
  const ms = instantMs(at);
  const local = ms + offsetAt(zoneOffsets(timeZone, ms - DAY_MS, ms + DAY_MS), ms);
  const iso = toInstant(local);
  return { date: iso.slice(0, 10), weekday: (((Math.floor(local / DAY_MS) + 4) % 7) + 7) % 7, time: iso.slice(11, 16) }; // 1970-01-01 was a Thursday
}
