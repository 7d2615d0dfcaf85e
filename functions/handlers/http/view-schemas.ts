import * as z from '../../domain/zod.js';
import { ContactSchema, FaultSchema, OrganisationSchema, SeveritySchema, StatusSchema, TargetNameSchema, TicketTypeSchema } from '../../domain/index.js';
import { WorkKindSchema } from '../../domain/billing/types.js';

// Response schemas: what the API answers, so the OpenAPI document describes real answers and
// views.ts is checked against them at compile time (and in tests, at run time).

const Instant = /* @__PURE__ */ z.schema(() => z.iso.datetime().check(z.describe('UTC instant, ISO 8601 with Z')));
const Person = /* @__PURE__ */ z.schema(() => z.object({ name: z.string(), email: z.string() }));
const Actor = /* @__PURE__ */ z.schema(() => z.object({ party: z.enum(['customer', 'agent', 'system']), id: z.string() }));

/** One SLA target (R-SLA-6): null where not yet. */
export const SlaEntrySchema = /* @__PURE__ */ z.schema(() => z.object({
  startAt: Instant, dueAt: Instant, warnAt: Instant,
  metAt: z.nullable(Instant), breachedAt: z.nullable(Instant),
  pausedAt: z.nullable(Instant).check(z.describe('R-SLA-5: set while the clock is paused')),
  stoppedAt: z.nullable(Instant).check(z.describe('ended unmet and unbreached (resolved before it fell due)')),
}));

export const TicketViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  id: z.string(), number: z.string(), type: TicketTypeSchema, severity: SeveritySchema, status: StatusSchema,
  organisationId: z.string(), subject: z.string(), createdAt: Instant, version: z.number().check(z.int()),
  statusSince: Instant, channel: z.enum(['api', 'email']), openedBy: z.string(),
  sla: z.object({ firstResponse: z.optional(SlaEntrySchema), contact: z.optional(SlaEntrySchema), cssResponse: z.optional(SlaEntrySchema) })
    .check(z.describe('one entry per target that applies: contact once work has started (R-SLA-4), cssResponse for CSS service requests (R-SLA-3)')),
  slaHistory: z.array(SlaEntrySchema).check(z.describe('finished contact cycles')),
  entitlement: z.object({ subscription: z.enum(['active', 'expired']), calendar: z.enum(['basic', 'extended']), css: z.boolean() })
    .check(z.describe('R-ENT-1..3, R-CAL-3: frozen at opening; an expired subscription has no SLA clock')),
  packages: z.array(z.string()), csm: z.nullable(Person), cse: z.nullable(Person),
  outage: z.boolean(), remoteAccess: z.boolean(), fault: z.nullable(FaultSchema), assignee: z.nullable(z.string()),
  tier: z.optional(z.number().check(z.int(), z.gte(1), z.lte(4))).check(z.describe('R-ESC-1 support tier; shown to the center only')),
  externalEscalation: z.enum(['none', 'hos', 'cco']), vendorCaseNumber: z.nullable(z.string()),
  linkedTicketId: z.nullable(z.string()), partnerId: z.nullable(z.string()), workStartedAt: z.nullable(Instant),
  policyVersion: z.string().check(z.describe('the policy the ticket runs on: its calendar counts business time left (GET /policy)')),
}));
export type TicketView = z.output<typeof TicketViewSchema>;

export const MessageViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  id: z.string(), at: Instant, author: Actor, visibility: z.enum(['public', 'internal']), body: z.string(),
  attachments: z.array(z.object({
    id: z.string().check(z.describe('GET /tickets/{id}/attachments/{attachmentId} gives a download URL')), name: z.string(), contentType: z.string(), size: z.number().check(z.int()),
  })),
  channel: z.enum(['api', 'email']),
  sender: z.optional(z.object({ address: z.string(), verified: z.boolean(), method: z.nullable(z.enum(['aligned-dkim', 'aligned-spf'])) })).check(z.describe('inbound email only (R-MAIL-1): the From address and whether its domain authenticated it; unverified mail changed nothing')),
  truncated: z.optional(z.object({ size: z.number().check(z.int()) })).check(z.describe('the body is a preview of a text too large to keep inline; size is the whole text in bytes')),
  refusedAttachments: z.optional(z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number().check(z.int()), reason: z.string() }))).check(z.describe('attachments the mail policy refused, with why')),
}));
export type MessageView = z.output<typeof MessageViewSchema>;

export const HistoryEntrySchema = /* @__PURE__ */ z.schema(() => z.object({ id: z.string(), type: z.string(), at: Instant, actor: Actor, data: z.record(z.string(), z.unknown()) }));
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;

export const TicketDetailSchema = /* @__PURE__ */ z.schema(() => z.extend(TicketViewSchema, { messages: z.array(MessageViewSchema), history: z.array(HistoryEntrySchema) }));
export type TicketDetail = z.output<typeof TicketDetailSchema>;

export const TicketPageSchema = /* @__PURE__ */ z.schema(() => z.object({ items: z.array(TicketViewSchema), cursor: z.nullable(z.string()).check(z.describe('pass back for the next page; null at the end')) }));

// OrganisationSchema is refined (so no .extend); its shape is reused as is.
export const OrganisationViewSchema = /* @__PURE__ */ z.schema(() => z.object({ ...OrganisationSchema.shape, version: z.number().check(z.int()) }));
export type OrganisationView = z.output<typeof OrganisationViewSchema>;
export const OrganisationPageSchema = /* @__PURE__ */ z.schema(() => z.object({ items: z.array(OrganisationViewSchema), cursor: z.nullable(z.string()) }));

export const ContactViewSchema = /* @__PURE__ */ z.schema(() => z.object({ ...ContactSchema.shape, email: z.email() }));
export type ContactView = z.output<typeof ContactViewSchema>;
export const ContactListSchema = /* @__PURE__ */ z.schema(() => z.object({ items: z.array(ContactViewSchema) }));

/** RFC 9457 problem details; `errors` names the fields at fault. */
export const ProblemSchema = /* @__PURE__ */ z.schema(() => z.object({
  type: z.string(), title: z.string(), status: z.number().check(z.int()), detail: z.string(),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  requestId: z.optional(z.string()),
}));

/** R-BILL-3: one piece of logged work. */
export const WorkEntryViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  id: z.string(), ticketId: z.string(), ticketNumber: z.string(), organisationId: z.string(),
  billToOrganisationId: z.string().check(z.describe('the partner when one is involved (R-PARTY-2)')), agent: z.string(),
  startedAt: Instant, minutes: z.number().check(z.int()), kind: WorkKindSchema, outOfScope: z.boolean(), note: z.nullable(z.string()), loggedAt: Instant,
}));

export const WorkListSchema = /* @__PURE__ */ z.schema(() => z.object({ items: z.array(WorkEntryViewSchema), totalMinutes: z.number().check(z.int()) }));

const BillingReasonSchema = /* @__PURE__ */ z.schema(() => z.enum(['on-site', 'out-of-hours', 'out-of-scope', 'no-subscription', 'application-fault', 'application-advice', 'vendor-fault', 'covered']));

/** A classified part of an entry: entries split at closing time and at the end of the free quota. */
export const WorkLineSchema = /* @__PURE__ */ z.schema(() => z.object({
  entryId: z.string(), ticketId: z.string(), ticketNumber: z.string(), organisationId: z.string(), billToOrganisationId: z.string(),
  agent: z.string(), kind: WorkKindSchema, startedAt: Instant, month: z.string(), minutes: z.number().check(z.int()),
  billable: z.boolean(), reason: BillingReasonSchema, rule: z.string().check(z.describe('the charter rule that decides it')),
}));

/** R-BILL-1..3, R-CAL-4, R-PARTY-2: a month's work billed to one organisation. */
export const StatementSchema = /* @__PURE__ */ z.schema(() => z.object({
  billToOrganisationId: z.string(), month: z.string(), lines: z.array(WorkLineSchema),
  totals: z.object({ billableMinutes: z.number().check(z.int()), freeMinutes: z.number().check(z.int()), byReason: z.partialRecord(BillingReasonSchema, z.number().check(z.int())) }),
  closedAt: z.nullable(Instant).check(z.describe('when the month was closed: the statement is then frozen; null while it is open')),
  closedBy: z.nullable(z.string()),
}));

const PeriodSchema = /* @__PURE__ */ z.schema(() => z.object({ from: Instant, to: Instant }));
const countsOf = <T extends z.core.$ZodEnum>(keys: T) => z.record(keys, z.number().check(z.int()));

/** R-RPT-2: an organisation's tickets of a period, with their SLA outcomes and time spent. */
export const TicketReportSchema = /* @__PURE__ */ z.schema(() => z.object({
  organisationId: z.string(), period: PeriodSchema,
  tickets: z.array(z.object({
    id: z.string(), number: z.string(), subject: z.string(), type: TicketTypeSchema, severity: SeveritySchema, status: StatusSchema,
    createdAt: Instant, closedAt: z.nullable(Instant),
    targets: z.array(z.object({ target: TargetNameSchema, startAt: Instant, dueAt: Instant, outcome: z.enum(['met', 'breached', 'running', 'stopped']), decidedAt: z.nullable(Instant) })),
    workMinutes: z.number().check(z.int()),
  })),
  totals: z.object({
    tickets: z.number().check(z.int()), openedInPeriod: z.number().check(z.int()), closedInPeriod: z.number().check(z.int()),
    byStatus: countsOf(StatusSchema), bySeverity: countsOf(SeveritySchema), workMinutes: z.number().check(z.int()),
    targetsMet: z.number().check(z.int()), targetsBreached: z.number().check(z.int()),
  }),
}));

const ComplianceSchema = /* @__PURE__ */ z.schema(() => z.object({ met: z.number().check(z.int()), breached: z.number().check(z.int()), compliance: z.nullable(z.number()).check(z.describe('met / (met + breached); null when none was decided')) }));

/** R-RPT-2: the center's SLA compliance of a period, per severity, per target and per organisation. */
export const ComplianceReportSchema = /* @__PURE__ */ z.schema(() => z.object({
  period: PeriodSchema, overall: ComplianceSchema,
  bySeverity: z.record(SeveritySchema, ComplianceSchema), byTarget: z.record(TargetNameSchema, ComplianceSchema),
  byOrganisation: z.array(z.extend(ComplianceSchema, { organisationId: z.string() })),
}));

const LanguageView = /* @__PURE__ */ z.schema(() => z.enum(['he', 'en']));

/** R-RPT-1: a report on its way by email. */
export const ReportRequestViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  id: z.string(), organisationId: z.string(), recipient: z.object({ email: z.string(), name: z.string(), language: LanguageView }),
  period: PeriodSchema, frequency: z.enum(['on-request', 'weekly', 'monthly']), requestedBy: z.string(), requestedAt: Instant,
  partnerId: z.optional(z.string()).check(z.describe('asked by a partner: the report holds the tickets recording this partner (R-PARTY-2)')),
}));

/** R-RPT-1: a person's periodic report. */
export const ReportSubscriptionViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  organisationId: z.string(), email: z.string(), name: z.string(), language: LanguageView, frequency: z.enum(['weekly', 'monthly']), createdAt: Instant,
}));
export const ReportSubscriptionListSchema = /* @__PURE__ */ z.schema(() => z.object({ items: z.array(ReportSubscriptionViewSchema) }));

/** What the API enforces on attachments, stated to the person before they choose a file. */
export const UploadLimitsSchema = /* @__PURE__ */ z.schema(() => z.object({
  maxBytes: z.number().check(z.int(), z.describe('per file')), maxFiles: z.number().check(z.int(), z.describe('per message')), types: z.array(z.string()).check(z.describe('allowed content types')),
}));

/** POST /uploads: PUT the bytes to `uploadUrl` with `uploadHeaders` before `expiresAt`, then attach `uploadId`. */
export const UploadViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  uploadId: z.string(), uploadUrl: z.string(), uploadHeaders: z.record(z.string(), z.string()).check(z.describe('send exactly these headers with the PUT')),
  expiresAt: Instant, limits: UploadLimitsSchema,
}));

/** A short-lived download URL of an attachment (Content-Disposition: attachment). */
export const AttachmentDownloadSchema = /* @__PURE__ */ z.schema(() => z.object({ url: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().check(z.int()), expiresAt: Instant }));
