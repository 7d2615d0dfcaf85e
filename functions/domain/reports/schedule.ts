import * as z from '../zod.js';
import type { Policy } from '../policy-defaults.js';
import { instantMs, toInstant } from '../calendar/business-time.js';
import { offsetAt, zoneOffsets, type ZoneOffsets } from '../calendar/time-zone.js';

/** R-RPT-1: how often a subscriber gets the periodic ticket report. */
export const ReportFrequencySchema = /* @__PURE__ */ z.schema(() => z.enum(['weekly', 'monthly']));
export type ReportFrequency = z.infer<typeof ReportFrequencySchema>;

/**
 * R-RPT-1: the EventBridge Scheduler expressions of the scheduled runs, read in the policy's
 * time zone (Asia/Jerusalem): Sunday 06:00 and the 1st of the month 06:00, as nextReportRunAt.
 */
export const REPORT_CRON: Record<ReportFrequency, string> = {
  weekly: 'cron(0 6 ? * SUN *)',
  monthly: 'cron(0 6 1 * ? *)',
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const RUN_WALL_MS = 6 * HOUR_MS; // runs at 06:00 local, after the period closed at midnight
const FIRST_SUNDAY = 3; // 1970-01-04, days since the epoch: the Israeli week starts on Sunday

/** The wall-clock reading (as if UTC, in ms) of the local midnight that starts period `k`. */
function boundaryWall(frequency: ReportFrequency, k: number): number {
  if (frequency === 'weekly') return (FIRST_SUNDAY + 7 * k) * DAY_MS;
  const year = Math.floor(k / 12);
  return Date.UTC(year, k - year * 12, 1);
}

/** The index of the period whose local start is on or before the wall-clock reading `wallMs`. */
function periodIndex(frequency: ReportFrequency, wallMs: number): number {
  if (frequency === 'weekly') return Math.floor((Math.floor(wallMs / DAY_MS) - FIRST_SUNDAY) / 7);
  const [year, month] = toInstant(wallMs).slice(0, 7).split('-').map(Number);
  return year! * 12 + month! - 1;
}

/**
 * The first instant whose wall reading is `wallMs`: the earlier one when a fall-back repeats it;
 * when a spring-forward skips it, the change itself (the first instant showing a later time).
 */
function localInstant(offsets: ZoneOffsets, wallMs: number): number {
  let first = Infinity;
  for (const { offsetMs } of offsets) {
    const t = wallMs - offsetMs;
    if (t < first && t + offsetAt(offsets, t) === wallMs) first = t;
  }
  if (first !== Infinity) return first;
  for (let i = 1; i < offsets.length; i++) {
    const change = offsets[i]!;
    if (change.fromMs + change.offsetMs > wallMs && change.fromMs + offsets[i - 1]!.offsetMs <= wallMs) return change.fromMs;
  }
  throw new Error(`no instant near wall clock ${toInstant(wallMs)}`); // unreachable with offsets covering wallMs
}

/** The instant of period `k`'s start (plus `shiftMs` of wall clock) in the zone of `offsets`, by k. */
const startsAt = (frequency: ReportFrequency, offsets: ZoneOffsets, shiftMs: number) => (k: number) =>
  localInstant(offsets, boundaryWall(frequency, k) + shiftMs);

/** The period index of `atMs` and the offsets around it: enough for the previous month and the next. */
function around(frequency: ReportFrequency, atMs: number, policy: Policy): { k: number; offsets: ZoneOffsets } {
  const offsets = zoneOffsets(policy.timeZone, atMs - 70 * DAY_MS, atMs + 70 * DAY_MS);
  return { k: periodIndex(frequency, atMs + offsetAt(offsets, atMs)), offsets };
}

/**
 * R-RPT-1: the last complete report period at `now`, in the policy's time zone: a week from
 * Sunday 00:00 to the next Sunday 00:00, or a calendar month from the 1st 00:00; `from`
 * inclusive, `to` exclusive, UTC instants. A period ending exactly at `now` is complete, so
 * `now` itself is not in it. A week across a DST change is 167 or 169 hours long.
 */
export function lastReportPeriod(frequency: ReportFrequency, now: string, policy: Policy): { from: string; to: string } {
  const nowMs = instantMs(now);
  const { k: k0, offsets } = around(frequency, nowMs, policy);
  const at = startsAt(frequency, offsets, 0);
  let k = k0;
  // Only a zone that falls back over midnight can put the wall date one period off; a step fixes it.
  while (at(k + 1) <= nowMs) k++;
  while (at(k) > nowMs) k--;
  return { from: toInstant(at(k - 1)), to: toInstant(at(k)) };
}

/**
 * R-RPT-1: the first scheduled report run strictly after `after`: Sunday 06:00 (weekly) or the
 * 1st of the month 06:00 (monthly) in the policy's time zone, as REPORT_CRON. A run at `r`
 * reports lastReportPeriod(frequency, r), the period that closed six hours before.
 */
export function nextReportRunAt(frequency: ReportFrequency, after: string, policy: Policy): string {
  const afterMs = instantMs(after);
  const { k: k0, offsets } = around(frequency, afterMs, policy);
  const runAt = startsAt(frequency, offsets, RUN_WALL_MS);
  let k = k0;
  while (runAt(k) <= afterMs) k++;
  while (runAt(k - 1) > afterMs) k--;
  return toInstant(runAt(k));
}
