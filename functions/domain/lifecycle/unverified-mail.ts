import type { Policy } from '../policy-defaults.js';
import { SYSTEM, type Change, type Ticket } from '../types.js';
import { beginCommand, finishCommand } from './draft.js';

/**
 * R-MAIL-1: mail whose From is not authenticated is recorded on the ticket and changes nothing
 * else: no status change, no answer to R-COMM-2, no confirmation, whatever the ticket's status
 * (a Closed ticket keeps it too: no linked ticket in someone else's name, R-CLOSE-5).
 * `claimedBy` is the unverified From address, kept as a claim, never as an actor.
 */
export function recordUnverifiedMail(ticket: Ticket, claimedBy: string, policy: Policy, now: string): Change {
  const d = beginCommand(ticket, policy, now);
  d.events.push({ type: 'unverified-mail-received', at: now, actor: SYSTEM, data: { claimedFrom: claimedBy, rule: 'R-MAIL-1', notify: false } });
  return finishCommand(d);
}
