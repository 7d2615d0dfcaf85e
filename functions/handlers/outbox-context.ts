// What the outbox needs of a ticket once per batch: the ticket as it is now (its schedule is set
// from it here), its policy, and the people its events may mail.
import * as z from '../domain/zod.js';
import type { Contact, Policy, Ticket } from '../domain/index.js';
import type { ContactPerson, IdentifiedEvent, PeopleInput, StaffPerson } from '../domain/notifications/index.js';
import type { TicketScheduler } from '../adapters/scheduler/ticket-schedule.js';
import type { DirectoryStore, Message, TicketStore } from '../adapters/store.js';
import { policyOf, type PolicyRegistry } from './http/deps.js';
import { staffMember, type StaffRoster } from './runtime-config.js';

export type TicketContext = {
  ticket: Ticket;
  policy: Policy;
  people: PeopleInput;
  /** The text of the public reply an `agent-replied` event records (its message has the event's author and instant). */
  replyTextOf(event: IdentifiedEvent): string | null;
};

type ContextDeps = {
  tickets: Pick<TicketStore, 'get'>;
  directory: Pick<DirectoryStore, 'findContact' | 'listContacts'>;
  scheduler: Pick<TicketScheduler, 'upsert' | 'remove'>;
  policies: PolicyRegistry;
  staff: StaffRoster;
};

const isEmail = (value: string): boolean => z.email().safeParse(value).success;

const asPerson = (c: Contact): ContactPerson => ({ email: c.email, name: c.name, language: c.language, unreachable: c.unreachable });

/**
 * Reads the ticket, sets its schedule to its current `nextWakeAt` (or removes it): idempotent,
 * so a redelivered or older event only re-states the latest wake-up; then finds its people.
 * Null when the ticket is not there (its schedule removed too).
 */
export async function loadTicketContext(deps: ContextDeps, ticketId: string): Promise<TicketContext | null> {
  const record = await deps.tickets.get(ticketId);
  if (!record) {
    await deps.scheduler.remove(ticketId);
    return null;
  }
  const { ticket, messages } = record;
  if (ticket.nextWakeAt) await deps.scheduler.upsert(ticket.id, ticket.nextWakeAt);
  else await deps.scheduler.remove(ticket.id);
  return {
    ticket,
    policy: policyOf(deps.policies, ticket),
    people: await findPeople(deps, ticket),
    replyTextOf: (event) => (event.type === 'agent-replied' || event.type === 'resolution-decision-needed' ? replyText(messages, event) : null),
  };
}

/**
 * R-TKT-6, R-PARTY-2, R-ESC-1..3: the requester is the opener's contact (a bare email that is
 * nobody's contact and not staff still hears of its ticket, in the contacts' default language);
 * the partner's contact is the partner organisation's first reachable contact in email order;
 * staff come from the roster, an assignee it does not list by their address, in English.
 */
async function findPeople(deps: ContextDeps, ticket: Ticket): Promise<PeopleInput> {
  const opener = ticket.openedBy.toLowerCase();
  const [contact, partnerContacts] = await Promise.all([
    isEmail(opener) ? deps.directory.findContact(opener) : Promise.resolve(null),
    ticket.partnerId ? deps.directory.listContacts(ticket.partnerId) : Promise.resolve([]),
  ]);
  const requester: ContactPerson | null = contact ? asPerson(contact)
    : isEmail(opener) && !staffMember(deps.staff, opener) ? { email: opener, name: opener, language: 'he', unreachable: false }
    : null;
  const partner = [...partnerContacts].sort((a, b) => a.email.localeCompare(b.email)).sort((a, b) => Number(a.unreachable) - Number(b.unreachable))[0];
  const { tierDuty, hos, cco } = deps.staff;
  return { requester, followers: [], partnerContact: partner ? asPerson(partner) : null, assignee: assigneeOf(deps.staff, ticket), tierDuty, hos, cco };
}

function assigneeOf(roster: StaffRoster, ticket: Ticket): StaffPerson | null {
  const assignee = ticket.assignee?.trim().toLowerCase();
  if (!assignee || !isEmail(assignee)) return null; // not an address: the tier's duty contact hears instead
  return staffMember(roster, assignee) ?? { email: assignee, name: assignee, language: 'en', unreachable: false };
}

function replyText(messages: Message[], event: IdentifiedEvent): string | null {
  const message = messages.find((m) => m.visibility === 'public' && m.at === event.at && m.author.id === event.actor.id);
  return message?.body ?? null;
}
