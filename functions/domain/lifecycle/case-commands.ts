import type { Policy } from '../policy-defaults.js';
import { DomainError } from '../errors.js';
import type { Actor, Change, ExternalEscalation, Fault, Ticket, Tier } from '../types.js';
import { beginCommand, finishCommand } from './draft.js';

const NEXT_EXTERNAL: Record<ExternalEscalation, ExternalEscalation | null> = { none: 'hos', hos: 'cco', cco: null };

const assertNotClosed = (t: Ticket) => {
  if (t.status === 'closed') throw new DomainError('invalid-transition', 'the ticket is closed', { id: t.id });
};

/**
 * R-ESC-1: internal (technical) escalation moves the ticket up one tier: agent, senior agent,
 * technology manager / CTO / consulting, then the vendor. Only the center escalates internally.
 */
export function escalateInternally(ticket: Ticket, actor: Actor, reason: string, policy: Policy, now: string): Change {
  if (actor.party !== 'agent') throw new DomainError('not-allowed', 'only the center escalates between tiers', { party: actor.party });
  const d = beginCommand(ticket, policy, now);
  assertNotClosed(d.ticket);
  if (d.ticket.tier === 4) throw new DomainError('invalid-transition', 'the ticket is already with the vendor (tier 4)', { tier: 4 });
  const from = d.ticket.tier;
  d.ticket.tier = (from + 1) as Tier;
  d.events.push({ type: 'escalated', at: now, actor, data: { kind: 'internal', fromTier: from, toTier: d.ticket.tier, reason, rule: 'R-ESC-1' } });
  return finishCommand(d);
}

/**
 * R-ESC-2: a dissatisfied customer escalates to the Head of Support, then to the Chief Customer
 * Officer; there is nobody above the CCO. An agent may record it on the customer's behalf.
 */
export function escalateExternally(ticket: Ticket, actor: Actor, reason: string, policy: Policy, now: string): Change {
  if (actor.party === 'system') throw new DomainError('not-allowed', 'a timer does not escalate to management', {});
  if (!reason.trim()) throw new DomainError('invalid-input', 'a reason is required to escalate', { field: 'reason' });
  const d = beginCommand(ticket, policy, now);
  assertNotClosed(d.ticket);
  const to = NEXT_EXTERNAL[d.ticket.externalEscalation];
  if (to === null) throw new DomainError('invalid-transition', 'already escalated to the Chief Customer Officer', { level: 'cco' });
  const from = d.ticket.externalEscalation;
  d.ticket.externalEscalation = to;
  d.events.push({ type: 'escalated', at: now, actor, data: { kind: 'external', from, to, reason, rule: 'R-ESC-2' } });
  return finishCommand(d);
}

export type CaseChanges = { fault?: Fault | null; outage?: boolean; assignee?: string | null; remoteAccess?: boolean; subject?: string };

/** Fields a customer-side person may change: only whether remote access is granted (R-ACC-1). */
const CUSTOMER_FIELDS: ReadonlySet<keyof CaseChanges> = new Set(['remoteAccess']);

/**
 * Changes the case's details, recorded field by field: R-TKT-3 vendor or application fault,
 * R-TKT-4 outage, the assignee, R-ACC-1 remote access. Severity has its own command (R-TKT-5).
 */
export function updateCase(ticket: Ticket, changes: CaseChanges, actor: Actor, policy: Policy, now: string): Change {
  const fields = (Object.keys(changes) as Array<keyof CaseChanges>).filter((k) => changes[k] !== undefined);
  const refused = fields.find((f) => actor.party !== 'agent' && !CUSTOMER_FIELDS.has(f));
  if (refused) throw new DomainError('not-allowed', `a ${actor.party} may not change ${refused}`, { field: refused });
  const d = beginCommand(ticket, policy, now);
  assertNotClosed(d.ticket);
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    const to = changes[field];
    if (d.ticket[field] === to) continue;
    changed[field] = { from: d.ticket[field], to };
    Object.assign(d.ticket, { [field]: to });
  }
  if (Object.keys(changed).length > 0) {
    // R-TKT-7: application faults go to Professional Services unless the center chooses to support them.
    const routing = changed.fault?.to === 'application' ? { routing: 'professional-services', rule: 'R-TKT-7' } : {};
    d.events.push({ type: 'ticket-updated', at: now, actor, data: { changes: changed, ...routing } });
  }
  return finishCommand(d);
}

/**
 * An internal note by the center: it changes no state, but like every command it is one write
 * (a new version, so a concurrent command conflicts) and one history entry. Closed tickets take
 * notes too. Only the center writes internal notes; customers never see them.
 */
export function recordInternalNote(ticket: Ticket, actor: Actor, policy: Policy, now: string): Change {
  if (actor.party !== 'agent') throw new DomainError('not-allowed', 'only the center writes internal notes', { field: 'visibility' });
  const d = beginCommand(ticket, policy, now);
  d.events.push({ type: 'note-added', at: now, actor, data: {} });
  return finishCommand(d);
}
