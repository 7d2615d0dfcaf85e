import * as z from 'zod';
import { SeveritySchema, StatusSchema, TicketTypeSchema, type Tier } from '../../domain/index.js';
import { MAX_YEAR, MIN_YEAR } from '../../domain/calendar/business-calendar.js';
import { QUEUE_STATUSES } from '../../domain/queue.js';
import { OrganisationIdSchema } from './params.js';

// Request schemas of the agent desk's reads (issue 10): the queue, the policy and the calendar.

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const QueueStatus = StatusSchema.exclude(['closed']);

/** `status=new,in-progress`: one or more statuses a ticket may wait in, comma separated. */
const Statuses = z.string().max(200)
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim());
    const parsed = z.array(QueueStatus).min(1).safeParse(parts);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `one or more of ${QueueStatus.options.join(', ')}, comma separated` });
      return z.NEVER;
    }
    return [...new Set(parsed.data)];
  })
  .describe(`comma separated; default ${QUEUE_STATUSES.join(',')}`);

/** GET /queue: every open ticket, soonest next SLA deadline first, with the desk's filters (R-PORTAL-2). */
export const QueueQuerySchema = z
  .strictObject({
    mine: Flag.optional().describe("only the caller's tickets"),
    unassigned: Flag.optional().describe('only tickets nobody is assigned'),
    tier: z.enum(['1', '2', '3', '4']).transform((v) => Number(v) as Tier).optional().describe('R-ESC-1 support tier'),
    organisationId: OrganisationIdSchema.optional(),
    status: Statuses.optional(),
    severity: SeveritySchema.optional(),
    sla: z.enum(['ok', 'at-risk', 'breached']).optional().describe('R-SLA-6, as the timer last recorded it'),
    type: TicketTypeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .refine((q) => !(q.mine === true && q.unassigned === true), { path: ['unassigned'], message: 'mine and unassigned exclude each other' });
export type QueueQuery = z.output<typeof QueueQuerySchema>;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// One check, not a chain: zod runs every refinement even after the pattern failed.
const IsoDate = z.string().refine((d) => DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d
  && Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) < MAX_YEAR, `a calendar date YYYY-MM-DD, years ${MIN_YEAR}-${MAX_YEAR - 1}`);
const MAX_CALENDAR_DAYS = 400;

/** GET /calendar: the closed days of a period, both dates inclusive (R-CAL-2). */
export const CalendarQuerySchema = z
  .strictObject({ from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'the period ends on or after it starts' })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_CALENDAR_DAYS * 86_400_000, { path: ['to'], message: `a period of at most ${MAX_CALENDAR_DAYS} days` });
export type CalendarQuery = z.output<typeof CalendarQuerySchema>;

/** GET /policy: besides the current policy, those of these versions (the tickets' own, comma separated). */
export const PolicyQuerySchema = z.strictObject({
  versions: z.string().min(1).max(500).regex(/^[^,\s]+(,[^,\s]+)*$/, 'policy versions, comma separated').optional(),
});
