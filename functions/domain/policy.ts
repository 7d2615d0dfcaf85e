import { z } from 'zod';

/** Minutes past local midnight, written `HH:MM`. */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour clock)');
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
 * The charter's numbers as one typed, validated policy (design: configuration, not literals).
 * Every default below cites the rule it carries out.
 */
export const PolicySchema = z.strictObject({
  version: z.string().min(1).default('charter-1'),
  timeZone: z.string().default('Asia/Jerusalem'), // R-CAL-1
  workingWeekdays: z.array(z.number().int().min(0).max(6)).min(1).default([0, 1, 2, 3, 4]), // R-CAL-1: Sunday-Thursday
  hours: z
    .strictObject({ basic: HoursSchema, extended: HoursSchema })
    .default({ basic: { open: '08:30', close: '17:00' }, extended: { open: '08:00', close: '20:00' } }), // R-CAL-1, R-CAL-3
  closures: z
    .strictObject({ add: z.array(IsoDate), remove: z.array(IsoDate) })
    .default({ add: [], remove: [] }), // R-CAL-2: operator additions and removals
  targets: z
    .strictObject({ urgent: TargetsSchema, high: TargetsSchema, normal: TargetsSchema })
    .default({
      urgent: { firstResponseMinutes: 180, contactMinutes: 360 }, // R-SLA-2
      high: { firstResponseMinutes: 270, contactMinutes: 2880 },
      normal: { firstResponseMinutes: 360, contactMinutes: 7200 },
    }),
  cssNoon: ClockTime.default('12:00'), // R-SLA-3
  warnAtFraction: z.number().gt(0).lt(1).default(0.8), // R-SLA-6
  unansweredBusinessDays: BusinessDays.default(2), // R-COMM-2
  pendingCustomer: LifecycleChainSchema.default({ reminderBusinessDays: [2, 4], endBusinessDays: 6 }), // R-PEND-2..4
  resolved: LifecycleChainSchema.default({ reminderBusinessDays: [2, 4], endBusinessDays: 6 }), // R-CLOSE-2..4
});

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

/** Parses a policy (a ZodError names the field at fault); `{}` gives the charter's defaults. */
export const parsePolicy = (input: PolicyInput = {}): Policy => PolicySchema.parse(input);

/** The charter's policy with every default. */
export const defaultPolicy: Policy = parsePolicy();
