import { DomainError } from '../errors.js';
import type { Party, Status } from '../types.js';

/**
 * Every allowed status change and who may make it. `customer` is a customer-side person
 * (the customer or its partner, R-PARTY-2); `agent` any person of the center; `system` a timer.
 */
export const TRANSITIONS: Readonly<Record<Status, Partial<Record<Status, readonly Party[]>>>> = {
  new: {
    'in-progress': ['agent'],
    'pending-customer': ['agent'], // R-PEND-1: the customer is asked something
    'pending-vendor': ['agent'], // R-VEND-1
    resolved: ['agent'], // R-CLOSE-1
  },
  'in-progress': {
    'pending-customer': ['agent', 'system'], // R-PEND-1; R-COMM-2: two business days unanswered
    'pending-vendor': ['agent'],
    resolved: ['agent'],
  },
  'pending-customer': {
    'in-progress': ['customer', 'agent'], // R-PEND-1: the customer's response
    'pending-vendor': ['agent'],
    resolved: ['agent', 'system'], // R-PEND-4: six business days without a response
  },
  'pending-vendor': {
    'in-progress': ['agent'],
    'pending-customer': ['agent'], // R-VEND-2: the customer is asked to answer the vendor's questions
    resolved: ['agent'],
  },
  resolved: {
    closed: ['customer', 'agent', 'system'], // R-CLOSE-2 confirmation; R-CLOSE-4 automatic closing
    'in-progress': ['customer', 'agent'], // R-CLOSE-2: not solved, reopened
  },
  closed: {}, // R-CLOSE-5: final; a later reply opens a new, linked ticket
};

/** Whether `party` may move a ticket from `from` to `to`. */
export const canTransition = (from: Status, to: Status, party: Party): boolean =>
  TRANSITIONS[from][to]?.includes(party) ?? false;

/** Refuses a status change the charter does not allow to this party. */
export function assertTransition(from: Status, to: Status, party: Party): void {
  if (canTransition(from, to, party)) return;
  const allowedAtAll = TRANSITIONS[from][to] !== undefined;
  throw new DomainError(
    allowedAtAll ? 'not-allowed' : 'invalid-transition',
    allowedAtAll ? `a ${party} may not move a ticket from ${from} to ${to}` : `a ticket cannot move from ${from} to ${to}`,
    { from, to, party },
  );
}
