import * as z from './zod.js';
import { CHARTER_DEFAULTS, type Policy } from './policy-defaults.js';
import { isKnownTimeZone } from './calendar/time-zone.js';

/** Minutes past local midnight, written `HH:MM`. */
const ClockTime = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour clock)')));
const OpeningTime = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^(0[1-9]|1\d|2[0-3]):[0-5]\d$/, 'expected HH:MM from 01:00')));
const IsoDate = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')));
const Minutes = /* @__PURE__ */ z.schema(() => z.number().check(z.int(), z.positive()));
const BusinessDays = /* @__PURE__ */ z.schema(() => z.number().check(z.int(), z.positive()));

export const HoursSchema = /* @__PURE__ */ z.schema(() => z
  .strictObject({ open: ClockTime, close: ClockTime })
  .check(z.refine((h) => h.open < h.close, { message: 'open must be before close' })));

const TargetsSchema = /* @__PURE__ */ z.schema(() => z.strictObject({ firstResponseMinutes: Minutes, contactMinutes: Minutes }));

/** Offsets (business days after entering a status) of the reminders, and of the timer that ends it. */
const LifecycleChainSchema = /* @__PURE__ */ z.schema(() => z
  .strictObject({ reminderBusinessDays: z.array(BusinessDays).check(z.maxLength(5)), endBusinessDays: BusinessDays })
  .check(z.refine((c) => c.reminderBusinessDays.every((d, i, all) => d < c.endBusinessDays && (i === 0 || all[i - 1]! < d)), {
    message: 'reminders must be increasing and before the end',
  })));

/**
 * The charter's numbers as one typed, validated policy (design: configuration, not literals);
 * the defaults are CHARTER_DEFAULTS, which cite the rules they carry out.
 */
export const PolicySchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  version: z._default(z.string().check(z.minLength(1)), CHARTER_DEFAULTS.version),
  timeZone: z._default(z.string().check(z.refine(isKnownTimeZone, 'unknown time zone')), CHARTER_DEFAULTS.timeZone),
  workingWeekdays: z._default(z.array(z.number().check(z.int(), z.gte(0), z.lte(6))).check(z.minLength(1)), () => [...CHARTER_DEFAULTS.workingWeekdays]),
  // Opening at 01:00 or later: the calendar finds an instant's day with the zone's smallest offset.
  hours: z._default(z.strictObject({ basic: HoursSchema, extended: HoursSchema }), () => structuredClone(CHARTER_DEFAULTS.hours)),
  closures: z._default(z.strictObject({ add: z.array(IsoDate), remove: z.array(IsoDate) }), () => structuredClone(CHARTER_DEFAULTS.closures)),
  targets: z._default(
    z.strictObject({ urgent: TargetsSchema, high: TargetsSchema, normal: TargetsSchema }),
    () => structuredClone(CHARTER_DEFAULTS.targets),
  ),
  cssNoon: z._default(ClockTime, CHARTER_DEFAULTS.cssNoon),
  warnAtFraction: z._default(z.number().check(z.gt(0), z.lt(1)), CHARTER_DEFAULTS.warnAtFraction),
  unansweredBusinessDays: z._default(BusinessDays, CHARTER_DEFAULTS.unansweredBusinessDays),
  pendingCustomer: z._default(LifecycleChainSchema, () => structuredClone(CHARTER_DEFAULTS.pendingCustomer)),
  resolved: z._default(LifecycleChainSchema, () => structuredClone(CHARTER_DEFAULTS.resolved)),
  billing: z._default(
    z.strictObject({ applicationAdviceMinutesPerMonth: z.number().check(z.int(), z.gte(0)) }),
    () => structuredClone(CHARTER_DEFAULTS.billing),
  ),
}) satisfies z.ZodMiniType<Policy, unknown>);

export type PolicyInput = z.input<typeof PolicySchema>;

/** Parses a policy (a ZodError names the field at fault); `{}` gives the charter's defaults. */
export const parsePolicy = (input: PolicyInput = {}): Policy => PolicySchema.parse(input);

export { CHARTER_DEFAULTS as defaultPolicy, type Policy };
