// The work log and its billing (R-BILL-1..3, R-CAL-4): agents log work on a ticket; the product
// classifies each entry as free or billable and bills the partner where R-PARTY-2 applies.
import * as z from '../zod.js';
import type { Entitlement, Fault } from '../types.js';

/** R-BILL-3: where the work was done; on-site visits and the travel to them are billable (R-BILL-1). */
export const WorkKindSchema = /* @__PURE__ */ z.schema(() => z.enum(['remote', 'on-site', 'travel']));
export type WorkKind = z.infer<typeof WorkKindSchema>;

/** What an agent logs (R-BILL-3). Whether it was in or out of hours is computed from the calendar, not typed in. */
export type WorkInput = {
  startedAt: string; // UTC ISO instant
  minutes: number; // whole minutes, 1 .. 24 h
  kind: WorkKind;
  outOfScope: boolean; // R-BILL-1: a request outside the defined support scope
  note: string | null;
};

/** One logged piece of work, as stored beside its ticket. */
export type WorkEntry = WorkInput & {
  id: string;
  ticketId: string;
  ticketNumber: string;
  organisationId: string; // the customer whose ticket it is: its CSS quota applies (R-BILL-2)
  billToOrganisationId: string; // R-PARTY-2: the partner when a partner is involved
  agent: string; // the email of the agent who logged it
  loggedAt: string;
};

/** Why a line is free or billable. */
export type BillingReason =
  | 'on-site' // R-BILL-1: on-site visit or its travel time, at the hourly rate
  | 'out-of-hours' // R-CAL-4, R-BILL-1: outside the ticket's business hours, against a separate quote
  | 'out-of-scope' // R-BILL-1: outside the defined support scope
  | 'no-subscription' // R-ENT-1: the organisation had no active subscription
  | 'application-fault' // R-TKT-7: application faults go to Professional Services at a cost
  | 'application-advice' // R-BILL-2: free advice on application faults, up to the CSS monthly quota
  | 'vendor-fault' // R-BILL-2: vendor faults are handled at no extra cost
  | 'covered'; // in hours, in scope, under an active subscription: what the maintenance agreement pays for

/** What billing needs of an entry's ticket, read when the statement is made (the fault may be decided after the work). */
export type WorkTicket = { fault: Fault | null; entitlement: Entitlement };

/** A classified part of an entry: an entry splits at closing time (out of hours) and at the end of the free quota. */
export type WorkLine = {
  entryId: string;
  ticketId: string;
  ticketNumber: string;
  organisationId: string;
  billToOrganisationId: string;
  agent: string;
  kind: WorkKind;
  startedAt: string; // the entry's start
  month: string; // YYYY-MM of startedAt in the policy's time zone
  minutes: number;
  billable: boolean;
  reason: BillingReason;
  rule: string; // the charter rule that decides it, e.g. 'R-BILL-2'
};

/** A month's work billed to one organisation, with totals. */
export type Statement = {
  billToOrganisationId: string;
  month: string;
  lines: WorkLine[];
  totals: { billableMinutes: number; freeMinutes: number; byReason: Partial<Record<BillingReason, number>> };
};
