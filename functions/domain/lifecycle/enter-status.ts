import type { Actor, Status } from '../types.js';
import { calendarOf } from '../sla/targets.js';
import {
  endContactCycle, hasSlaClock, meetResponseTargets, pauseContact, resumeContact, startContactCycle,
  stopResponseTargets, type Draft,
} from '../sla/ticket-sla.js';
import { computeStatusTimers } from './timers.js';

/**
 * Moves the draft's ticket to `to` at `at` (already checked against TRANSITIONS), with what the
 * charter attaches to entering and leaving each status.
 */
export function enterStatus(d: Draft, to: Status, at: string, actor: Actor, details: Record<string, unknown> = {}): void {
  const t = d.ticket;
  const from = t.status;
  if (from === 'pending-customer') resumeContact(d, at, actor); // R-SLA-5
  t.status = to;
  t.statusSince = at;
  t.timers = computeStatusTimers(calendarOf(t, d.policy), d.policy, to, at); // R-PEND-2..4, R-CLOSE-2..4
  d.events.push({ type: 'status-changed', at, actor, data: { from, to, ...details } });
  switch (to) {
    case 'pending-customer':
      pauseContact(d, at, actor); // R-SLA-5
      break;
    case 'in-progress':
      if (t.workStartedAt === null) {
        t.workStartedAt = at; // R-SLA-4: work on a service request starts now
        if (t.type === 'service-request' && hasSlaClock(t)) startContactCycle(d, at, actor);
      } else if (from === 'resolved' && hasSlaClock(t)) {
        startContactCycle(d, at, actor); // reopened: the customer waits for news again
      }
      break;
    case 'resolved':
      if (actor.party === 'agent') meetResponseTargets(d, at, actor); // R-CLOSE-1: the solution is a response
      endContactCycle(d, at, actor, 'stopped');
      break;
    case 'closed':
      stopResponseTargets(d, at);
      endContactCycle(d, at, actor, 'stopped');
      break;
    case 'pending-vendor': // R-SLA-5: the contact clock keeps running
    case 'new':
      break;
  }
}
