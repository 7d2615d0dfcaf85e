import * as z from '../../domain/zod.js';
import { SeveritySchema, StatusSchema, TicketTypeSchema, type Status, type Tier } from '../../domain/index.js';
import { MAX_YEAR, MIN_YEAR } from '../../domain/calendar/business-calendar.js';
import { QUEUE_STATUSES } from '../../domain/queue.js';
import { OrganisationIdSchema } from './params.js';

// Request schemas of the agent desk's reads (issue 10): the queue, the policy and the calendar.

const Flag = /* @__PURE__ */ z.schema(() => z.pipe(z.enum(['true', 'false']), z.transform((v: 'true' | 'false') => v === 'true')));
const QueueStatus = /* @__PURE__ */ z.schema(() => z.enum(StatusSchema.options.filter((s): s is Exclude<Status, 'closed'> => s !== 'closed')));

/** `status=new,in-progress`: one or more statuses a ticket may wait in, comma separated. */
const Statuses = /* @__PURE__ */ z.schema(() => z.pipe(z.string().check(z.maxLength(200)), z.transform((s: string, ctx) => {
  const parts = s.split(',').map((p) => p.trim());
  const parsed = z.array(QueueStatus).check(z.minLength(1)).safeParse(parts);
  if (!parsed.success) {
    // mini's transform has no ctx.addIssue: the issue goes on the payload as classic's addIssue put it
    ctx.issues.push({ code: 'custom', message: `one or more of ${QueueStatus.options.join(', ')}, comma separated`, input: s });
    return z.NEVER;
  }
  return [...new Set(parsed.data)];
})).check(z.describe(`comma separated; default ${QUEUE_STATUSES.join(',')}`)));

/** GET /queue: every open ticket, soonest next SLA deadline first, with the desk's filters (R-PORTAL-2). */
export const QueueQuerySchema = /* @__PURE__ */ z.schema(() => z
  .strictObject({
    mine: z.optional(Flag).check(z.describe("only the caller's tickets")),
    unassigned: z.optional(Flag).check(z.describe('only tickets nobody is assigned')),
    tier: z.optional(z.pipe(z.enum(['1', '2', '3', '4']), z.transform((v: '1' | '2' | '3' | '4') => Number(v) as Tier))).check(z.describe('R-ESC-1 support tier')),
    organisationId: z.optional(OrganisationIdSchema),
    status: z.optional(Statuses),
    severity: z.optional(SeveritySchema),
    sla: z.optional(z.enum(['ok', 'at-risk', 'breached'])).check(z.describe('R-SLA-6, as the timer last recorded it')),
    type: z.optional(TicketTypeSchema),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  })
  .check(z.refine((q) => !(q.mine === true && q.unassigned === true), { path: ['unassigned'], message: 'mine and unassigned exclude each other' })));
export type QueueQuery = z.output<typeof QueueQuerySchema>;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// One check, not a chain: zod runs every refinement even after the pattern failed.
const IsoDate = /* @__PURE__ */ z.schema(() => z.string().check(z.refine((d) => DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d
  && Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) < MAX_YEAR, `a calendar date YYYY-MM-DD, years ${MIN_YEAR}-${MAX_YEAR - 1}`)));
const MAX_CALENDAR_DAYS = 400;

/** GET /calendar: the closed days of a period, both dates inclusive (R-CAL-2). */
export const CalendarQuerySchema = /* @__PURE__ */ z.schema(() => z
  .strictObject({ from: IsoDate, to: IsoDate })
  .check(
    z.refine((p) => p.from <= p.to, { path: ['to'], message: 'the period ends on or after it starts' }),
    z.refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_CALENDAR_DAYS * 86_400_000, { path: ['to'], message: `a period of at most ${MAX_CALENDAR_DAYS} days` }),
  ));
export type CalendarQuery = z.output<typeof CalendarQuerySchema>;

/** GET /policy: besides the current policy, those of these versions (the tickets' own, comma separated). */
export const PolicyQuerySchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  versions: z.optional(z.string().check(z.minLength(1), z.maxLength(500), z.regex(/^[^,\s]+(,[^,\s]+)*$/, 'policy versions, comma separated'))),
}));
