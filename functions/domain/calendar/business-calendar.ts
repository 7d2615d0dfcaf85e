import type { Policy } from '../policy-defaults.js';
import { DomainError } from '../errors.js';
import { computeClosedDays, type ClosedDay } from './closed-days.js';
import { offsetAt, wallToInstant, zoneOffsets, type ZoneOffsets } from './time-zone.js';

export type CalendarKind = 'basic' | 'extended';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
export const MIN_YEAR = 1971;
export const MAX_YEAR = 2199;

const EMPTY: Table = {
  firstDay: NaN, lastYear: NaN, open: new Float64Array(0), len: new Float64Array(0), cum: new Float64Array(1),
  ordinal: new Int32Array(1), openDays: new Int32Array(0), shiftMs: 0, offsets: [],
};
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
const firstDayOfYear = (year: number): number => Date.UTC(year, 0, 1) / DAY_MS;

/**
 * One day-indexed table per calendar: each local day's opening instant and business length
 * (0 when closed), with prefix sums of business time and of open days. Every operation is then
 * a lookup and a binary search, never a walk minute by minute (issue 2: 1,000,000 deadlines/s).
 */
type Table = {
  firstDay: number; // epoch day of index 0
  lastYear: number;
  open: Float64Array; // UTC ms of the day's opening (also set on closed days)
  len: Float64Array; // business ms of the day; 0 when closed
  cum: Float64Array; // business ms before day i (length n + 1)
  ordinal: Int32Array; // open days before day i (length n + 1)
  openDays: Int32Array; // indexes of open days, ascending
  shiftMs: number; // smallest UTC offset in range: floor((t + shift) / day) never lands inside hours of the wrong day
  offsets: ZoneOffsets; // the zone's offsets over the table, for the exact local day of an instant
};

/** The business calendar of a policy and kind (R-CAL-1..3); instants are UTC epoch milliseconds. */
export class BusinessCalendar {
  private table: Table;
  private readonly openMinutes: number;
  private readonly closeMinutes: number;

  constructor(private readonly policy: Policy, readonly kind: CalendarKind) {
    this.openMinutes = minutesOf(policy.hours[kind].open);
    this.closeMinutes = minutesOf(policy.hours[kind].close);
    this.table = EMPTY; // built on first use, around the first instant asked about
  }

  /** True when `atMs` is within business hours of a working day (opening inclusive, closing exclusive). */
  isOpenAt(atMs: number): boolean {
    const i = this.indexOf(atMs);
    const t = this.table;
    return t.len[i]! > 0 && atMs >= t.open[i]! && atMs < t.open[i]! + t.len[i]!;
  }

  /** The earliest instant at or after `atMs` at which the center is open. */
  nextOpeningAt(atMs: number): number {
    const i = this.indexOf(atMs);
    const t = this.table;
    if (t.len[i]! > 0 && atMs < t.open[i]! + t.len[i]!) return Math.max(atMs, t.open[i]!);
    // nthOpenDay may grow the table: read `open` from the table it leaves, not from `t`.
    const j = this.nthOpenDay(t.ordinal[i]! + (t.len[i]! > 0 ? 1 : 0));
    return this.table.open[j]!;
  }

  /** Business time between two instants (negative when `toMs` is earlier). */
  elapsedMs(fromMs: number, toMs: number): number {
    this.indexOf(fromMs); // cover both before reading prefix sums: a rebuild would shift them
    this.indexOf(toMs);
    return this.position(toMs) - this.position(fromMs);
  }

  /**
   * The earliest instant by which `ms` of business time has passed since `atMs`; with `ms > 0`
   * it lies in (opening, closing] of a working day, so a target may fall due at closing time.
   */
  addMs(atMs: number, ms: number): number {
    if (ms < 0) throw new RangeError('business time to add must not be negative');
    if (ms === 0) return atMs;
    const target = this.position(atMs) + ms;
    let t = this.table;
    while (t.cum[t.cum.length - 1]! < target) t = this.extendTo(t.lastYear + 2);
    let lo = this.indexOf(atMs);
    let hi = t.cum.length - 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.cum[mid + 1]! >= target) hi = mid; else lo = mid + 1;
    }
    return t.open[lo]! + (target - t.cum[lo]!);
  }

  /**
   * The same business clock time `days` working days later; from the next opening when `atMs`
   * is outside business hours (design: Time). `days = 0` gives that opening.
   */
  addDays(atMs: number, days: number): number {
    const start = this.nextOpeningAt(atMs);
    const i = this.indexOf(start);
    const t0 = this.table;
    const offsetInDay = start - t0.open[i]!;
    const j = this.nthOpenDay(t0.ordinal[i]! + days);
    return this.table.open[j]! + offsetInDay;
  }

  /**
   * Closing instant of the working day `skipDays` working days after the day of `atMs` (that day
   * itself when 0), counting from the next working day when `atMs` falls on a closed day.
   * With `cutoff` (`HH:MM`), an instant at or after that local time starts counting a day later.
   */
  closingOfWorkingDay(atMs: number, skipDays: number, cutoff?: string): number {
    this.indexOf(atMs);
    // The exact local day: the shifted index reads 00:00-01:00 of summer time as the evening
    // before, which would give that evening's closing when skipDays is 0 and there is no cutoff.
    const offsets = this.table.offsets;
    const localDay = Math.floor((atMs + offsetAt(offsets, atMs)) / DAY_MS);
    const i = this.indexOf(wallToInstant(offsets, localDay * DAY_MS + this.openMinutes * MINUTE_MS));
    const t = this.table;
    const isWorkingDay = t.len[i]! > 0;
    const pastCutoff = cutoff !== undefined && atMs >= t.open[i]! + (minutesOf(cutoff) - this.openMinutes) * MINUTE_MS;
    const j = this.nthOpenDay(t.ordinal[i]! + skipDays + (isWorkingDay && pastCutoff ? 1 : 0));
    return this.table.open[j]! + this.table.len[j]!;
  }

  private position(atMs: number): number {
    const i = this.indexOf(atMs);
    const t = this.table;
    const into = atMs - t.open[i]!;
    return t.cum[i]! + (into <= 0 ? 0 : into >= t.len[i]! ? t.len[i]! : into);
  }

  private localDayIndex(atMs: number): number {
    return Math.floor((atMs + this.table.shiftMs) / DAY_MS) - this.table.firstDay;
  }

  private indexOf(atMs: number): number {
    let i = this.localDayIndex(atMs);
    while (!(i >= 0 && i < this.table.len.length)) {
      const year = Number.isFinite(atMs) ? yearOfDay(Math.floor((atMs + this.table.shiftMs) / DAY_MS)) : NaN;
      if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
        throw new DomainError('invalid-input', `instant outside the supported years ${MIN_YEAR}-${MAX_YEAR}`);
      }
      if (this.table === EMPTY) this.table = this.build(year, Math.min(year + 1, MAX_YEAR));
      else this.extendTo(year);
      i = this.localDayIndex(atMs);
    }
    return i;
  }

  /** Index of the n-th open day (0-based) of the table, extending it as needed. */
  private nthOpenDay(n: number): number {
    while (n >= this.table.openDays.length) this.extendTo(this.table.lastYear + 2);
    return this.table.openDays[n]!;
  }

  private extendTo(year: number): Table {
    if (this.table === EMPTY) throw new Error('calendar table extended before first use');
    if (year > MAX_YEAR) throw new DomainError('invalid-input', `date beyond the supported year ${MAX_YEAR}`);
    const first = yearOfDay(this.table.firstDay);
    // Rebuilding from the same first year keeps every index and prefix sum already handed out.
    this.table = this.build(Math.min(first, year), Math.max(this.table.lastYear, year));
    return this.table;
  }

  private build(fromYear: number, toYear: number): Table {
    const firstDay = firstDayOfYear(fromYear);
    const n = firstDayOfYear(toYear + 1) - firstDay;
    const closed = new Map<number, ClosedDay>();
    for (let y = fromYear; y <= toYear; y++) for (const [d, c] of computeClosedDays(y, this.policy)) closed.set(d, c);
    const offsets = zoneOffsets(this.policy.timeZone, (firstDay - 1) * DAY_MS, (firstDay + n + 1) * DAY_MS);
    const open = new Float64Array(n);
    const len = new Float64Array(n);
    const cum = new Float64Array(n + 1);
    const ordinal = new Int32Array(n + 1);
    const openDays: number[] = [];
    const openWall = this.openMinutes * MINUTE_MS;
    const closeWall = this.closeMinutes * MINUTE_MS;
    let next = 1; // the first zone change not before the day before this one
    for (let i = 0; i < n; i++) {
      const midnight = (firstDay + i) * DAY_MS;
      while (next < offsets.length && offsets[next]!.fromMs < midnight - DAY_MS) next++;
      // No change within a day either side: one offset for the whole day, without a lookup (cold start).
      const steady = next >= offsets.length || offsets[next]!.fromMs > midnight + 2 * DAY_MS;
      const offset = offsets[next - 1]!.offsetMs;
      open[i] = steady ? midnight + openWall - offset : wallToInstant(offsets, midnight + openWall);
      if (!closed.has(firstDay + i)) {
        len[i] = (steady ? midnight + closeWall - offset : wallToInstant(offsets, midnight + closeWall)) - open[i]!;
        openDays.push(i);
      }
      cum[i + 1] = cum[i]! + len[i]!;
      ordinal[i + 1] = openDays.length;
    }
    const shiftMs = Math.min(...offsets.map((o) => o.offsetMs));
    return { firstDay, lastYear: toYear, open, len, cum, ordinal, openDays: Int32Array.from(openDays), shiftMs, offsets };
  }
}

const calendars = new WeakMap<Policy, Map<CalendarKind, BusinessCalendar>>();

/** The (cached) business calendar of a policy; its table grows lazily, a year or two at a time. */
export function getBusinessCalendar(policy: Policy, kind: CalendarKind): BusinessCalendar {
  let byKind = calendars.get(policy);
  if (!byKind) calendars.set(policy, (byKind = new Map()));
  let cal = byKind.get(kind);
  if (!cal) byKind.set(kind, (cal = new BusinessCalendar(policy, kind)));
  return cal;
}
