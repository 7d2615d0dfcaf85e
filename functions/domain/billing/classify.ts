import type { Policy } from '../policy-defaults.js';
import { DomainError } from '../errors.js';
import { getBusinessCalendar, MAX_YEAR, MIN_YEAR } from '../calendar/business-calendar.js';
import { instantMs, toInstant } from '../calendar/business-time.js';
import { offsetAt, wallToInstant, zoneOffsets, type ZoneOffsets } from '../calendar/time-zone.js';
import type { BillingReason, Statement, WorkEntry, WorkLine, WorkTicket } from './types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** YYYY-MM of an instant (epoch ms) read in the zone whose offsets are given: by arithmetic, no local-time getters. */
const monthAt = (offsets: ZoneOffsets, atMs: number): string => toInstant(atMs + offsetAt(offsets, atMs)).slice(0, 7);

/** The YYYY-MM of an instant in the policy's time zone (R-BILL-2: the quota is monthly, in Israel time). */
export function monthOf(policy: Policy, at: string): string {
  const ms = instantMs(at);
  return monthAt(zoneOffsets(policy.timeZone, ms, ms), ms);
}

/** The first instant of a local day whose midnight is `wallMs` (a wall-clock reading as if UTC). */
function localMidnight(offsets: ZoneOffsets, wallMs: number): number {
  const t = wallToInstant(offsets, wallMs);
  if (t + offsetAt(offsets, t) >= wallMs) return t;
  // A zone that springs forward at midnight has no 00:00 that day: the day starts at the change.
  return offsets.find((o) => o.fromMs > t)!.fromMs;
}

/**
 * The instants of local midnight (policy time zone) at the start of `month` (YYYY-MM) and of the
 * next month: `from` inclusive, `to` exclusive. A month other than 01-12, or a year outside the
 * calendar's range, is an `invalid-input` refusal on the `month` field.
 */
export function monthBounds(policy: Policy, month: string): { from: string; to: string } {
  const m = MONTH.exec(month);
  const year = m ? Number(m[1]) : NaN;
  if (!m || !(year >= MIN_YEAR && year <= MAX_YEAR)) throw new DomainError('invalid-input', `not a month (YYYY-MM): ${month}`, { field: 'month' });
  const fromWall = Date.UTC(year, Number(m[2]) - 1, 1);
  const toWall = Date.UTC(year, Number(m[2]), 1); // December rolls over to January
  const offsets = zoneOffsets(policy.timeZone, fromWall - DAY_MS, toWall + DAY_MS);
  return { from: toInstant(localMidnight(offsets, fromWall)), to: toInstant(localMidnight(offsets, toWall)) };
}

type Part = { minutes: number; billable: boolean; reason: BillingReason; rule: string };

/**
 * Classifies work entries into free and billable lines (R-BILL-1..3, R-CAL-4, R-ENT-1, R-TKT-7),
 * in time order (start, then entry id); each entry gives one line or more, whose minutes sum to its
 * own. Precedence: on-site and travel are billable whole (R-BILL-1); otherwise the part outside
 * the ticket's business hours is billable (R-CAL-4) and the part inside is out of scope
 * (R-BILL-1), without subscription (R-ENT-1), a vendor fault (free, R-BILL-2), an application
 * fault (free advice up to the CSS monthly quota, R-BILL-2, the rest R-TKT-7), or covered.
 * The quota is the organisation's per local month, consumed in time order whatever the logging
 * order: give ALL the entries of the organisations and months to bill, across bill-to
 * organisations, or the quota is counted from a partial history. A ticket missing from
 * `tickets` is a caller bug and throws.
 */
export function classifyWork(entries: readonly WorkEntry[], tickets: ReadonlyMap<string, WorkTicket>, policy: Policy): WorkLine[] {
  const timed = entries.map((entry) => ({ entry, startMs: instantMs(entry.startedAt) }));
  timed.sort((a, b) => a.startMs - b.startMs || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  if (timed.length === 0) return [];
  const offsets = zoneOffsets(policy.timeZone, timed[0]!.startMs, timed[timed.length - 1]!.startMs);
  const adviceUsed = new Map<string, number>(); // `${organisationId} ${month}` -> free advice minutes used
  const lines: WorkLine[] = [];

  for (const { entry, startMs } of timed) {
    const ticket = tickets.get(entry.ticketId);
    if (!ticket) throw new Error(`work entry ${entry.id}: ticket ${entry.ticketId} not given`);
    const month = monthAt(offsets, startMs);
    const parts: Part[] = [];
    if (entry.kind === 'on-site' || entry.kind === 'travel') {
      parts.push({ minutes: entry.minutes, billable: true, reason: 'on-site', rule: 'R-BILL-1' });
    } else {
      const cal = getBusinessCalendar(policy, ticket.entitlement.calendar);
      // Rounded once, the out-of-hours part taken as the rest, so in + out = minutes exactly.
      const inHours = Math.round(cal.elapsedMs(startMs, startMs + entry.minutes * MINUTE_MS) / MINUTE_MS);
      parts.push(...inHoursParts(inHours, entry, ticket, month, adviceUsed, policy));
      parts.push({ minutes: entry.minutes - inHours, billable: true, reason: 'out-of-hours', rule: 'R-CAL-4' });
    }
    for (const p of parts) {
      if (p.minutes === 0) continue;
      lines.push({
        entryId: entry.id, ticketId: entry.ticketId, ticketNumber: entry.ticketNumber, organisationId: entry.organisationId,
        billToOrganisationId: entry.billToOrganisationId, agent: entry.agent, kind: entry.kind, startedAt: entry.startedAt, month, ...p,
      });
    }
  }
  return lines;
}

/** The in-hours part of a remote entry, by scope, subscription and fault; may use the CSS quota. */
function inHoursParts(minutes: number, entry: WorkEntry, ticket: WorkTicket, month: string, adviceUsed: Map<string, number>, policy: Policy): Part[] {
  if (entry.outOfScope) return [{ minutes, billable: true, reason: 'out-of-scope', rule: 'R-BILL-1' }];
  if (ticket.entitlement.subscription === 'expired') return [{ minutes, billable: true, reason: 'no-subscription', rule: 'R-ENT-1' }];
  if (ticket.fault === 'vendor') return [{ minutes, billable: false, reason: 'vendor-fault', rule: 'R-BILL-2' }];
  if (ticket.fault === 'application') {
    const billed: Part = { minutes, billable: true, reason: 'application-fault', rule: 'R-TKT-7' };
    if (!ticket.entitlement.css) return [billed];
    // R-BILL-2: CSS organisations get free advice on application faults, up to a monthly quota.
    const key = `${entry.organisationId} ${month}`;
    const used = adviceUsed.get(key) ?? 0;
    const free = Math.min(minutes, Math.max(0, policy.billing.applicationAdviceMinutesPerMonth - used));
    adviceUsed.set(key, used + free);
    return [{ minutes: free, billable: false, reason: 'application-advice', rule: 'R-BILL-2' }, { ...billed, minutes: minutes - free }];
  }
  return [{ minutes, billable: false, reason: 'covered', rule: 'R-ENT-1' }];
}

/** The lines of one bill-to organisation and month, with billable, free and per-reason minutes. */
export function billingStatement(billToOrganisationId: string, month: string, lines: readonly WorkLine[]): Statement {
  const kept = lines.filter((l) => l.billToOrganisationId === billToOrganisationId && l.month === month);
  const totals: Statement['totals'] = { billableMinutes: 0, freeMinutes: 0, byReason: {} };
  for (const l of kept) {
    if (l.billable) totals.billableMinutes += l.minutes; else totals.freeMinutes += l.minutes;
    totals.byReason[l.reason] = (totals.byReason[l.reason] ?? 0) + l.minutes;
  }
  return { billToOrganisationId, month, lines: kept, totals };
}
