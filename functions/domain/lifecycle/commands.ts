import type { Policy } from '../policy-defaults.js';
import { DomainError } from '../errors.js';
import type { Actor, Change, Entitlement, Severity, Status, Ticket, TicketCase, TicketType } from '../types.js';
import { calendarOf, computeCssResponseDue, computeFirstResponseDue, planTarget, replanTarget } from '../sla/targets.js';
import { hasSlaClock, meetResponseTargets, startContactCycle } from '../sla/ticket-sla.js';
import { computeNextWakeAt } from '../due.js';
import { beginCommand, finishCommand } from './draft.js';
import { enterStatus } from './enter-status.js';
import { computeStatusTimers, computeUnansweredTimer } from './timers.js';
import { assertTransition } from './transitions.js';

export type OpenTicketInput = {
  id: string; type: TicketType; severity: Severity; organisationId: string; entitlement: Entitlement; actor: Actor;
  case: Omit<TicketCase, 'fault' | 'assignee' | 'tier' | 'externalEscalation' | 'vendorCaseNumber'>;
};

/**
 * R-TKT-1, R-SLA-1: opens a ticket; its SLA clock starts now. R-ENT-1: no clock without an
 * active subscription. R-SLA-3: a CSS organisation's service request also gets the noon rule.
 */
export function openTicket(input: OpenTicketInput, policy: Policy, now: string): Change {
  const ticket: Ticket = {
    ...input.case, fault: null, assignee: null, tier: 1, externalEscalation: 'none', vendorCaseNumber: null,
    id: input.id, type: input.type, severity: input.severity, status: 'new', organisationId: input.organisationId,
    createdAt: now, version: 1, policyVersion: policy.version, entitlement: input.entitlement, statusSince: now,
    workStartedAt: null, sla: {}, slaHistory: [], timers: [], breachCount: 0, nextWakeAt: null,
  };
  if (hasSlaClock(ticket)) {
    const cal = calendarOf(ticket, policy);
    ticket.sla.firstResponse = planTarget(cal, policy, 'firstResponse', now, computeFirstResponseDue(cal, policy, input.severity, now));
    if (input.entitlement.css && input.type === 'service-request') {
      ticket.sla.cssResponse = planTarget(cal, policy, 'cssResponse', now, computeCssResponseDue(cal, policy, now));
    }
  }
  ticket.nextWakeAt = computeNextWakeAt(ticket);
  const due = Object.fromEntries(Object.entries(ticket.sla).map(([k, v]) => [k, v.dueAt]));
  return { ticket, events: [{ type: 'ticket-opened', at: now, actor: input.actor, data: {
    number: ticket.number, type: input.type, severity: input.severity, subject: ticket.subject, channel: ticket.channel,
    entitlement: input.entitlement, packages: ticket.packages, policyVersion: policy.version, due, linkedTicketId: ticket.linkedTicketId,
  } }] };
}

const assertOpen = (t: Ticket) => {
  if (t.status === 'closed') throw new DomainError('invalid-transition', 'the ticket is closed; a reply opens a new ticket (R-CLOSE-5)', { id: t.id });
};

/**
 * An agent's public reply: it meets the response targets and starts the next contact cycle
 * (R-SLA-2); a New incident goes In Progress; in progress, it waits for an answer (R-COMM-2).
 */
export function recordAgentReply(ticket: Ticket, actor: Actor, policy: Policy, now: string): Change {
  const d = beginCommand(ticket, policy, now);
  assertOpen(d.ticket);
  d.events.push({ type: 'agent-replied', at: now, actor, data: {} });
  meetResponseTargets(d, now, actor);
  if (d.ticket.status === 'new' && d.ticket.type === 'incident') enterStatus(d, 'in-progress', now, actor, { reason: 'first-response' });
  startContactCycle(d, now, actor);
  if (d.ticket.status === 'in-progress') {
    d.ticket.timers = [...d.ticket.timers.filter((x) => x.kind !== 'unanswered'), computeUnansweredTimer(calendarOf(d.ticket, policy), policy, now)];
  }
  return finishCommand(d);
}

/**
 * A customer's (or partner's) public reply: R-PEND-1 back to In Progress from Pending Customer;
 * it answers R-COMM-2. R-CLOSE-2 (Decision): on a Resolved ticket a reply that neither plainly
 * confirms nor plainly rejects (those are `confirmResolution` / `rejectResolution`) keeps it
 * Resolved, asks the assignee (or the tier's duty contact) for a decision, and starts the
 * check-ins (+2, +4, closing at +6) again from the reply; a "thanks" never reopens it.
 */
export function recordCustomerReply(ticket: Ticket, actor: Actor, policy: Policy, now: string): Change {
  const d = beginCommand(ticket, policy, now);
  assertOpen(d.ticket);
  d.events.push({ type: 'customer-replied', at: now, actor, data: {} });
  const status = d.ticket.status;
  if (status === 'pending-customer') enterStatus(d, 'in-progress', now, actor, { reason: 'customer-responded', rule: 'R-PEND-1' });
  else if (status === 'resolved') {
    d.ticket.timers = computeStatusTimers(calendarOf(d.ticket, policy), policy, 'resolved', now);
    const closesAt = d.ticket.timers.find((x) => x.kind === 'auto-close')?.dueAt ?? null;
    d.events.push({ type: 'resolution-decision-needed', at: now, actor, data: { rule: 'R-CLOSE-2', closesAt } });
  }
  d.ticket.timers = d.ticket.timers.filter((x) => x.kind !== 'unanswered');
  return finishCommand(d);
}

export type StatusDetails = { vendorCaseNumber?: string; solution?: string; reason?: string; comment?: string };

/** A status change asked for by a person; the transition table decides who may (R-VEND-1, R-CLOSE-1). */
export function changeStatus(ticket: Ticket, to: Status, actor: Actor, policy: Policy, now: string, details: StatusDetails = {}): Change {
  const d = beginCommand(ticket, policy, now);
  assertTransition(d.ticket.status, to, actor.party);
  if (to === 'pending-vendor' && !details.vendorCaseNumber?.trim()) {
    throw new DomainError('invalid-input', "the vendor's case number is required (R-VEND-1)", { field: 'vendorCaseNumber' });
  }
  if (to === 'resolved' && actor.party === 'agent' && !details.solution?.trim()) {
    throw new DomainError('invalid-input', 'a solution is required to resolve (R-CLOSE-1)', { field: 'solution' });
  }
  if (to === 'pending-vendor') d.ticket.vendorCaseNumber = details.vendorCaseNumber!.trim();
  enterStatus(d, to, now, actor, { ...details });
  return finishCommand(d);
}

/** R-CLOSE-2: the customer confirms the solution; the ticket closes. */
export const confirmResolution = (ticket: Ticket, actor: Actor, policy: Policy, now: string): Change =>
  changeStatus(ticket, 'closed', actor, policy, now, { reason: 'customer-confirmed' });

/** R-CLOSE-2: the customer says it is not solved; the ticket is reopened. */
export function rejectResolution(ticket: Ticket, actor: Actor, reason: string, policy: Policy, now: string): Change {
  if (!reason.trim()) throw new DomainError('invalid-input', 'a reason is required to reject a solution', { field: 'reason' });
  return changeStatus(ticket, 'in-progress', actor, policy, now, { reason: 'customer-rejected', comment: reason });
}

/**
 * R-TKT-5: an agent reclassifies the severity, with a reason; targets are recomputed from the
 * ticket's opening (the contact cycle from its own start) under the new severity.
 */
export function reclassifySeverity(ticket: Ticket, severity: Severity, reason: string, actor: Actor, policy: Policy, now: string): Change {
  if (actor.party !== 'agent') throw new DomainError('not-allowed', 'only an agent may reclassify a ticket', { party: actor.party });
  if (!reason.trim()) throw new DomainError('invalid-input', 'a reason is required to reclassify', { field: 'reason' });
  const d = beginCommand(ticket, policy, now);
  const from = d.ticket.severity;
  d.ticket.severity = severity;
  replanTargets(d.ticket, policy);
  d.events.push({ type: 'severity-reclassified', at: now, actor, data: { from, to: severity, reason, due: dueTimes(d.ticket) } });
  return finishCommand(d);
}

/**
 * Moves an open ticket onto another policy version, recorded: targets recomputed from their
 * starts, lifecycle timers from the current status's start. Without this, a ticket keeps its policy.
 */
export function replanTicket(ticket: Ticket, from: Policy, to: Policy, actor: Actor, now: string): Change {
  const d = beginCommand(ticket, from, now);
  d.policy = to;
  d.ticket.policyVersion = to.version;
  replanTargets(d.ticket, to);
  const cal = calendarOf(d.ticket, to);
  const done = new Set(d.ticket.timers.filter((x) => x.doneAt !== null).map((x) => `${x.kind}#${x.n}`));
  d.ticket.timers = computeStatusTimers(cal, to, d.ticket.status, d.ticket.statusSince).filter((x) => !done.has(`${x.kind}#${x.n}`))
    .concat(d.ticket.timers.filter((x) => x.doneAt !== null || x.kind === 'unanswered'));
  d.events.push({ type: 'ticket-replanned', at: now, actor, data: { from: from.version, to: to.version, due: dueTimes(d.ticket) } });
  return finishCommand(d);
}

function replanTargets(t: Ticket, policy: Policy): void {
  const cal = calendarOf(t, policy);
  for (const [name, target] of Object.entries(t.sla)) t.sla[name as keyof Ticket['sla']] = replanTarget(cal, policy, t, target);
}

const dueTimes = (t: Ticket) => Object.fromEntries(Object.entries(t.sla).map(([k, v]) => [k, v.dueAt]));

