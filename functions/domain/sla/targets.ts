import type { Policy } from '../policy-defaults.js';
import type { Severity, SlaTarget, TargetName, Ticket } from '../types.js';
import { getBusinessCalendar, type BusinessCalendar } from '../calendar/business-calendar.js';
import { instantMs, toInstant } from '../calendar/business-time.js';

const MINUTE_MS = 60_000;

/** The business calendar a ticket runs on (R-CAL-3: extended hours when entitled). */
export const calendarOf = (ticket: Pick<Ticket, 'entitlement'>, policy: Policy): BusinessCalendar =>
  getBusinessCalendar(policy, ticket.entitlement.calendar);

/** R-SLA-1, R-SLA-2: first response due, counted in business hours from the opening. */
export const computeFirstResponseDue = (cal: BusinessCalendar, policy: Policy, severity: Severity, openedAt: string): string =>
  toInstant(cal.addMs(instantMs(openedAt), policy.targets[severity].firstResponseMinutes * MINUTE_MS));

/** R-SLA-2: the next update to the customer is due this long after the last one. */
export const computeContactDue = (cal: BusinessCalendar, policy: Policy, severity: Severity, updatedAt: string): string =>
  toInstant(cal.addMs(instantMs(updatedAt), policy.targets[severity].contactMinutes * MINUTE_MS));

/**
 * R-SLA-3: a Customer Success request opened before noon of a working day is answered by that
 * day's closing; at or after noon, by the next working day's; on a closed day, it counts as
 * opened at the next opening (before noon), so by that day's closing.
 */
export const computeCssResponseDue = (cal: BusinessCalendar, policy: Policy, openedAt: string): string =>
  toInstant(cal.closingOfWorkingDay(instantMs(openedAt), 0, policy.cssNoon));

/** R-SLA-6: a target from its start and due instants, warned when `warnAtFraction` of its business time is used. */
export function planTarget(cal: BusinessCalendar, policy: Policy, target: TargetName, startAt: string, dueAt: string): SlaTarget {
  const start = instantMs(startAt);
  const span = cal.elapsedMs(start, instantMs(dueAt));
  const warnAt = toInstant(cal.addMs(start, Math.round(span * policy.warnAtFraction)));
  return { target, startAt, dueAt, warnAt, warnedAt: null, metAt: null, breachedAt: null, pausedAt: null, pausedMinutes: 0, stoppedAt: null };
}

/** The due instant a target of this kind would have from `startAt` under `policy`, before any pause. */
export function computeTargetDue(cal: BusinessCalendar, policy: Policy, ticket: Pick<Ticket, 'severity' | 'createdAt'>, target: TargetName, startAt: string): string {
  switch (target) {
    case 'firstResponse': return computeFirstResponseDue(cal, policy, ticket.severity, startAt);
    case 'contact': return computeContactDue(cal, policy, ticket.severity, startAt);
    case 'cssResponse': return computeCssResponseDue(cal, policy, startAt);
  }
}

/**
 * A target recomputed from its own start under `policy` (R-TKT-5 reclassification, a re-plan):
 * time already spent paused still moves it; what was met stays met, and a met or breached
 * verdict is re-judged against the new due time.
 */
export function replanTarget(cal: BusinessCalendar, policy: Policy, ticket: Pick<Ticket, 'severity' | 'createdAt'>, old: SlaTarget): SlaTarget {
  const baseDue = computeTargetDue(cal, policy, ticket, old.target, old.startAt);
  const pausedMs = old.pausedMinutes * MINUTE_MS;
  const base = planTarget(cal, policy, old.target, old.startAt, baseDue);
  const shift = (iso: string) => (pausedMs > 0 ? toInstant(cal.addMs(instantMs(iso), pausedMs)) : iso);
  const fresh = { ...base, dueAt: shift(base.dueAt), warnAt: shift(base.warnAt) };
  const endedAt = old.metAt ?? old.stoppedAt;
  const due = instantMs(fresh.dueAt);
  let breachedAt: string | null = null;
  if (endedAt !== null) breachedAt = instantMs(endedAt) > due ? fresh.dueAt : null;
  // Still running: a breach already notified stays if the new due time is no later; otherwise
  // the timer records the breach when (and if) the new due time passes.
  else if (old.breachedAt !== null && instantMs(old.breachedAt) >= due) breachedAt = fresh.dueAt;
  return {
    ...fresh,
    warnedAt: old.warnedAt !== null && instantMs(old.warnedAt) >= instantMs(fresh.warnAt) ? old.warnedAt : null,
    metAt: old.metAt,
    stoppedAt: old.stoppedAt,
    pausedAt: old.pausedAt,
    pausedMinutes: old.pausedMinutes,
    breachedAt,
  };
}

/** A target still running: neither met, breached nor stopped. */
export const isOpenTarget = (t: SlaTarget | undefined): t is SlaTarget =>
  t !== undefined && t.metAt === null && t.breachedAt === null && t.stoppedAt === null;

/** R-SLA-5: pause a running target at `at` (its deadline then waits). */
export const pauseTarget = (t: SlaTarget, at: string): SlaTarget => (t.pausedAt === null ? { ...t, pausedAt: at } : t);

/** R-SLA-5: resume a paused target; its due and warning instants move by exactly the business time spent paused. */
export function resumeTarget(cal: BusinessCalendar, t: SlaTarget, at: string): SlaTarget {
  if (t.pausedAt === null) return t;
  const pausedMs = Math.max(0, cal.elapsedMs(instantMs(t.pausedAt), instantMs(at)));
  const shift = (iso: string) => toInstant(cal.addMs(instantMs(iso), pausedMs));
  return {
    ...t,
    pausedAt: null,
    pausedMinutes: t.pausedMinutes + pausedMs / MINUTE_MS,
    dueAt: shift(t.dueAt),
    warnAt: t.warnedAt === null ? shift(t.warnAt) : t.warnAt,
  };
}
