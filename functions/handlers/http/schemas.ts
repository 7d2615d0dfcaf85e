import * as z from 'zod';
import { ContactSchema, FaultSchema, OrganisationSchema, SeveritySchema, StatusSchema, TicketTypeSchema, defaultPolicy } from '../../domain/index.js';
import { wallToInstant, zoneOffsets } from '../../domain/calendar/time-zone.js';
import { WorkKindSchema } from '../../domain/billing/types.js';
import { ReportFrequencySchema } from '../../domain/reports/schedule.js';
import { OrganisationIdSchema } from './params.js';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES } from './attachment-rules.js';
import { cleanLine, cleanText } from '../../adapters/mail/text-hygiene.js';

// Request schemas: strict objects, so an unknown field is a 400 naming it. Each is paired with its type.

const Text = (max: number) => z.string().overwrite(cleanText).trim().min(1).max(max);
/** A subject or a name: one line, no control characters, no bidi overrides (issue 12, text hygiene). */
const Line = (max: number) => z.string().overwrite(cleanLine).min(1).max(max);
/** Upload ids from POST /uploads, each checked before it is attached (attach-uploads.ts). */
const Attachments = z.array(z.uuid()).max(ATTACHMENT_LIMITS.maxFiles).default([])
  .describe(`upload ids from POST /uploads (at most ${ATTACHMENT_LIMITS.maxFiles}); a file that is not there as announced is a 400 naming attachments.<i>`);
const Limit = z.coerce.number().int().min(1).max(100).default(25);
const Cursor = z.string().min(1).max(2048); // opaque; cursor.ts refuses one it did not make

/** R-TKT-1..5, R-ACC-1, R-PARTY-2: a partner names the customer organisation it opens for. */
export const CreateTicketRequestSchema = z.strictObject({
  type: TicketTypeSchema,
  severity: SeveritySchema.describe('proposed by the opener; an agent may reclassify it (R-TKT-5)'),
  subject: Line(200),
  description: Text(20_000).describe('the first public message'),
  outage: z.boolean().default(false),
  remoteAccess: z.boolean().default(false),
  organisationId: OrganisationIdSchema.optional().describe("required for the center and for a partner opening for its customer; a customer's own otherwise"),
  attachments: Attachments,
});
export type CreateTicketRequest = z.output<typeof CreateTicketRequestSchema>;

export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, '1-255 visible ASCII characters');

/** `open`: every status but Closed (the portal's open/closed filter). */
const OPEN_STATUSES = StatusSchema.options.filter((s) => s !== 'closed');

/** `resolved,pending-customer`: one status or several, comma-separated, `open` for all but Closed (R-PORTAL-1's filters). */
const StatusList = z.string()
  .transform((s) => s.split(','))
  .pipe(z.array(z.union([StatusSchema, z.literal('open')])).min(1).max(20))
  .transform((list) => [...new Set(list.flatMap((s) => (s === 'open' ? OPEN_STATUSES : [s])))])
  .describe(`one status or several, comma-separated (${StatusSchema.options.join(', ')}); open: every status but closed`);

export const ListTicketsQuerySchema = z.strictObject({
  status: StatusList.optional(),
  severity: SeveritySchema.optional(),
  organisationId: OrganisationIdSchema.optional(),
  assignee: Text(200).optional(),
  sla: z.enum(['at-risk', 'breached']).optional(),
  limit: Limit,
  cursor: Cursor.optional(),
  q: Text(200).optional().describe('text in the number or subject, any case; a number (T-1042, or 1042) finds that ticket'),
});
export type ListTicketsQuery = z.output<typeof ListTicketsQuerySchema>;

export const AddMessageRequestSchema = z.strictObject({
  body: Text(20_000),
  visibility: z.enum(['public', 'internal']).default('public').describe('internal notes are for the center only'),
  attachments: Attachments,
});
export type AddMessageRequest = z.output<typeof AddMessageRequestSchema>;

/** R-PEND-1, R-VEND-1 (vendor case number), R-CLOSE-1 (solution); the domain decides who may. */
export const TransitionRequestSchema = z.strictObject({
  to: StatusSchema.exclude(['new']),
  vendorCaseNumber: Text(100).optional(),
  solution: Text(20_000).optional(),
  reason: Text(2000).optional(),
  comment: Text(20_000).optional().describe('R-PEND-1: what the customer is asked for; their email quotes it, and it is a public message'),
});
export type TransitionRequest = z.output<typeof TransitionRequestSchema>;

/** R-CLOSE-2: the customer confirms the solution, or rejects it with a reason. */
export const ResolutionRequestSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('confirm') }),
  z.strictObject({ decision: z.literal('reject'), reason: Text(2000) }),
]);
export type ResolutionRequest = z.output<typeof ResolutionRequestSchema>;

/** R-TKT-3..5, R-ACC-1: severity comes with a reason; at least one field. */
export const UpdateTicketRequestSchema = z
  .strictObject({
    severity: SeveritySchema.optional(),
    severityReason: Text(2000).optional(),
    fault: FaultSchema.nullable().optional(),
    outage: z.boolean().optional(),
    assignee: Text(200).nullable().optional(),
    remoteAccess: z.boolean().optional(),
  })
  .refine((r) => (r.severity === undefined) === (r.severityReason === undefined), {
    path: ['severityReason'], message: 'severity and severityReason come together (R-TKT-5)',
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'nothing to change' });
export type UpdateTicketRequest = z.output<typeof UpdateTicketRequestSchema>;

/** R-ESC-1 (internal: one tier up) and R-ESC-2 (external: the HOS, then the CCO). */
export const EscalationRequestSchema = z.strictObject({ kind: z.enum(['internal', 'external']), reason: Text(2000) });
export type EscalationRequest = z.output<typeof EscalationRequestSchema>;

export const ListOrganisationsQuerySchema = z.strictObject({ limit: Limit, cursor: Cursor.optional(), partnerId: OrganisationIdSchema.optional() });
export type ListOrganisationsQuery = z.output<typeof ListOrganisationsQuerySchema>;

/** R-PARTY-1, R-ENT-1..3: the whole organisation; its `id` must be the path's. */
export const PutOrganisationRequestSchema = OrganisationSchema;

/** A contact; its email and organisation come from the path. */
export const PutContactRequestSchema = ContactSchema.pick({ name: true, language: true, unreachable: true }).extend({ name: Line(200) });
export type PutContactRequest = z.output<typeof PutContactRequestSchema>;

const Instant = z.iso.datetime().describe('UTC instant, ISO 8601 with Z');

/** R-BILL-3: a piece of work on the ticket; whether it was in hours is computed from the calendar. */
export const LogWorkRequestSchema = z.strictObject({
  startedAt: Instant.describe('when the work started; it must have ended by now'),
  minutes: z.number().int().min(1).max(1440),
  kind: WorkKindSchema.describe('on-site visits and their travel time are billable (R-BILL-1)'),
  outOfScope: z.boolean().default(false).describe('outside the defined support scope: billable (R-BILL-1)'),
  note: Text(2000).optional(),
});
export type LogWorkRequest = z.output<typeof LogWorkRequestSchema>;

/** A calendar month, `YYYY-MM`, in the policy's time zone. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;
/** Report periods given as dates are whole days in the charter's zone (R-CAL-1: Israel time). */
const REPORT_TIME_ZONE = defaultPolicy.timeZone;

/** When `date` (YYYY-MM-DD) begins in the report zone, as a UTC instant: DST-aware (calendar/time-zone.ts). */
export function startOfZoneDay(date: string, timeZone: string = REPORT_TIME_ZONE): string {
  const wallMs = Date.parse(`${date}T00:00:00Z`);
  return new Date(wallToInstant(zoneOffsets(timeZone, wallMs - 2 * DAY_MS, wallMs + 2 * DAY_MS), wallMs)).toISOString();
}
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const isDate = (bound: string) => bound.length === 10;

const PeriodBound = z.union([Instant, z.iso.date().describe('a date in Israel (Asia/Jerusalem): from its start; as `to`, to its end (inclusive)')]);

/** The fields of a report period, as a client sends them (the OpenAPI document's parameters). */
export const ReportPeriodFieldsSchema = z.strictObject({ from: PeriodBound, to: PeriodBound });

/**
 * A report's period, half-open [from, to), at most a year (R-RPT-2), given as instants or as
 * Israel dates (`from=2030-01-01&to=2030-01-31`: whole days, `to` inclusive): one schema per use,
 * so OpenAPI names each.
 */
const reportPeriod = () => ReportPeriodFieldsSchema
  .transform((p) => ({ from: isDate(p.from) ? startOfZoneDay(p.from) : p.from, to: isDate(p.to) ? startOfZoneDay(nextDate(p.to)) : p.to }))
  .refine((p) => Date.parse(p.from) < Date.parse(p.to), { path: ['to'], message: 'the period ends after it starts' })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_REPORT_DAYS * DAY_MS, { path: ['to'], message: `a period of at most ${MAX_REPORT_DAYS} days` });
export const ReportPeriodQuerySchema = reportPeriod();
export type ReportPeriodQuery = z.output<typeof ReportPeriodQuerySchema>;

/** R-RPT-1: email me the report of this period. */
export const ReportEmailRequestSchema = reportPeriod();

/** R-RPT-1: the report on a schedule the person chooses. */
export const ReportSubscriptionRequestSchema = z.strictObject({ frequency: ReportFrequencySchema.describe('weekly: each Sunday, for the week before; monthly: on the 1st, for the month before') });

/** A file name as a person's computer shows it: any script, no path, no control characters. */
const FileName = Text(200).regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'a file name without a path or control characters');

/** POST /uploads: the file about to be uploaded; the URL is signed for exactly this type and size. */
export const CreateUploadRequestSchema = z.strictObject({
  fileName: FileName,
  contentType: z.enum(ATTACHMENT_TYPES).describe('one of the allowed types (GET /uploads/limits)'),
  size: z.number().int().min(1).max(ATTACHMENT_LIMITS.maxBytes).describe(`bytes, at most ${ATTACHMENT_LIMITS.maxBytes}`),
});
export type CreateUploadRequest = z.output<typeof CreateUploadRequestSchema>;
