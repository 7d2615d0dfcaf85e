import * as z from '../zod.js';
import { LanguageSchema, type Language } from '../organisation.js';
import type { DomainEvent, Severity, TargetName, Tier } from '../types.js';

/** The emails the desk sends, one template each (in Hebrew and English). */
export const TemplateNameSchema = /* @__PURE__ */ z.schema(() => z.enum([
  'ticket-opened', // R-TKT-1: acknowledgement with the number and the first-response due time
  'css-ticket-opened', // R-ENT-3: the CSM hears of a CSS organisation's new ticket
  'agent-reply', // R-COMM-1: the center's public reply
  'information-requested', // R-PEND-1: an agent asked the customer something
  'pending-reminder', // R-PEND-2, R-PEND-3
  'vendor-case-opened', // R-VEND-1
  'ticket-resolved', // R-CLOSE-1, R-PEND-4: with how to confirm or reopen
  'resolution-check-in', // R-CLOSE-2, R-CLOSE-3
  'ticket-closed', // R-CLOSE-4, or confirmed (R-CLOSE-2)
  'sla-warning', // R-SLA-6, to staff
  'sla-breached', // R-ESC-3, to staff
  'external-escalation', // R-ESC-2, to the HOS / CCO
  'resolution-decision-needed', // R-CLOSE-2: the customer answered a Resolved ticket unclearly; to the assignee or the tier's duty contact
  'attachments-refused', // issue 12: the sender of an email hears once which attachments were refused, and why
]));
export type TemplateName = z.infer<typeof TemplateNameSchema>;

/** The words a customer replies with to act on a resolved ticket (R-CLOSE-2); the inbound handler reads the same. */
export const CONFIRM_WORD = 'confirm';
export const REOPEN_WORD = 'reopen';

const Email = /* @__PURE__ */ z.schema(() => z.pipe(z.email(), z.transform((e: string) => e.toLowerCase())));
const Name = /* @__PURE__ */ z.schema(() => z.string().check(z.minLength(1), z.maxLength(200)));

/** A customer-side person (a contact of the organisation or of its partner): their language, by default Hebrew. */
export const ContactPersonSchema = /* @__PURE__ */ z.schema(() => z.object({
  email: Email, name: Name, language: z._default(LanguageSchema, 'he'), unreachable: z._default(z.boolean(), false),
}));
/** A person of the center: English unless configured otherwise. */
export const StaffPersonSchema = /* @__PURE__ */ z.schema(() => z.object({
  email: Email, name: Name, language: z._default(LanguageSchema, 'en'), unreachable: z._default(z.boolean(), false),
}));

/** Who may hear of a ticket, as the caller (the outbox) found them: the planner only chooses among them. */
export const PeopleSchema = /* @__PURE__ */ z.schema(() => z.object({
  requester: z.nullable(ContactPersonSchema), // whoever opened it (R-TKT-6)
  followers: z._default(z.array(ContactPersonSchema), []), // other contacts of the organisation following it (R-TKT-6)
  partnerContact: z._default(z.nullable(ContactPersonSchema), null), // R-PARTY-2: used only when the ticket has a partner
  assignee: z._default(z.nullable(StaffPersonSchema), null),
  tierDuty: z.object({ 1: StaffPersonSchema, 2: StaffPersonSchema, 3: StaffPersonSchema, 4: StaffPersonSchema }), // R-ESC-1
  hos: StaffPersonSchema, // R-ESC-2, R-ESC-3
  cco: StaffPersonSchema, // R-ESC-2
  csm: z._default(z.nullable(StaffPersonSchema), null), // R-ENT-3: overrides the CSM frozen on the ticket
}));
export type PeopleInput = z.input<typeof PeopleSchema>;
export type People = z.output<typeof PeopleSchema>;
export type ContactPerson = z.output<typeof ContactPersonSchema>;
export type StaffPerson = z.output<typeof StaffPersonSchema>;

export type RecipientRole = 'requester' | 'follower' | 'partner' | 'assignee' | 'tier-duty' | 'hos' | 'cco' | 'csm';
export type Recipient = { email: string; name: string; role: RecipientRole };

/** What each template needs beside the common fields. Instants are UTC ISO; the renderer shows them in `timeZone`. */
export type TemplateData = {
  'ticket-opened': { firstResponseDueAt: string | null; cssResponseDueAt: string | null; csm: { name: string; email: string } | null };
  'css-ticket-opened': { organisationId: string; requester: string | null; firstResponseDueAt: string | null; cssResponseDueAt: string | null };
  'agent-reply': { replyText: string | null };
  'information-requested': { comment: string | null };
  'pending-reminder': { n: number; resolvesAt: string | null };
  'vendor-case-opened': { vendorCaseNumber: string };
  'ticket-resolved': { solution: string | null; automatic: boolean; closesAt: string | null; confirmWord: string; reopenWord: string };
  'resolution-check-in': { n: number; closesAt: string | null; confirmWord: string; reopenWord: string };
  'ticket-closed': { reason: 'confirmed' | 'no-answer' | 'closed-by-center' };
  'sla-warning': { target: TargetName; dueAt: string };
  'sla-breached': { target: TargetName; dueAt: string; breachCount: number; tier: Tier; assignee: string | null };
  'external-escalation': { level: 'hos' | 'cco'; reason: string };
  'resolution-decision-needed': { from: string; replyText: string | null; closesAt: string | null };
  'attachments-refused': { attachments: Array<{ name: string; size: number; reason: string }> };
};

type Common = {
  /** `${event.id}#${template}#${recipient email}`: the outbox's idempotency key, one email per event and recipient. */
  id: string;
  eventId: string;
  ticketId: string;
  ticketNumber: string;
  ticketSubject: string;
  severity: Severity;
  to: Recipient;
  language: Language;
  timeZone: string; // the policy's zone, in which times are shown
};

/** One email to send: who, which template, in which language, with its data. */
export type Notification = { [K in TemplateName]: Common & { template: K; data: TemplateData[K] } }[TemplateName];

/** A person the event concerned but who gets no email, and why. */
export type SkippedRecipient = { email: string; role: RecipientRole; reason: 'unreachable' };

export type NotificationPlan = { notifications: Notification[]; skipped: SkippedRecipient[] };

/** A stored domain event: the planner needs its stable id (`StoredEvent` satisfies this). */
export type IdentifiedEvent = DomainEvent & { id: string };

/** What the event itself does not carry: the text of the public reply it records. */
export type PlanContext = { replyText?: string | null };
