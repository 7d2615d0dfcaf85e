import type { Policy } from '../policy-defaults.js';
import { DomainError } from '../errors.js';
import type { Change, Ticket } from '../types.js';
import type { Draft } from '../sla/ticket-sla.js';
import { applyDueAction, computeDue, computeNextWakeAt } from '../due.js';

/**
 * Starts a command on a private copy of the ticket, first catching up on whatever fell due
 * before `now` (a reply a minute after a breach the timer has not yet recorded still sees it).
 * A ticket runs on the policy it was opened with; another one needs an explicit re-plan.
 */
export function beginCommand(ticket: Ticket, policy: Policy, now: string): Draft {
  if (ticket.policyVersion !== policy.version) {
    throw new DomainError('policy-mismatch', `ticket ${ticket.id} runs on policy ${ticket.policyVersion}, not ${policy.version}`, {
      id: ticket.id, ticketPolicy: ticket.policyVersion, policy: policy.version,
    });
  }
  const d: Draft = { ticket: structuredClone(ticket), events: [], policy };
  for (const action of computeDue(ticket, policy, now).actions) applyDueAction(d, action);
  return d;
}

/** Ends a command: one more version, and the next wake-up for the ticket's schedule. */
export function finishCommand(d: Draft): Change {
  d.ticket.version += 1;
  d.ticket.nextWakeAt = computeNextWakeAt(d.ticket);
  return { ticket: d.ticket, events: d.events };
}
