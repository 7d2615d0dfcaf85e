import type { WorkEntry } from '../domain/billing/types.js';
import { monthOf } from '../domain/billing/classify.js';
import type { Policy, Ticket } from '../domain/index.js';
import type { TicketFilter, TicketStore } from '../adapters/store.js';

// What the reports read (R-RPT-2): every ticket of a filter, and an organisation's work of the
// months a period touches. A report covers at most a year (schemas.ts), so a bounded read.

const PAGE = 100;

/** Every ticket matching `filter`, all pages. */
export async function allTickets(tickets: Pick<TicketStore, 'list'>, filter: TicketFilter): Promise<Ticket[]> {
  const all: Ticket[] = [];
  let cursor: string | null = null;
  do {
    const page = await tickets.list(filter, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/**
 * R-PARTY-2, R-TKT-6: a report as a partner may see it: the tickets that record it as their
 * partner (or are its own organisation's), whichever partner the customer has now, and their work.
 */
export function seenByPartner(partnerId: string, tickets: Ticket[], work: WorkEntry[]): { tickets: Ticket[]; work: WorkEntry[] } {
  const seen = tickets.filter((t) => t.partnerId === partnerId || t.organisationId === partnerId);
  const ids = new Set(seen.map((t) => t.id));
  return { tickets: seen, work: work.filter((w) => ids.has(w.ticketId)) };
}

/** The months (`YYYY-MM`, in the policy's zone) from the one holding `from` to the one holding the last instant before `to`. */
export function monthsOf(policy: Policy, from: string, to: string): string[] {
  const last = monthOf(policy, new Date(Date.parse(to) - 1).toISOString());
  const months: string[] = [];
  for (let month = monthOf(policy, from); month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** An organisation's logged work of every month the period touches. */
export async function workOfPeriod(tickets: Pick<TicketStore, 'listWorkOf'>, policy: Policy, organisationId: string, from: string, to: string): Promise<WorkEntry[]> {
  const months = await Promise.all(monthsOf(policy, from, to).map((month) => tickets.listWorkOf({ organisationId, month })));
  return months.flat();
}
