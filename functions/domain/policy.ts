import * as z from 'zod';
import { CHARTER_DEFAULTS, type Policy } from './policy-defaults.js';
import { isKnownTimeZone } from './calendar/time-zone.js';

/** Minutes past local midnight, written `HH:MM`. */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour clock)');
const OpeningTime = z.string().regex(/^(0[1-9]|1\d|2[0-3]):[0-5]\d$/, 'expected HH:MM from 01:00');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Minutes = z.number().int().positive();
const BusinessDays = z.number().int().positive();

export const HoursSchema = z
  .strictObject({ open: ClockTime, close: ClockTime })
  .refine((h) => h.open < h.close, { message: 'open must be before close' });

const TargetsSchema = z.strictObject({ firstResponseMinutes: Minutes, contactMinutes: Minutes });

/** Offsets (business days after entering a status) of the reminders, and of the timer that ends it. */
const LifecycleChainSchema = z
  .strictObject({ reminderBusinessDays: z.array(BusinessDays).max(5), endBusinessDays: BusinessDays })
  .refine((c) => c.reminderBusinessDays.every((d, i, all) => d < c.endBusinessDays && (i === 0 || all[i - 1]! < d)), {
    message: 'reminders must be increasing and before the end',
  });

/**
 * The charter's numbers as one typed, validated policy (design: configuration, not literals);
 * the defaults are CHARTER_DEFAULTS, which cite the rules they carry out.
 */
export const PolicySchema = z.strictObject({
  version: z.string().min(1).default(CHARTER_DEFAULTS.version),
  timeZone: z.string().refine(isKnownTimeZone, 'unknown time zone').default(CHARTER_DEFAULTS.timeZone),
  workingWeekdays: z.array(z.number().int().min(0).max(6)).min(1).default(() => [...CHARTER_DEFAULTS.workingWeekdays]),
  // Opening at 01:00 or later: the calendar finds an instant's day with the zone's smallest offset.
  hours: z.strictObject({ basic: HoursSchema, extended: HoursSchema }).default(() => structuredClone(CHARTER_DEFAULTS.hours)),
  closures: z.strictObject({ add: z.array(IsoDate), remove: z.array(IsoDate) }).default(() => structuredClone(CHARTER_DEFAULTS.closures)),
  targets: z
    .strictObject({ urgent: TargetsSchema, high: TargetsSchema, normal: TargetsSchema })
    .default(() => structuredClone(CHARTER_DEFAULTS.targets)),
  cssNoon: ClockTime.default(CHARTER_DEFAULTS.cssNoon),
  warnAtFraction: z.number().gt(0).lt(1).default(CHARTER_DEFAULTS.warnAtFraction),
  unansweredBusinessDays: BusinessDays.default(CHARTER_DEFAULTS.unansweredBusinessDays),
  pendingCustomer: LifecycleChainSchema.default(() => structuredClone(CHARTER_DEFAULTS.pendingCustomer)),
  resolved: LifecycleChainSchema.default(() => structuredClone(CHARTER_DEFAULTS.resolved)),
  billing: z
    .strictObject({ applicationAdviceMinutesPerMonth: z.number().int().min(0) })
    .default(() => structuredClone(CHARTER_DEFAULTS.billing)),
}) satisfies z.ZodType<Policy, unknown>;

export type PolicyInput = z.input<typeof PolicySchema>;

/** Parses a policy (a ZodError names the field at fault); `{}` gives the charter's defaults. */
export const parsePolicy = (input: PolicyInput = {}): Policy => PolicySchema.parse(input);

export { CHARTER_DEFAULTS as defaultPolicy, type Policy };
