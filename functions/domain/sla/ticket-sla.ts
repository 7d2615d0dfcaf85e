import type { Policy } from '../policy-defaults.js';
import type { Actor, DomainEvent, Ticket } from '../types.js';
import { calendarOf, computeContactDue, isOpenTarget, pauseTarget, planTarget, resumeTarget } from './targets.js';

/**
 * Ticket-level SLA steps. Each works on a command's private copy of the ticket (`draft`) and
 * appends the events it causes to `events`, so a command stays a list of steps.
 */
export type Draft = { ticket: Ticket; events: DomainEvent[]; policy: Policy };

const event = (d: Draft, type: string, at: string, actor: Actor, data: Record<string, unknown>) =>
  d.events.push({ type, at, actor, data });

/** R-ENT-1: an organisation without an active subscription gets no SLA clock. */
export const hasSlaClock = (t: Ticket): boolean => t.entitlement.subscription === 'active';

/** R-SLA-4: incidents are worked from the opening; service requests once work starts. */
export const hasWorkStarted = (t: Ticket): boolean => t.type === 'incident' || t.workStartedAt !== null;

/** An agent's public reply (or a solution) answers the customer: it meets the response targets. */
export function meetResponseTargets(d: Draft, at: string, actor: Actor): void {
  for (const name of ['firstResponse', 'cssResponse'] as const) {
    const target = d.ticket.sla[name];
    if (target && target.metAt === null && target.stoppedAt === null) {
      d.ticket.sla[name] = { ...target, metAt: at };
      event(d, 'sla-met', at, actor, { target: name, dueAt: target.dueAt, late: target.breachedAt !== null });
    }
  }
}

/** Ends the running contact cycle (met by an update, or stopped when the ticket is resolved) into the history. */
export function endContactCycle(d: Draft, at: string, actor: Actor, how: 'met' | 'stopped'): void {
  const current = d.ticket.sla.contact;
  if (!current) return;
  if (isOpenTarget(current)) {
    const ended = { ...current, pausedAt: null, ...(how === 'met' ? { metAt: at } : { stoppedAt: at }) };
    d.ticket.slaHistory.push(ended);
    if (how === 'met') event(d, 'sla-met', at, actor, { target: 'contact', dueAt: current.dueAt, late: false });
  } else {
    d.ticket.slaHistory.push(current);
  }
  delete d.ticket.sla.contact;
}

/**
 * R-SLA-2: an update to the customer starts the next contact-frequency cycle (R-SLA-4: once
 * work has started; R-SLA-5: paused from the start while Pending Customer).
 */
export function startContactCycle(d: Draft, at: string, actor: Actor): void {
  endContactCycle(d, at, actor, 'met');
  const t = d.ticket;
  if (!hasSlaClock(t) || !hasWorkStarted(t) || t.status === 'resolved' || t.status === 'closed') return;
  const cal = calendarOf(t, d.policy);
  const target = planTarget(cal, d.policy, 'contact', at, computeContactDue(cal, d.policy, t.severity, at));
  t.sla.contact = t.status === 'pending-customer' ? pauseTarget(target, at) : target;
}

/** R-SLA-5: the contact-frequency clock pauses while Pending Customer. */
export function pauseContact(d: Draft, at: string, actor: Actor): void {
  const c = d.ticket.sla.contact;
  if (!isOpenTarget(c) || c.pausedAt !== null) return;
  d.ticket.sla.contact = pauseTarget(c, at);
  event(d, 'sla-paused', at, actor, { target: 'contact' });
}

/** R-SLA-5: resuming moves only the contact deadline, by exactly the business time spent paused. */
export function resumeContact(d: Draft, at: string, actor: Actor): void {
  const c = d.ticket.sla.contact;
  if (!isOpenTarget(c) || c.pausedAt === null) return;
  const resumed = resumeTarget(calendarOf(d.ticket, d.policy), c, at);
  d.ticket.sla.contact = resumed;
  event(d, 'sla-resumed', at, actor, {
    target: 'contact', pausedMinutes: resumed.pausedMinutes - c.pausedMinutes, dueAt: resumed.dueAt,
  });
}

/** Ends every response target still running without a verdict (the ticket closed without one). */
export function stopResponseTargets(d: Draft, at: string): void {
  for (const name of ['firstResponse', 'cssResponse'] as const) {
    const target = d.ticket.sla[name];
    if (isOpenTarget(target)) d.ticket.sla[name] = { ...target, stoppedAt: at };
  }
}
