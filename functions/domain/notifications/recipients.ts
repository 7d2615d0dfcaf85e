import type { Policy } from '../policy-defaults.js';
import type { Ticket, Tier } from '../types.js';
import {
  StaffPersonSchema,
  type ContactPerson, type IdentifiedEvent, type Notification, type NotificationPlan, type People, type RecipientRole,
  type StaffPerson, type TemplateData, type TemplateName,
} from './types.js';

type Person = ContactPerson | StaffPerson;

/**
 * Collects one event's notifications: one per recipient (the first template a person is given
 * wins; a person in two roles gets one email), unreachable people listed as skipped.
 */
export class PlanDraft {
  private readonly plan: NotificationPlan = { notifications: [], skipped: [] };
  private readonly seen = new Set<string>();

  constructor(private readonly event: IdentifiedEvent, private readonly ticket: Ticket, private readonly policy: Policy) {}

  add<K extends TemplateName>(person: Person | null, role: RecipientRole, template: K, data: TemplateData[K]): void {
    if (person === null || this.seen.has(person.email)) return;
    this.seen.add(person.email);
    if (person.unreachable) {
      this.plan.skipped.push({ email: person.email, role, reason: 'unreachable' }); // bounced or complained: never mailed again
      return;
    }
    const t = this.ticket;
    this.plan.notifications.push({
      id: `${this.event.id}#${template}#${person.email}`, eventId: this.event.id, ticketId: t.id, ticketNumber: t.number,
      ticketSubject: t.subject, severity: t.severity, to: { email: person.email, name: person.name, role },
      language: person.language, timeZone: this.policy.timeZone, template, data,
    } as Notification);
  }

  result(): NotificationPlan {
    return this.plan;
  }
}

/** R-TKT-6, R-PARTY-2: the customer side of a ticket: its requester, the organisation's followers, and the partner's contact when a partner follows it. */
export function customerSide(ticket: Ticket, people: People): Array<[ContactPerson, RecipientRole]> {
  const out: Array<[ContactPerson, RecipientRole]> = [];
  if (people.requester) out.push([people.requester, 'requester']);
  for (const f of people.followers) out.push([f, 'follower']);
  if (ticket.partnerId !== null && people.partnerContact) out.push([people.partnerContact, 'partner']);
  return out;
}

/** The ticket's assignee, or the duty contact of its current tier while nobody is assigned. */
export const assigneeOrDuty = (ticket: Ticket, people: People): [StaffPerson, RecipientRole] =>
  people.assignee ? [people.assignee, 'assignee'] : [people.tierDuty[ticket.tier], 'tier-duty'];

/** R-ESC-1, R-ESC-3: the tier above the ticket's; the vendor tier (4) has none above it, so its own duty contact. */
export const nextTier = (tier: Tier): Tier => (tier < 4 ? tier + 1 : 4) as Tier;

/** R-ENT-3: a CSS organisation's CSM, as configured or as frozen on the ticket at opening; none without CSS. */
export function csmOf(ticket: Ticket, people: People): StaffPerson | null {
  if (!ticket.entitlement.css) return null;
  if (people.csm) return people.csm;
  return ticket.csm ? StaffPersonSchema.parse(ticket.csm) : null;
}
