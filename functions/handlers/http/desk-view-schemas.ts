import * as z from '../../domain/zod.js';
import { PolicySchema } from '../../domain/policy.js';
import { TargetNameSchema } from '../../domain/index.js';
import { TicketViewSchema } from './view-schemas.js';

// Response schemas of the agent desk's reads (issue 10).

const Instant = /* @__PURE__ */ z.schema(() => z.iso.datetime().check(z.describe('UTC instant, ISO 8601 with Z')));

/** A ticket in the queue: the center's view, the policy its clocks run on, and its next deadline. */
export const QueueItemSchema = /* @__PURE__ */ z.schema(() => z.extend(TicketViewSchema, {
  nextTarget: z.nullable(TargetNameSchema).check(z.describe('the owed SLA target due first; null when none is owed')),
  nextDueAt: z.nullable(Instant).check(z.describe("that target's due instant: the queue's order")),
  slaState: z.enum(['ok', 'at-risk', 'breached']).check(z.describe('R-SLA-6, as the timer last recorded it')),
}));
export type QueueItem = z.output<typeof QueueItemSchema>;
export const QueuePageSchema = /* @__PURE__ */ z.schema(() => z.object({ items: z.array(QueueItemSchema), cursor: z.nullable(z.string()).check(z.describe('pass back for the next page; null at the end')) }));

/** The policy new tickets open under, and the asked-for versions tickets run on. */
export const PolicyViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  current: PolicySchema,
  versions: z.record(z.string(), PolicySchema).check(z.describe('by version: the current one and each asked for')),
}));

const ClosedDaySchema = /* @__PURE__ */ z.schema(() => z.object({
  date: z.string().check(z.describe('YYYY-MM-DD, in the policy time zone')),
  reason: z.enum(['weekend', 'holiday', 'eve', 'operator']).check(z.describe('R-CAL-1 weekend, R-CAL-2 holiday or eve, or an operator closure')),
  name: z.string(),
}));

/** R-CAL-1..3: the closed days of a period, and the hours and operator changes behind them. */
export const CalendarViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  from: z.string(), to: z.string(), policyVersion: z.string(), timeZone: z.string(),
  workingWeekdays: z.array(z.number().check(z.int())).check(z.describe('0 is Sunday')),
  hours: z.object({ basic: z.object({ open: z.string(), close: z.string() }), extended: z.object({ open: z.string(), close: z.string() }) }),
  closures: z.object({ add: z.array(z.string()), remove: z.array(z.string()) }).check(z.describe('operator closures, and dates the operator opened')),
  days: z.array(ClosedDaySchema),
}));
