import type { Policy } from './policy-defaults.js';
import { DomainError } from './errors.js';
import { SYSTEM, type Change, type TargetName, type Ticket, type TimerKind } from './types.js';
import { instantMs, toInstant } from './calendar/business-time.js';
import { isOpenTarget } from './sla/targets.js';
import type { Draft } from './sla/ticket-sla.js';
import { enterStatus } from './lifecycle/enter-status.js';

/** One thing that fell due: an SLA warning or breach (R-SLA-6), or a lifecycle timer. */
export type DueAction =
  | { kind: 'sla-warning' | 'sla-breach'; target: TargetName; at: string; notify: boolean }
  | { kind: 'timer'; timer: TimerKind; n: number; at: string; notify: boolean };

/** What is due on a ticket at `now`, in order, and when it must be woken next. */
export type Due = { actions: DueAction[]; nextWakeAt: string | null };

const TARGETS: readonly TargetName[] = ['firstResponse', 'cssResponse', 'contact'];
const MAX_STEPS = 64; // a ticket's whole charter timeline is a dozen steps; more means a bug

/** Deadlines still ahead of a ticket, as [instant ms, action] pairs. */
function pending(t: Ticket): Array<[number, DueAction]> {
  const out: Array<[number, DueAction]> = [];
  for (const target of TARGETS) {
    const s = t.sla[target];
    if (!isOpenTarget(s) || s.pausedAt !== null) continue;
    if (s.warnedAt === null) out.push([instantMs(s.warnAt), { kind: 'sla-warning', target, at: s.warnAt, notify: true }]);
    out.push([instantMs(s.dueAt), { kind: 'sla-breach', target, at: s.dueAt, notify: true }]);
  }
  for (const timer of t.timers) {
    if (timer.doneAt === null) out.push([instantMs(timer.dueAt), { kind: 'timer', timer: timer.kind, n: timer.n, at: timer.dueAt, notify: true }]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The earliest open deadline of a ticket: when its one schedule must fire (design: one schedule per ticket). */
export function computeNextWakeAt(t: Ticket): string | null {
  const first = pending(t)[0];
  return first ? toInstant(first[0]) : null;
}

/** Carries out one due action on a draft, at the action's own instant. */
export function applyDueAction(d: Draft, a: DueAction): void {
  const t = d.ticket;
  if (a.kind !== 'timer') {
    const s = t.sla[a.target]!;
    if (a.kind === 'sla-warning') {
      t.sla[a.target] = { ...s, warnedAt: a.at };
      d.events.push({ type: 'sla-warning', at: a.at, actor: SYSTEM, data: { target: a.target, dueAt: s.dueAt, notify: a.notify } });
    } else {
      t.sla[a.target] = { ...s, breachedAt: a.at };
      t.breachCount += 1;
      // R-ESC-3: the assignee and the next tier's duty contact hear of every breach; the HOS from the second on.
      const escalation = { assignee: true, nextTierDuty: true, headOfSupport: t.breachCount >= 2 };
      d.events.push({ type: 'sla-breached', at: a.at, actor: SYSTEM, data: { target: a.target, dueAt: s.dueAt, breachCount: t.breachCount, escalation, notify: a.notify } });
    }
    return;
  }
  t.timers = t.timers.map((x) => (x.kind === a.timer && x.n === a.n && x.doneAt === null ? { ...x, doneAt: a.at } : x));
  switch (a.timer) {
    case 'unanswered': return enterStatus(d, 'pending-customer', a.at, SYSTEM, { reason: 'unanswered', rule: 'R-COMM-2' });
    case 'auto-resolve': return enterStatus(d, 'resolved', a.at, SYSTEM, { reason: 'no-response', rule: 'R-PEND-4' });
    case 'auto-close': return enterStatus(d, 'closed', a.at, SYSTEM, { reason: 'no-answer', rule: 'R-CLOSE-4' });
    case 'pending-reminder':
      d.events.push({ type: 'pending-customer-reminder', at: a.at, actor: SYSTEM, data: { n: a.n, notify: a.notify, rule: a.n === 1 ? 'R-PEND-2' : 'R-PEND-3' } });
      return;
    case 'check-in':
      d.events.push({ type: 'resolution-check-in', at: a.at, actor: SYSTEM, data: { n: a.n, notify: a.notify, rule: a.n === 1 ? 'R-CLOSE-2' : 'R-CLOSE-3' } });
      return;
  }
}

/**
 * Everything due on `ticket` at `now`, in time order, each at its own instant (a late timer
 * yields the same history as a punctual one); steps cascade (Resolved at +6 starts the check-ins).
 * When a batch catches up on a chain, only its last step notifies: a warning is silent beside its
 * breach, and a reminder beside a later reminder or the chain's end. Applying the result and
 * asking again at the same `now` finds nothing.
 */
export function computeDue(ticket: Ticket, policy: Policy, now: string): Due {
  const d: Draft = { ticket: structuredClone(ticket), events: [], policy };
  const nowMs = instantMs(now);
  const actions: DueAction[] = [];
  for (let step = 0; ; step++) {
    const next = pending(d.ticket)[0];
    if (!next || next[0] > nowMs) break;
    if (step >= MAX_STEPS) throw new DomainError('invalid-input', 'ticket timeline does not settle', { id: ticket.id });
    actions.push(next[1]);
    applyDueAction(d, next[1]);
  }
  const silenced = actions.map((a, i) => actions.slice(i + 1).some((b) => supersedes(b, a)));
  return { actions: actions.map((a, i) => (silenced[i] ? { ...a, notify: false } : a)), nextWakeAt: computeNextWakeAt(d.ticket) };
}

function supersedes(later: DueAction, earlier: DueAction): boolean {
  if (earlier.kind === 'sla-warning') return later.kind === 'sla-breach' && later.target === earlier.target;
  if (earlier.kind !== 'timer' || later.kind !== 'timer') return false;
  const chain = (k: TimerKind) => (k === 'pending-reminder' || k === 'auto-resolve' ? 'pending' : k === 'check-in' || k === 'auto-close' ? 'resolved' : k);
  return earlier.timer !== 'auto-resolve' && chain(later.timer) === chain(earlier.timer) && earlier.timer !== 'unanswered';
}

/** Applies what computeDue found, as one change (one write) with the next wake-up. */
export function applyDue(ticket: Ticket, due: Due, policy: Policy): Change {
  const d: Draft = { ticket: structuredClone(ticket), events: [], policy };
  for (const a of due.actions) applyDueAction(d, a);
  d.ticket.version += 1;
  d.ticket.nextWakeAt = computeNextWakeAt(d.ticket);
  return { ticket: d.ticket, events: d.events };
}
