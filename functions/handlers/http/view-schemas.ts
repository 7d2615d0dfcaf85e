import * as z from 'zod';
import { ContactSchema, FaultSchema, OrganisationSchema, SeveritySchema, StatusSchema, TargetNameSchema, TicketTypeSchema } from '../../domain/index.js';
import { WorkKindSchema } from '../../domain/billing/types.js';

// Response schemas: what the API answers, so the OpenAPI document describes real answers and
// views.ts is checked against them at compile time (and in tests, at run time).

const Instant = z.iso.datetime().describe('UTC instant, ISO 8601 with Z');
const Person = z.object({ name: z.string(), email: z.string() });
const Actor = z.object({ party: z.enum(['customer', 'agent', 'system']), id: z.string() });

/** One SLA target (R-SLA-6): null where not yet. */
export const SlaEntrySchema = z.object({
  startAt: Instant, dueAt: Instant, warnAt: Instant,
  metAt: Instant.nullable(), breachedAt: Instant.nullable(),
  pausedAt: Instant.nullable().describe('R-SLA-5: set while the clock is paused'),
  stoppedAt: Instant.nullable().describe('ended unmet and unbreached (resolved before it fell due)'),
});

export const TicketViewSchema = z.object({
  id: z.string(), number: z.string(), type: TicketTypeSchema, severity: SeveritySchema, status: StatusSchema,
  organisationId: z.string(), subject: z.string(), createdAt: Instant, version: z.number().int(),
  statusSince: Instant, channel: z.enum(['api', 'email']), openedBy: z.string(),
  sla: z.object({ firstResponse: SlaEntrySchema.optional(), contact: SlaEntrySchema.optional(), cssResponse: SlaEntrySchema.optional() })
    .describe('one entry per target that applies: contact once work has started (R-SLA-4), cssResponse for CSS service requests (R-SLA-3)'),
  slaHistory: z.array(SlaEntrySchema).describe('finished contact cycles'),
  entitlement: z.object({ subscription: z.enum(['active', 'expired']), calendar: z.enum(['basic', 'extended']), css: z.boolean() })
    .describe('R-ENT-1..3, R-CAL-3: frozen at opening; an expired subscription has no SLA clock'),
  packages: z.array(z.string()), csm: Person.nullable(), cse: Person.nullable(),
  outage: z.boolean(), remoteAccess: z.boolean(), fault: FaultSchema.nullable(), assignee: z.string().nullable(),
  tier: z.number().int().min(1).max(4).optional().describe('R-ESC-1 support tier; shown to the center only'),
  externalEscalation: z.enum(['none', 'hos', 'cco']), vendorCaseNumber: z.string().nullable(),
  linkedTicketId: z.string().nullable(), partnerId: z.string().nullable(), workStartedAt: Instant.nullable(),
  policyVersion: z.string().describe('the policy the ticket runs on: its calendar counts business time left (GET /policy)'),
});
export type TicketView = z.output<typeof TicketViewSchema>;

export const MessageViewSchema = z.object({
  id: z.string(), at: Instant, author: Actor, visibility: z.enum(['public', 'internal']), body: z.string(),
  attachments: z.array(z.object({
    id: z.string().describe('GET /tickets/{id}/attachments/{attachmentId} gives a download URL'), name: z.string(), contentType: z.string(), size: z.number().int(),
  })),
  channel: z.enum(['api', 'email']),
  sender: z.object({ address: z.string(), verified: z.boolean(), method: z.enum(['aligned-dkim', 'aligned-spf']).nullable() }).optional()
    .describe('inbound email only (R-MAIL-1): the From address and whether its domain authenticated it; unverified mail changed nothing'),
  truncated: z.object({ size: z.number().int() }).optional().describe('the body is a preview of a text too large to keep inline; size is the whole text in bytes'),
  refusedAttachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number().int(), reason: z.string() })).optional()
    .describe('attachments the mail policy refused, with why'),
});
export type MessageView = z.output<typeof MessageViewSchema>;

export const HistoryEntrySchema = z.object({ id: z.string(), type: z.string(), at: Instant, actor: Actor, data: z.record(z.string(), z.unknown()) });
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;

export const TicketDetailSchema = TicketViewSchema.extend({ messages: z.array(MessageViewSchema), history: z.array(HistoryEntrySchema) });
export type TicketDetail = z.output<typeof TicketDetailSchema>;

export const TicketPageSchema = z.object({ items: z.array(TicketViewSchema), cursor: z.string().nullable().describe('pass back for the next page; null at the end') });

// OrganisationSchema is refined (so no .extend); its shape is reused as is.
export const OrganisationViewSchema = z.object({ ...OrganisationSchema.shape, version: z.number().int() });
export type OrganisationView = z.output<typeof OrganisationViewSchema>;
export const OrganisationPageSchema = z.object({ items: z.array(OrganisationViewSchema), cursor: z.string().nullable() });

export const ContactViewSchema = z.object({ ...ContactSchema.shape, email: z.email() });
export type ContactView = z.output<typeof ContactViewSchema>;
export const ContactListSchema = z.object({ items: z.array(ContactViewSchema) });

/** RFC 9457 problem details; `errors` names the fields at fault. */
export const ProblemSchema = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});

/** R-BILL-3: one piece of logged work. */
export const WorkEntryViewSchema = z.object({
  id: z.string(), ticketId: z.string(), ticketNumber: z.string(), organisationId: z.string(),
  billToOrganisationId: z.string().describe('the partner when one is involved (R-PARTY-2)'), agent: z.string(),
  startedAt: Instant, minutes: z.number().int(), kind: WorkKindSchema, outOfScope: z.boolean(), note: z.string().nullable(), loggedAt: Instant,
});

export const WorkListSchema = z.object({ items: z.array(WorkEntryViewSchema), totalMinutes: z.number().int() });

const BillingReasonSchema = z.enum(['on-site', 'out-of-hours', 'out-of-scope', 'no-subscription', 'application-fault', 'application-advice', 'vendor-fault', 'covered']);

/** A classified part of an entry: entries split at closing time and at the end of the free quota. */
export const WorkLineSchema = z.object({
  entryId: z.string(), ticketId: z.string(), ticketNumber: z.string(), organisationId: z.string(), billToOrganisationId: z.string(),
  agent: z.string(), kind: WorkKindSchema, startedAt: Instant, month: z.string(), minutes: z.number().int(),
  billable: z.boolean(), reason: BillingReasonSchema, rule: z.string().describe('the charter rule that decides it'),
});

/** R-BILL-1..3, R-CAL-4, R-PARTY-2: a month's work billed to one organisation. */
export const StatementSchema = z.object({
  billToOrganisationId: z.string(), month: z.string(), lines: z.array(WorkLineSchema),
  totals: z.object({ billableMinutes: z.number().int(), freeMinutes: z.number().int(), byReason: z.partialRecord(BillingReasonSchema, z.number().int()) }),
  closedAt: Instant.nullable().describe('when the month was closed: the statement is then frozen; null while it is open'),
  closedBy: z.string().nullable(),
});

const PeriodSchema = z.object({ from: Instant, to: Instant });
const countsOf = <T extends z.ZodEnum>(keys: T) => z.record(keys, z.number().int());

/** R-RPT-2: an organisation's tickets of a period, with their SLA outcomes and time spent. */
export const TicketReportSchema = z.object({
  organisationId: z.string(), period: PeriodSchema,
  tickets: z.array(z.object({
    id: z.string(), number: z.string(), subject: z.string(), type: TicketTypeSchema, severity: SeveritySchema, status: StatusSchema,
    createdAt: Instant, closedAt: Instant.nullable(),
    targets: z.array(z.object({ target: TargetNameSchema, startAt: Instant, dueAt: Instant, outcome: z.enum(['met', 'breached', 'running', 'stopped']), decidedAt: Instant.nullable() })),
    workMinutes: z.number().int(),
  })),
  totals: z.object({
    tickets: z.number().int(), openedInPeriod: z.number().int(), closedInPeriod: z.number().int(),
    byStatus: countsOf(StatusSchema), bySeverity: countsOf(SeveritySchema), workMinutes: z.number().int(),
    targetsMet: z.number().int(), targetsBreached: z.number().int(),
  }),
});

const ComplianceSchema = z.object({ met: z.number().int(), breached: z.number().int(), compliance: z.number().nullable().describe('met / (met + breached); null when none was decided') });

/** R-RPT-2: the center's SLA compliance of a period, per severity, per target and per organisation. */
export const ComplianceReportSchema = z.object({
  period: PeriodSchema, overall: ComplianceSchema,
  bySeverity: z.record(SeveritySchema, ComplianceSchema), byTarget: z.record(TargetNameSchema, ComplianceSchema),
  byOrganisation: z.array(ComplianceSchema.extend({ organisationId: z.string() })),
});

const LanguageView = z.enum(['he', 'en']);

/** R-RPT-1: a report on its way by email. */
export const ReportRequestViewSchema = z.object({
  id: z.string(), organisationId: z.string(), recipient: z.object({ email: z.string(), name: z.string(), language: LanguageView }),
  period: PeriodSchema, frequency: z.enum(['on-request', 'weekly', 'monthly']), requestedBy: z.string(), requestedAt: Instant,
  partnerId: z.string().optional().describe('asked by a partner: the report holds the tickets recording this partner (R-PARTY-2)'),
});

/** R-RPT-1: a person's periodic report. */
export const ReportSubscriptionViewSchema = z.object({
  organisationId: z.string(), email: z.string(), name: z.string(), language: LanguageView, frequency: z.enum(['weekly', 'monthly']), createdAt: Instant,
});
export const ReportSubscriptionListSchema = z.object({ items: z.array(ReportSubscriptionViewSchema) });

/** What the API enforces on attachments, stated to the person before they choose a file. */
export const UploadLimitsSchema = z.object({
  maxBytes: z.number().int().describe('per file'), maxFiles: z.number().int().describe('per message'), types: z.array(z.string()).describe('allowed content types'),
});

/** POST /uploads: PUT the bytes to `uploadUrl` with `uploadHeaders` before `expiresAt`, then attach `uploadId`. */
export const UploadViewSchema = z.object({
  uploadId: z.string(), uploadUrl: z.string(), uploadHeaders: z.record(z.string(), z.string()).describe('send exactly these headers with the PUT'),
  expiresAt: Instant, limits: UploadLimitsSchema,
});

/** A short-lived download URL of an attachment (Content-Disposition: attachment). */
export const AttachmentDownloadSchema = z.object({ url: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int(), expiresAt: Instant });
