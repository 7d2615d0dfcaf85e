import * as z from './zod.js';
import type { CalendarKind } from './calendar/business-calendar.js';

export const SeveritySchema = /* @__PURE__ */ z.schema(() => z.enum(['urgent', 'high', 'normal'])); // R-TKT-5
export type Severity = z.infer<typeof SeveritySchema>;

export const TicketTypeSchema = /* @__PURE__ */ z.schema(() => z.enum(['incident', 'service-request'])); // R-TKT-2
export type TicketType = z.infer<typeof TicketTypeSchema>;

export const StatusSchema = /* @__PURE__ */ z.schema(() => z.enum(['new', 'in-progress', 'pending-customer', 'pending-vendor', 'resolved', 'closed']));
export type Status = z.infer<typeof StatusSchema>;

export const TargetNameSchema = /* @__PURE__ */ z.schema(() => z.enum(['firstResponse', 'contact', 'cssResponse']));
export type TargetName = z.infer<typeof TargetNameSchema>;

/** Who acts: a customer-side person (customer or partner), a person of the center, or a timer. */
export type Party = 'customer' | 'agent' | 'system';
export type Actor = { party: Party; id: string };
export const SYSTEM: Actor = { party: 'system', id: 'system' };

/**
 * One SLA target of a ticket (R-SLA-6): due and warning instants, and what became of it.
 * `pausedAt` is set while paused (R-SLA-5); `pausedMinutes` totals business time spent paused.
 * `stoppedAt`: the target ended unmet and unbreached (the ticket was resolved before it fell due).
 */
export type SlaTarget = {
  target: TargetName;
  startAt: string;
  dueAt: string;
  warnAt: string;
  warnedAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
  pausedAt: string | null;
  pausedMinutes: number;
  stoppedAt: string | null;
};

/** A lifecycle deadline of the current status (R-COMM-2, R-PEND-2..4, R-CLOSE-2..4). */
export type TimerKind = 'unanswered' | 'pending-reminder' | 'auto-resolve' | 'check-in' | 'auto-close';
export type LifecycleTimer = { kind: TimerKind; n: number; dueAt: string; doneAt: string | null };

/** R-ENT-1..3: what the organisation was entitled to when the ticket was opened. */
export type Entitlement = { subscription: 'active' | 'expired'; calendar: CalendarKind; css: boolean };

export const FaultSchema = /* @__PURE__ */ z.schema(() => z.enum(['vendor', 'application'])); // R-TKT-3
export type Fault = z.infer<typeof FaultSchema>;
export type Tier = 1 | 2 | 3 | 4; // R-ESC-1: agent, senior agent, technology manager/CTO, the vendor
export type ExternalEscalation = 'none' | 'hos' | 'cco'; // R-ESC-2
export type Person = { name: string; email: string };

/** What the ticket is about and who handles it, beside its clocks. */
export type TicketCase = {
  number: string; // human number, `T-1042`: quoted on the phone and in email subjects
  subject: string;
  channel: 'api' | 'email'; // R-TKT-1
  openedBy: string; // the opener's email (or the caller's id)
  outage: boolean; // R-TKT-4
  remoteAccess: boolean; // R-ACC-1: recorded, never a precondition
  fault: Fault | null; // R-TKT-3, decided by an agent
  assignee: string | null;
  tier: Tier;
  externalEscalation: ExternalEscalation;
  partnerId: string | null; // R-PARTY-2: the partner that follows it with its customer
  billToOrganisationId: string; // R-PARTY-2: billable work goes to the partner
  packages: string[]; // R-ENT-2: packages in force at opening
  csm: Person | null; // R-ENT-3
  cse: Person | null;
  vendorCaseNumber: string | null; // R-VEND-1
  linkedTicketId: string | null; // R-CLOSE-5: the closed ticket a reply came to
};

/** The ticket as the domain sees it; the store adds messages and history beside it. */
export type Ticket = TicketCase & {
  id: string;
  type: TicketType;
  severity: Severity;
  status: Status;
  organisationId: string;
  createdAt: string;
  version: number;
  policyVersion: string; // targets are frozen under the policy the ticket was opened with
  entitlement: Entitlement;
  statusSince: string;
  workStartedAt: string | null; // R-SLA-4: service requests get a contact target once work starts
  sla: Partial<Record<TargetName, SlaTarget>>;
  slaHistory: SlaTarget[]; // finished contact cycles: compliance figures never lose history
  timers: LifecycleTimer[];
  breachCount: number; // R-ESC-3: the second breach notifies the HOS
  nextWakeAt: string | null; // the earliest open deadline: when the ticket's timer must fire
};

/** A domain event: the ticket's immutable history and the outbox of its side effects. */
export type DomainEvent = { type: string; at: string; actor: Actor; data: Record<string, unknown> };

/** What a command decided: the new ticket and the events to store with it in one write. */
export type Change = { ticket: Ticket; events: DomainEvent[] };
