import { DomainError } from '../errors.js';
import type { BusinessCalendar } from './business-calendar.js';

const MINUTE_MS = 60_000;

/** An ISO-8601 date-time with its zone designator; without one, Date.parse reads local time. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const DAY_MS = 86_400_000;
/** Years 1000-9999: four digits, no sign, where the fast reader and writer below apply. */
const FAST_FROM_MS = Date.UTC(1000, 0, 1);
const FAST_TO_MS = Date.UTC(10000, 0, 1);

/** Days since 1970-01-01 of a proleptic Gregorian date, year >= 0 (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The number in `n` decimal digits at `at[i]`, or -1 when one is not a digit. */
function digits(at: string, i: number, n: number): number {
  let value = 0;
  for (let k = i; k < i + n; k++) {
    const d = at.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Epoch ms of exactly `YYYY-MM-DDTHH:MM:SS.sssZ` (what every edge writes) with a real date and
 * time, years 1000-9999; NaN for anything else, which the general reader then takes.
 */
function readCanonical(at: string): number {
  if (at.length !== 24 || at[4] !== '-' || at[7] !== '-' || at[10] !== 'T' || at[13] !== ':' || at[16] !== ':' || at[19] !== '.' || at[23] !== 'Z') return NaN;
  const year = digits(at, 0, 4);
  const month = digits(at, 5, 2);
  const day = digits(at, 8, 2);
  const hour = digits(at, 11, 2);
  const minute = digits(at, 14, 2);
  const second = digits(at, 17, 2);
  const milli = digits(at, 20, 3);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) return NaN;
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && isLeap(year) ? 1 : 0)) return NaN;
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
}

/** Epoch ms of a UTC ISO-8601 instant; an unreadable or zone-less one is an `invalid-input` refusal. */
export function instantMs(at: string): number {
  const canonical = readCanonical(at);
  if (canonical === canonical) return canonical; // not NaN
  const ms = ISO_INSTANT.test(at) ? Date.parse(at) : NaN;
  if (!Number.isFinite(ms)) throw new DomainError('invalid-input', `not an ISO-8601 instant: ${at}`);
  return ms;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/**
 * UTC ISO-8601 with milliseconds and `Z`, as every edge wants it: exactly `toISOString()`, built
 * by arithmetic (H. Hinnant's civil_from_days) for years 1000-9999, because toISOString is most
 * of a deadline's cost.
 */
export function toInstant(ms: number): string {
  if (!(ms >= FAST_FROM_MS && ms < FAST_TO_MS) || ms !== Math.floor(ms)) return new Date(ms).toISOString(); // throws on an invalid instant
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** R-CAL-1: whether the center is open at `at`. */
export const isOpenAt = (cal: BusinessCalendar, at: string): boolean => cal.isOpenAt(instantMs(at));

/** The earliest instant at or after `at` when the center is open. */
export const nextOpeningAt = (cal: BusinessCalendar, at: string): string => toInstant(cal.nextOpeningAt(instantMs(at)));

/**
 * `minutes` business minutes after `at`: the earliest instant by which that much business time
 * has passed, so it may be a closing time (17:00), never an opening time, when minutes > 0.
 */
export const addBusinessMinutes = (cal: BusinessCalendar, at: string, minutes: number): string =>
  toInstant(cal.addMs(instantMs(at), minutes * MINUTE_MS));

/** `hours` business hours after `at` (see addBusinessMinutes). */
export const addBusinessHours = (cal: BusinessCalendar, at: string, hours: number): string =>
  toInstant(cal.addMs(instantMs(at), hours * 60 * MINUTE_MS));

/**
 * The same business clock time `days` working days after `at`, counted from the next opening
 * when `at` is outside business hours (so 18:00 Thursday + 2 days is 08:30 Tuesday).
 */
export const addBusinessDays = (cal: BusinessCalendar, at: string, days: number): string =>
  toInstant(cal.addDays(instantMs(at), days));

/** Business minutes from `from` to `to` (negative when `to` is earlier); fractional below a minute. */
export const businessMinutesBetween = (cal: BusinessCalendar, from: string, to: string): number =>
  cal.elapsedMs(instantMs(from), instantMs(to)) / MINUTE_MS;
