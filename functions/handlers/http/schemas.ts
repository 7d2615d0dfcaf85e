import * as z from '../../domain/zod.js';
import { ContactSchema, FaultSchema, OrganisationSchema, SeveritySchema, StatusSchema, TicketTypeSchema, defaultPolicy, type Status } from '../../domain/index.js';
import { wallToInstant, zoneOffsets } from '../../domain/calendar/time-zone.js';
import { WorkKindSchema } from '../../domain/billing/types.js';
import { ReportFrequencySchema } from '../../domain/reports/schedule.js';
import { OrganisationIdSchema } from './params.js';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES } from './attachment-rules.js';
import { cleanLine, cleanText } from '../../domain/text-hygiene.js';

// Request schemas: strict objects, so an unknown field is a 400 naming it. Each is paired with its type.

const Text = (max: number) => z.string().check(z.overwrite(cleanText), z.trim(), z.minLength(1), z.maxLength(max));
/** A subject or a name: one line, no control characters, no bidi overrides (issue 12, text hygiene). */
const Line = (max: number) => z.string().check(z.overwrite(cleanLine), z.minLength(1), z.maxLength(max));
/** Upload ids from POST /uploads, each checked before it is attached (attach-uploads.ts). */
const Attachments = /* @__PURE__ */ z.schema(() => z._default(z.array(z.uuid()).check(z.maxLength(ATTACHMENT_LIMITS.maxFiles)), [])
  .check(z.describe(`upload ids from POST /uploads (at most ${ATTACHMENT_LIMITS.maxFiles}); a file that is not there as announced is a 400 naming attachments.<i>`)));
const Limit = /* @__PURE__ */ z.schema(() => z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25));
const Cursor = /* @__PURE__ */ z.schema(() => z.string().check(z.minLength(1), z.maxLength(2048))); // opaque; cursor.ts refuses one it did not make

/** R-TKT-1..5, R-ACC-1, R-PARTY-2: a partner names the customer organisation it opens for. */
export const CreateTicketRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  type: TicketTypeSchema,
  severity: SeveritySchema.check(z.describe('proposed by the opener; an agent may reclassify it (R-TKT-5)')),
  subject: Line(200),
  description: Text(20_000).check(z.describe('the first public message')),
  outage: z._default(z.boolean(), false),
  remoteAccess: z._default(z.boolean(), false),
  organisationId: z.optional(OrganisationIdSchema).check(z.describe("required for the center and for a partner opening for its customer; a customer's own otherwise")),
  attachments: Attachments,
}));
export type CreateTicketRequest = z.output<typeof CreateTicketRequestSchema>;

export const IdempotencyKeySchema = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^[\x21-\x7e]{1,255}$/, '1-255 visible ASCII characters')));

/** `open`: every status but Closed (the portal's open/closed filter). */
const OPEN_STATUSES = /* @__PURE__ */ z.schema(() => StatusSchema.options.filter((s) => s !== 'closed'));

/** `resolved,pending-customer`: one status or several, comma-separated, `open` for all but Closed (R-PORTAL-1's filters). */
const StatusList = /* @__PURE__ */ z.schema(() => z.pipe(
  z.pipe(z.pipe(z.string(), z.transform((s: string) => s.split(','))), z.array(z.union([StatusSchema, z.literal('open')])).check(z.minLength(1), z.maxLength(20))),
  z.transform((list: (Status | 'open')[]) => [...new Set(list.flatMap((s) => (s === 'open' ? OPEN_STATUSES : [s])))]),
).check(z.describe(`one status or several, comma-separated (${StatusSchema.options.join(', ')}); open: every status but closed`)));

export const ListTicketsQuerySchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  status: z.optional(StatusList),
  severity: z.optional(SeveritySchema),
  organisationId: z.optional(OrganisationIdSchema),
  assignee: z.optional(Text(200)),
  sla: z.optional(z.enum(['at-risk', 'breached'])),
  limit: Limit,
  cursor: z.optional(Cursor),
  q: z.optional(Text(200)).check(z.describe('text in the number or subject, any case; a number (T-1042, or 1042) finds that ticket')),
}));
export type ListTicketsQuery = z.output<typeof ListTicketsQuerySchema>;

export const AddMessageRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  body: Text(20_000),
  visibility: z._default(z.enum(['public', 'internal']), 'public').check(z.describe('internal notes are for the center only')),
  attachments: Attachments,
}));
export type AddMessageRequest = z.output<typeof AddMessageRequestSchema>;

/** R-PEND-1, R-VEND-1 (vendor case number), R-CLOSE-1 (solution); the domain decides who may. */
export const TransitionRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  to: z.enum(StatusSchema.options.filter((s): s is Exclude<Status, 'new'> => s !== 'new')),
  vendorCaseNumber: z.optional(Text(100)),
  solution: z.optional(Text(20_000)),
  reason: z.optional(Text(2000)),
  comment: z.optional(Text(20_000)).check(z.describe('R-PEND-1: what the customer is asked for; their email quotes it, and it is a public message')),
}));
export type TransitionRequest = z.output<typeof TransitionRequestSchema>;

/** R-CLOSE-2: the customer confirms the solution, or rejects it with a reason. */
export const ResolutionRequestSchema = /* @__PURE__ */ z.schema(() => z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('confirm') }),
  z.strictObject({ decision: z.literal('reject'), reason: Text(2000) }),
]));
export type ResolutionRequest = z.output<typeof ResolutionRequestSchema>;

/** R-TKT-3..5, R-ACC-1: severity comes with a reason; at least one field. */
export const UpdateTicketRequestSchema = /* @__PURE__ */ z.schema(() => z
  .strictObject({
    severity: z.optional(SeveritySchema),
    severityReason: z.optional(Text(2000)),
    fault: z.optional(z.nullable(FaultSchema)),
    outage: z.optional(z.boolean()),
    assignee: z.optional(z.nullable(Text(200))),
    remoteAccess: z.optional(z.boolean()),
  })
  .check(
    z.refine((r) => (r.severity === undefined) === (r.severityReason === undefined), {
      path: ['severityReason'], message: 'severity and severityReason come together (R-TKT-5)',
    }),
    z.refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'nothing to change' }),
  ));
export type UpdateTicketRequest = z.output<typeof UpdateTicketRequestSchema>;

/** R-ESC-1 (internal: one tier up) and R-ESC-2 (external: the HOS, then the CCO). */
export const EscalationRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({ kind: z.enum(['internal', 'external']), reason: Text(2000) }));
export type EscalationRequest = z.output<typeof EscalationRequestSchema>;

export const ListOrganisationsQuerySchema = /* @__PURE__ */ z.schema(() => z.strictObject({ limit: Limit, cursor: z.optional(Cursor), partnerId: z.optional(OrganisationIdSchema) }));
export type ListOrganisationsQuery = z.output<typeof ListOrganisationsQuerySchema>;

/** R-PARTY-1, R-ENT-1..3: the whole organisation; its `id` must be the path's. */
export const PutOrganisationRequestSchema = /* @__PURE__ */ z.schema(() => OrganisationSchema);

/** A contact; its email and organisation come from the path. */
export const PutContactRequestSchema = /* @__PURE__ */ z.schema(() => z.extend(z.pick(ContactSchema, { name: true, language: true, unreachable: true }), { name: Line(200) }));
export type PutContactRequest = z.output<typeof PutContactRequestSchema>;

const Instant = /* @__PURE__ */ z.schema(() => z.iso.datetime().check(z.describe('UTC instant, ISO 8601 with Z')));

/** R-BILL-3: a piece of work on the ticket; whether it was in hours is computed from the calendar. */
export const LogWorkRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  startedAt: Instant.check(z.describe('when the work started; it must have ended by now')),
  minutes: z.number().check(z.int(), z.gte(1), z.lte(1440)),
  kind: WorkKindSchema.check(z.describe('on-site visits and their travel time are billable (R-BILL-1)')),
  outOfScope: z._default(z.boolean(), false).check(z.describe('outside the defined support scope: billable (R-BILL-1)')),
  note: z.optional(Text(2000)),
}));
export type LogWorkRequest = z.output<typeof LogWorkRequestSchema>;

/** A calendar month, `YYYY-MM`, in the policy's time zone. */
export const MonthSchema = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')));

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

const PeriodBound = /* @__PURE__ */ z.schema(() => z.union([Instant, z.iso.date().check(z.describe('a date in Israel (Asia/Jerusalem): from its start; as `to`, to its end (inclusive)'))]));

/** The fields of a report period, as a client sends them (the OpenAPI document's parameters). */
export const ReportPeriodFieldsSchema = /* @__PURE__ */ z.schema(() => z.strictObject({ from: PeriodBound, to: PeriodBound }));

/**
 * A report's period, half-open [from, to), at most a year (R-RPT-2), given as instants or as
 * Israel dates (`from=2030-01-01&to=2030-01-31`: whole days, `to` inclusive): one schema per use,
 * so OpenAPI names each.
 */
const reportPeriod = () => z
  .pipe(ReportPeriodFieldsSchema, z.transform((p: { from: string; to: string }) => ({
    from: isDate(p.from) ? startOfZoneDay(p.from) : p.from, to: isDate(p.to) ? startOfZoneDay(nextDate(p.to)) : p.to,
  })))
  .check(
    z.refine((p) => Date.parse(p.from) < Date.parse(p.to), { path: ['to'], message: 'the period ends after it starts' }),
    z.refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_REPORT_DAYS * DAY_MS, { path: ['to'], message: `a period of at most ${MAX_REPORT_DAYS} days` }),
  );
export const ReportPeriodQuerySchema = /* @__PURE__ */ z.schema(() => reportPeriod());
export type ReportPeriodQuery = z.output<typeof ReportPeriodQuerySchema>;

/** R-RPT-1: email me the report of this period. */
export const ReportEmailRequestSchema = /* @__PURE__ */ z.schema(() => reportPeriod());

/** R-RPT-1: the report on a schedule the person chooses. */
export const ReportSubscriptionRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({ frequency: ReportFrequencySchema.check(z.describe('weekly: each Sunday, for the week before; monthly: on the 1st, for the month before')) }));

/** A file name as a person's computer shows it: any script, no path, no control characters. */
const FileName = /* @__PURE__ */ z.schema(() => Text(200).check(z.regex(/^[^/\\\u0000-\u001f\u007f]+$/, 'a file name without a path or control characters')));

/** POST /uploads: the file about to be uploaded; the URL is signed for exactly this type and size. */
export const CreateUploadRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  fileName: FileName,
  contentType: z.enum(ATTACHMENT_TYPES).check(z.describe('one of the allowed types (GET /uploads/limits)')),
  size: z.number().check(z.int(), z.gte(1), z.lte(ATTACHMENT_LIMITS.maxBytes), z.describe(`bytes, at most ${ATTACHMENT_LIMITS.maxBytes}`)),
}));
export type CreateUploadRequest = z.output<typeof CreateUploadRequestSchema>;
