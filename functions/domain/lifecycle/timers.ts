import type { Policy } from '../policy-defaults.js';
import type { LifecycleTimer, Status } from '../types.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { instantMs, toInstant } from '../calendar/business-time.js';

const after = (cal: BusinessCalendar, at: string, days: number): string => toInstant(cal.addDays(instantMs(at), days));

/**
 * The lifecycle deadlines that start when a ticket enters `status` at `at`:
 * R-PEND-2..4 (reminders at +2 and +4, Resolved at +6 business days) and
 * R-CLOSE-2..4 (check-ins at +2 and +4, Closed at +6). Other statuses have none.
 */
export function computeStatusTimers(cal: BusinessCalendar, policy: Policy, status: Status, at: string): LifecycleTimer[] {
  const chain =
    status === 'pending-customer' ? { spec: policy.pendingCustomer, reminder: 'pending-reminder', end: 'auto-resolve' } as const
    : status === 'resolved' ? { spec: policy.resolved, reminder: 'check-in', end: 'auto-close' } as const
    : null;
  if (!chain) return [];
  return [
    ...chain.spec.reminderBusinessDays.map((days, i) => ({ kind: chain.reminder, n: i + 1, dueAt: after(cal, at, days), doneAt: null })),
    { kind: chain.end, n: 1, dueAt: after(cal, at, chain.spec.endBusinessDays), doneAt: null },
  ];
}

/** R-COMM-2: a message from the center unanswered for this long moves the ticket to Pending Customer. */
export const computeUnansweredTimer = (cal: BusinessCalendar, policy: Policy, sentAt: string): LifecycleTimer => ({
  kind: 'unanswered', n: 1, dueAt: after(cal, sentAt, policy.unansweredBusinessDays), doneAt: null,
});
