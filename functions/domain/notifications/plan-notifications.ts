import * as z from '../zod.js';
import type { Policy } from '../policy-defaults.js';
import { DomainError } from '../errors.js';
import { StatusSchema, TargetNameSchema, type Ticket, type TimerKind } from '../types.js';
import { calendarOf } from '../sla/targets.js';
import { computeStatusTimers } from '../lifecycle/timers.js';
import { assigneeOrDuty, csmOf, customerSide, nextTier, PlanDraft } from './recipients.js';
import {
  CONFIRM_WORD, PeopleSchema, REOPEN_WORD,
  type IdentifiedEvent, type NotificationPlan, type PeopleInput, type PlanContext, type TemplateData, type TemplateName,
} from './types.js';

// The event data the planner reads; extra fields are the domain's business and pass untouched.
const OpenedData = /* @__PURE__ */ z.schema(() => z.object({ due: z._default(z.record(z.string(), z.string()), {}) }));
const StatusData = /* @__PURE__ */ z.schema(() => z.object({
  from: StatusSchema, to: StatusSchema, reason: z.optional(z.string()), vendorCaseNumber: z.optional(z.string()),
  solution: z.optional(z.string()), comment: z.optional(z.string()),
}));
const ChainData = /* @__PURE__ */ z.schema(() => z.object({ n: z.number().check(z.int(), z.positive()) }));
const WarningData = /* @__PURE__ */ z.schema(() => z.object({ target: TargetNameSchema, dueAt: z.string() }));
const BreachData = /* @__PURE__ */ z.schema(() => z.extend(WarningData, {
  breachCount: z.number().check(z.int(), z.positive()),
  escalation: z.object({ assignee: z.boolean(), nextTierDuty: z.boolean(), headOfSupport: z.boolean() }),
}));
const RefusedData = /* @__PURE__ */ z.schema(() => z.object({ attachments: z.array(z.object({ name: z.string(), size: z.number(), reason: z.string() })).check(z.minLength(1)) }));
const DecisionNeededData = /* @__PURE__ */ z.schema(() => z.object({ closesAt: z._default(z.nullable(z.string()), null) }));
const EscalatedData = /* @__PURE__ */ z.schema(() => z.object({ kind: z.enum(['internal', 'external']), to: z.optional(z.string()), reason: z._default(z.string(), '') }));

const readData = <T extends z.ZodMiniType>(schema: T, event: IdentifiedEvent): z.output<T> => {
  const parsed = schema.safeParse(event.data);
  if (!parsed.success) throw new DomainError('invalid-input', `malformed ${event.type} event`, { id: event.id, type: event.type }, { cause: parsed.error });
  return parsed.data;
};

/** The end of the ticket's current chain (auto-resolve, auto-close), while the ticket is still in it. */
const openTimerAt = (ticket: Ticket, kind: TimerKind): string | null =>
  ticket.timers.find((x) => x.kind === kind && x.doneAt === null)?.dueAt ?? null;

/**
 * Which emails `event` calls for, to whom, in which template and language (R-COMM-1). Pure: the
 * caller finds the people; the planner picks among them. An event whose data says `notify: false`
 * (a reminder or warning the domain superseded) sends nothing; unreachable people are listed as
 * skipped; a person appears at most once per event, so each notification id is unique.
 */
export function planNotifications(
  event: IdentifiedEvent, ticket: Ticket, peopleInput: PeopleInput, policy: Policy, context: PlanContext = {},
): NotificationPlan {
  const draft = new PlanDraft(event, ticket, policy);
  if (event.data.notify === false) return draft.result();
  const people = PeopleSchema.parse(peopleInput);
  const toCustomers = <K extends TemplateName>(template: K, data: TemplateData[K]) => {
    for (const [person, role] of customerSide(ticket, people)) draft.add(person, role, template, data);
  };

  switch (event.type) {
    case 'ticket-opened': {
      const { due } = readData(OpenedData, event);
      const csm = csmOf(ticket, people);
      const times = { firstResponseDueAt: due.firstResponse ?? null, cssResponseDueAt: due.cssResponse ?? null };
      toCustomers('ticket-opened', { ...times, csm: csm && { name: csm.name, email: csm.email } });
      // R-ENT-3: the CSM of a CSS organisation hears of each new ticket.
      draft.add(csm, 'csm', 'css-ticket-opened', { ...times, organisationId: ticket.organisationId, requester: people.requester?.email ?? null });
      break;
    }
    case 'agent-replied': // only public replies emit it; internal notes are `note-added`
      toCustomers('agent-reply', { replyText: context.replyText ?? null });
      break;
    case 'status-changed':
      planStatusChange(event, ticket, policy, toCustomers);
      break;
    case 'pending-customer-reminder': { // R-PEND-2, R-PEND-3
      const { n } = readData(ChainData, event);
      toCustomers('pending-reminder', { n, resolvesAt: ticket.status === 'pending-customer' ? openTimerAt(ticket, 'auto-resolve') : null });
      break;
    }
    case 'resolution-check-in': { // R-CLOSE-2, R-CLOSE-3
      const { n } = readData(ChainData, event);
      const closesAt = ticket.status === 'resolved' ? openTimerAt(ticket, 'auto-close') : null;
      toCustomers('resolution-check-in', { n, closesAt, confirmWord: CONFIRM_WORD, reopenWord: REOPEN_WORD });
      break;
    }
    case 'sla-warning': { // R-SLA-6: the assignee (or, unassigned, the tier's duty contact) before it is late
      const { target, dueAt } = readData(WarningData, event);
      const [person, role] = assigneeOrDuty(ticket, people);
      draft.add(person, role, 'sla-warning', { target, dueAt });
      break;
    }
    case 'sla-breached': { // R-ESC-3: the domain decided who hears of it
      const { target, dueAt, breachCount, escalation } = readData(BreachData, event);
      const data = { target, dueAt, breachCount, tier: ticket.tier, assignee: people.assignee?.email ?? null };
      if (escalation.assignee) draft.add(...assigneeOrDuty(ticket, people), 'sla-breached', data);
      if (escalation.nextTierDuty) draft.add(people.tierDuty[nextTier(ticket.tier)], 'tier-duty', 'sla-breached', data);
      if (escalation.headOfSupport) draft.add(people.hos, 'hos', 'sla-breached', data);
      break;
    }
    case 'resolution-decision-needed': { // R-CLOSE-2: the customer answered, neither confirming nor rejecting; someone must decide
      const { closesAt } = readData(DecisionNeededData, event);
      const [person, role] = assigneeOrDuty(ticket, people);
      draft.add(person, role, 'resolution-decision-needed', { from: event.actor.id, replyText: context.replyText ?? null, closesAt });
      break;
    }
    case 'attachments-refused': { // only the sender, who is on the ticket's customer side (an unverified sender is never mailed)
      const { attachments } = readData(RefusedData, event);
      const sender = customerSide(ticket, people).find(([person]) => person.email === event.actor.id.toLowerCase());
      if (sender) draft.add(sender[0], sender[1], 'attachments-refused', { attachments: attachments.map(({ name, size, reason }) => ({ name, size, reason })) });
      break;
    }
    case 'escalated': { // R-ESC-2: the level reached hears of it; the HOS stays informed when it goes to the CCO
      const { kind, to, reason } = readData(EscalatedData, event);
      if (kind !== 'external' || (to !== 'hos' && to !== 'cco')) break;
      if (to === 'cco') draft.add(people.cco, 'cco', 'external-escalation', { level: 'cco', reason });
      draft.add(people.hos, 'hos', 'external-escalation', { level: to, reason });
      break;
    }
    default: // customer-replied, sla-met, sla-paused/resumed, severity-reclassified, ticket-updated, ...: no email
      break;
  }
  return draft.result();
}

type ToCustomers = <K extends TemplateName>(template: K, data: TemplateData[K]) => void;

/** The status changes the customer is told of (R-PEND-1, R-VEND-1, R-CLOSE-1..4, R-PEND-4). */
function planStatusChange(event: IdentifiedEvent, ticket: Ticket, policy: Policy, toCustomers: ToCustomers): void {
  const data = readData(StatusData, event);
  switch (data.to) {
    case 'pending-customer':
      // R-PEND-1: an agent asked for something. Entering it on a timer (R-COMM-2) says nothing new: the reminders follow.
      // what the agent asked for: the API's transition carries it as `reason` (a comment, where one is given, wins)
      if (event.actor.party === 'agent') toCustomers('information-requested', { comment: data.comment?.trim() || data.reason?.trim() || null });
      return;
    case 'pending-vendor': { // R-VEND-1: tell the customer a vendor case was opened, with its number
      const vendorCaseNumber = data.vendorCaseNumber ?? ticket.vendorCaseNumber;
      if (!vendorCaseNumber) throw new DomainError('invalid-input', 'pending-vendor without a vendor case number', { id: event.id });
      toCustomers('vendor-case-opened', { vendorCaseNumber });
      return;
    }
    case 'resolved': { // R-CLOSE-1 (an agent's solution) or R-PEND-4 (no response); R-CLOSE-4 closes it at the chain's end
      const closesAt = computeStatusTimers(calendarOf(ticket, policy), policy, 'resolved', event.at).find((x) => x.kind === 'auto-close')?.dueAt ?? null;
      toCustomers('ticket-resolved', {
        solution: data.solution?.trim() || null, automatic: event.actor.party === 'system', closesAt, confirmWord: CONFIRM_WORD, reopenWord: REOPEN_WORD,
      });
      return;
    }
    case 'closed': {
      const reason = data.reason === 'customer-confirmed' || event.actor.party === 'customer' ? 'confirmed' : event.actor.party === 'system' ? 'no-answer' : 'closed-by-center';
      toCustomers('ticket-closed', { reason });
      return;
    }
    default: // new, in-progress (first response, reopened, customer answered): the reply itself is the message
      return;
  }
}
