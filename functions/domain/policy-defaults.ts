// The charter's numbers, as plain data: the calendar and the SLA code need them on a cold start,
// and loading zod to validate constants costs ~50 ms there. policy.ts validates operator input
// against the schema, whose defaults are these; a test checks parsePolicy({}) equals them.

type Hours = { open: string; close: string };
type Targets = { firstResponseMinutes: number; contactMinutes: number };
type LifecycleChain = { reminderBusinessDays: number[]; endBusinessDays: number };

export type Policy = {
  version: string;
  timeZone: string;
  workingWeekdays: number[];
  hours: { basic: Hours; extended: Hours };
  closures: { add: string[]; remove: string[] };
  targets: { urgent: Targets; high: Targets; normal: Targets };
  cssNoon: string;
  warnAtFraction: number;
  unansweredBusinessDays: number;
  pendingCustomer: LifecycleChain;
  resolved: LifecycleChain;
  billing: { applicationAdviceMinutesPerMonth: number };
};

export const CHARTER_DEFAULTS: Policy = {
  version: 'charter-1',
  timeZone: 'Asia/Jerusalem', // R-CAL-1
  workingWeekdays: [0, 1, 2, 3, 4], // R-CAL-1: Sunday-Thursday
  hours: { basic: { open: '08:30', close: '17:00' }, extended: { open: '08:00', close: '20:00' } }, // R-CAL-1, R-CAL-3
  closures: { add: [], remove: [] }, // R-CAL-2: operator additions and removals
  targets: {
    urgent: { firstResponseMinutes: 180, contactMinutes: 360 }, // R-SLA-2
    high: { firstResponseMinutes: 270, contactMinutes: 2880 },
    normal: { firstResponseMinutes: 360, contactMinutes: 7200 },
  },
  cssNoon: '12:00', // R-SLA-3
  warnAtFraction: 0.8, // R-SLA-6
  unansweredBusinessDays: 2, // R-COMM-2
  pendingCustomer: { reminderBusinessDays: [2, 4], endBusinessDays: 6 }, // R-PEND-2..4
  resolved: { reminderBusinessDays: [2, 4], endBusinessDays: 6 }, // R-CLOSE-2..4
  billing: { applicationAdviceMinutesPerMonth: 120 }, // R-BILL-2: free advice on application faults for CSS organisations
};
