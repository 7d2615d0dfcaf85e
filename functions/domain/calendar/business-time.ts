import { DomainError } from '../errors.js';
import type { BusinessCalendar } from './business-calendar.js';

const MINUTE_MS = 60_000;

/** An ISO-8601 date-time with its zone designator; without one, Date.parse reads local time. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of a UTC ISO-8601 instant; an unreadable or zone-less one is an `invalid-input` refusal. */
export function instantMs(at: string): number {
  const ms = ISO_INSTANT.test(at) ? Date.parse(at) : NaN;
  if (!Number.isFinite(ms)) throw new DomainError('invalid-input', `not an ISO-8601 instant: ${at}`);
  return ms;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * UTC ISO-8601 with milliseconds and `Z`, as every edge wants it: exactly `toISOString()` for
 * years 0-9999, built from UTC fields because toISOString is most of a deadline's cost.
 */
export function toInstant(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return d.toISOString(); // throws on an invalid instant, as before
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z`;
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
