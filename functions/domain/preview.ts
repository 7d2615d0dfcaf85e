import type { Policy } from './policy-defaults.js';
import type { Severity } from './types.js';
import { getBusinessCalendar, type CalendarKind } from './calendar/business-calendar.js';
import { computeContactDue, computeCssResponseDue, computeFirstResponseDue } from './sla/targets.js';
import { computeStatusTimers, computeUnansweredTimer } from './lifecycle/timers.js';

export type SlaPreviewInput = { severity: Severity; at: string; calendar: CalendarKind; css: boolean };

export type SlaPreview = {
  firstResponseDue: string;
  contactDue: string;
  cssResponseDue?: string;
  unansweredMessage: { pendingCustomerAt: string };
  pendingCustomer: Record<string, string>;
  resolved: Record<string, string>;
};

/**
 * Every charter deadline that starts at `at`, as the ticket commands compute them: a ticket
 * opened then (R-SLA-1..3), an update sent then (R-SLA-2, R-COMM-2), Pending Customer entered
 * then (R-PEND-2..4) and Resolved then (R-CLOSE-2..4).
 */
export function computeSlaPreview(input: SlaPreviewInput, policy: Policy): SlaPreview {
  const cal = getBusinessCalendar(policy, input.calendar);
  const chain = (status: 'pending-customer' | 'resolved', reminder: string, end: string) =>
    Object.fromEntries(computeStatusTimers(cal, policy, status, input.at).map((t) => [t.kind === 'auto-resolve' || t.kind === 'auto-close' ? end : `${reminder}${t.n}`, t.dueAt]));
  return {
    firstResponseDue: computeFirstResponseDue(cal, policy, input.severity, input.at),
    contactDue: computeContactDue(cal, policy, input.severity, input.at),
    ...(input.css ? { cssResponseDue: computeCssResponseDue(cal, policy, input.at) } : {}),
    unansweredMessage: { pendingCustomerAt: computeUnansweredTimer(cal, policy, input.at).dueAt },
    pendingCustomer: chain('pending-customer', 'reminder', 'autoResolve'),
    resolved: chain('resolved', 'checkIn', 'autoClose'),
  };
}
