import type { Policy } from '../policy-defaults.js';
import { DomainError } from '../errors.js';
import { instantMs, toInstant } from '../calendar/business-time.js';
import { beginCommand, finishCommand } from '../lifecycle/draft.js';
import type { Actor, Change, Ticket } from '../types.js';
import type { WorkEntry, WorkInput, WorkKind } from './types.js';

const MINUTE_MS = 60_000;
const MAX_MINUTES = 24 * 60;
const MAX_NOTE_CHARS = 2000;
const KINDS: ReadonlySet<WorkKind> = new Set(['remote', 'on-site', 'travel']);

/** Epoch ms of the entry's start; an unreadable one is refused on the `startedAt` field. */
function startMsOf(startedAt: string): number {
  try {
    return instantMs(startedAt);
  } catch (error) {
    throw new DomainError('invalid-input', `startedAt is not an ISO-8601 instant: ${startedAt}`, { field: 'startedAt' }, { cause: error });
  }
}

/** The note trimmed, an empty one as null; a long one is refused. */
function noteOf(note: string | null): string | null {
  const trimmed = (note ?? '').trim();
  if (trimmed.length > MAX_NOTE_CHARS) throw new DomainError('invalid-input', `a note has at most ${MAX_NOTE_CHARS} characters`, { field: 'note' });
  return trimmed === '' ? null : trimmed;
}

/**
 * R-BILL-3: an agent logs a piece of work on a ticket (start, whole minutes 1..1440, kind, in or
 * out of scope). The work must lie between the ticket's opening and `now`. Any status takes work,
 * closed included: agents log their time after closing. In or out of hours is not typed in; the
 * calendar decides it when the work is classified. The entry is billed to the ticket's
 * bill-to organisation, the partner where R-PARTY-2 applies.
 */
export function logWork(ticket: Ticket, input: WorkInput, entryId: string, actor: Actor, policy: Policy, now: string): { change: Change; entry: WorkEntry } {
  if (actor.party !== 'agent') throw new DomainError('not-allowed', 'only the center logs work', { party: actor.party });
  const { minutes } = input;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
    throw new DomainError('invalid-input', `minutes must be a whole number from 1 to ${MAX_MINUTES}`, { field: 'minutes' });
  }
  if (!KINDS.has(input.kind)) throw new DomainError('invalid-input', `unknown kind of work: ${String(input.kind)}`, { field: 'kind' });
  const startMs = startMsOf(input.startedAt);
  const nowMs = instantMs(now);
  if (startMs > nowMs) throw new DomainError('invalid-input', 'work cannot start in the future', { field: 'startedAt' });
  if (startMs + minutes * MINUTE_MS > nowMs) throw new DomainError('invalid-input', 'work cannot end after now', { field: 'startedAt' });
  if (startMs < instantMs(ticket.createdAt)) throw new DomainError('invalid-input', 'work cannot start before the ticket was opened', { field: 'startedAt' });
  const note = noteOf(input.note);

  const startedAt = toInstant(startMs);
  const entry: WorkEntry = {
    id: entryId,
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    organisationId: ticket.organisationId, // its CSS quota applies (R-BILL-2)
    billToOrganisationId: ticket.billToOrganisationId, // R-PARTY-2: already the partner where one is involved
    agent: actor.id,
    loggedAt: now,
    startedAt,
    minutes,
    kind: input.kind,
    outOfScope: input.outOfScope,
    note,
  };
  // Like every command: one more version, so a concurrent write conflicts, and due actions applied.
  const d = beginCommand(ticket, policy, now);
  d.events.push({ type: 'work-logged', at: now, actor, data: { entryId, startedAt, minutes, kind: input.kind, outOfScope: input.outOfScope, rule: 'R-BILL-3' } });
  return { change: finishCommand(d), entry };
}
