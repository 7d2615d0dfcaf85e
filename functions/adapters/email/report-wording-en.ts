import type { ReportWording } from './report-email.js';
import { tx } from './wording.js';

const KIND = { 'on-request': 'Ticket report', weekly: 'Weekly ticket report', monthly: 'Monthly ticket report' } as const;
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** English wording of the ticket report (R-RPT-1, R-RPT-2), in the style of wording-en.ts. */
export const REPORT_EN: ReportWording = {
  subject: (frequency, organisation, period) => [KIND[frequency], ...tx` for ${organisation}: ${period}`],
  greeting: (name) => tx`Hello ${name},`,
  intro: (organisation, period) => tx`Here is the ticket report of ${organisation} for ${period}.`,
  totals: (t, duration) => [
    `${plural(t.tickets, 'ticket', 'tickets')}: ${t.openedInPeriod} opened and ${t.closedInPeriod} closed in this period. `,
    `SLA targets: ${t.targetsMet} met, ${t.targetsBreached} breached. Time spent: ${duration(t.workMinutes)}.`,
  ],
  empty: (organisation) => tx`${organisation} had no tickets in this period.`,
  note: ['Statuses are as of today; time spent counts the work done in this period.'],
  frequency: { 'on-request': null, weekly: ['You receive this report every week.'], monthly: ['You receive this report every month.'] },
  columns: {
    number: 'Ticket', subject: 'Subject', status: 'Status', severity: 'Severity',
    opened: 'Opened', closed: 'Closed', firstResponse: 'First response', timeSpent: 'Time spent',
  },
  status: {
    new: 'New', 'in-progress': 'In progress', 'pending-customer': 'Pending customer', 'pending-vendor': 'Pending vendor',
    resolved: 'Resolved', closed: 'Closed',
  },
  severity: { urgent: 'Urgent', high: 'High', normal: 'Normal' },
  outcome: { met: 'Met', breached: 'Breached', running: 'Running', stopped: 'Stopped' },
  duration: (minutes) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
  },
  dayMonth: ({ day, month }) => `${day} ${month}`,
  signOff: ['Regards,', 'Support team'],
};
