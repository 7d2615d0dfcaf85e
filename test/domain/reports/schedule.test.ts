import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../../functions/domain/index.js';
import {
  lastReportPeriod, nextReportRunAt, REPORT_CRON, ReportFrequencySchema, type ReportFrequency,
} from '../../../functions/domain/reports/schedule.js';

// Israel 2026: winter UTC+2, summer UTC+3 from Fri 27 March 02:00 to Sun 25 October 02:00 (back to 01:00).
const SUN_22_MAR_0000 = '2026-03-21T22:00:00.000Z'; // +2
const SUN_22_MAR_0600 = '2026-03-22T04:00:00.000Z';
const FRI_27_MAR_0300 = '2026-03-27T00:00:00.000Z'; // the first summer-time instant
const SUN_29_MAR_0000 = '2026-03-28T21:00:00.000Z'; // +3: the week before was 167 hours
const SUN_29_MAR_0600 = '2026-03-29T03:00:00.000Z';
const SUN_18_OCT_0000 = '2026-10-17T21:00:00.000Z';
const SUN_25_OCT_0000 = '2026-10-24T21:00:00.000Z'; // still +3: the clocks go back at 02:00
const SUN_25_OCT_0130_SUMMER = '2026-10-24T22:30:00.000Z'; // 01:30 the first time
const SUN_25_OCT_0130_WINTER = '2026-10-24T23:30:00.000Z'; // 01:30 again, an hour later
const SUN_25_OCT_0600 = '2026-10-25T04:00:00.000Z'; // +2
const SUN_1_NOV_0000 = '2026-10-31T22:00:00.000Z'; // the week before was 169 hours
const FEB_1_0000 = '2026-01-31T22:00:00.000Z';
const MAR_1_0000 = '2026-02-28T22:00:00.000Z';
const APR_1_0000 = '2026-03-31T21:00:00.000Z';
const APR_1_0600 = '2026-04-01T03:00:00.000Z';
const OCT_1_0000 = '2026-09-30T21:00:00.000Z';
const NOV_1_0000 = SUN_1_NOV_0000;
const NOV_1_0600 = '2026-11-01T04:00:00.000Z';
const DEC_1_0000 = '2026-11-30T22:00:00.000Z';
const DEC_1_0600 = '2026-12-01T04:00:00.000Z';
const JAN_1_2027_0000 = '2026-12-31T22:00:00.000Z';
const JAN_1_2027_0600 = '2027-01-01T04:00:00.000Z';
const SUN_27_DEC_0000 = '2026-12-26T22:00:00.000Z';
const SUN_3_JAN_2027_0000 = '2027-01-02T22:00:00.000Z';
const SUN_3_JAN_2027_0600 = '2027-01-03T04:00:00.000Z';

const ms = (at: string) => Date.parse(at);
const shift = (at: string, deltaMs: number) => new Date(ms(at) + deltaMs).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const weekly = (now: string) => lastReportPeriod('weekly', now, defaultPolicy);
const monthly = (now: string) => lastReportPeriod('monthly', now, defaultPolicy);

describe('R-RPT-1: a weekly report covers the last whole Israeli week, Sunday 00:00 to Sunday 00:00', () => {
  it('reports the week that ended at the last Sunday midnight, Israel time', () => {
    expect(weekly('2026-06-10T09:00:00.000Z')).toEqual({ from: '2026-05-30T21:00:00.000Z', to: '2026-06-06T21:00:00.000Z' });
  });
  it('counts a week that ends exactly now as complete, and one a millisecond short as not', () => {
    expect(weekly(SUN_29_MAR_0000)).toEqual({ from: SUN_22_MAR_0000, to: SUN_29_MAR_0000 });
    expect(weekly(shift(SUN_29_MAR_0000, -1))).toEqual({ from: shift(SUN_22_MAR_0000, -7 * DAY), to: SUN_22_MAR_0000 });
  });
  it('gives the week of the spring change (Fri 27 March 2026) 167 hours', () => {
    const week = weekly(SUN_29_MAR_0600);
    expect(week).toEqual({ from: SUN_22_MAR_0000, to: SUN_29_MAR_0000 });
    expect(ms(week.to) - ms(week.from)).toBe(167 * HOUR);
    expect(weekly(FRI_27_MAR_0300)).toEqual({ from: shift(SUN_22_MAR_0000, -7 * DAY), to: SUN_22_MAR_0000 });
  });
  it('gives the week of the autumn change (Sun 25 October 2026) 169 hours, whichever 01:30 it is', () => {
    expect(weekly(SUN_25_OCT_0130_SUMMER)).toEqual({ from: SUN_18_OCT_0000, to: SUN_25_OCT_0000 });
    expect(weekly(SUN_25_OCT_0130_WINTER)).toEqual({ from: SUN_18_OCT_0000, to: SUN_25_OCT_0000 });
    const week = weekly(SUN_1_NOV_0000);
    expect(week).toEqual({ from: SUN_25_OCT_0000, to: SUN_1_NOV_0000 });
    expect(ms(week.to) - ms(week.from)).toBe(169 * HOUR);
  });
  it('crosses the year end', () => {
    expect(weekly(SUN_3_JAN_2027_0600)).toEqual({ from: SUN_27_DEC_0000, to: SUN_3_JAN_2027_0000 });
    expect(weekly(JAN_1_2027_0600)).toEqual({ from: shift(SUN_27_DEC_0000, -7 * DAY), to: SUN_27_DEC_0000 });
  });
  it('does not count a Sunday that is still Saturday night in Israel (21:30 UTC in summer is 00:30 Sunday; 20:30 is not)', () => {
    expect(weekly('2026-06-06T21:30:00.000Z').to).toBe('2026-06-06T21:00:00.000Z');
    expect(weekly('2026-06-06T20:30:00.000Z').to).toBe('2026-05-30T21:00:00.000Z');
  });
});

describe('R-RPT-1: a monthly report covers the last whole calendar month, Israel time', () => {
  it('reports the month before, from the 1st 00:00 to the next 1st 00:00', () => {
    expect(monthly('2026-03-15T10:00:00.000Z')).toEqual({ from: FEB_1_0000, to: MAR_1_0000 });
  });
  it('gives March 2026 (spring change) 743 hours and October 2026 (autumn change) 745', () => {
    const march = monthly(APR_1_0600);
    expect(march).toEqual({ from: MAR_1_0000, to: APR_1_0000 });
    expect(ms(march.to) - ms(march.from)).toBe((31 * 24 - 1) * HOUR);
    const october = monthly(NOV_1_0600);
    expect(october).toEqual({ from: OCT_1_0000, to: NOV_1_0000 });
    expect(ms(october.to) - ms(october.from)).toBe((31 * 24 + 1) * HOUR);
  });
  it('counts a month that ends exactly now as complete, and one a millisecond short as not', () => {
    expect(monthly(APR_1_0000)).toEqual({ from: MAR_1_0000, to: APR_1_0000 });
    expect(monthly(shift(APR_1_0000, -1))).toEqual({ from: FEB_1_0000, to: MAR_1_0000 });
  });
  it('crosses the year end: on 1 January 2027 Israel time (still 31 December UTC) December is complete', () => {
    expect(monthly(JAN_1_2027_0000)).toEqual({ from: DEC_1_0000, to: JAN_1_2027_0000 });
    expect(monthly('2026-12-31T21:59:59.999Z')).toEqual({ from: '2026-10-31T22:00:00.000Z', to: DEC_1_0000 });
    expect(monthly('2027-01-31T21:59:59.999Z')).toEqual({ from: DEC_1_0000, to: JAN_1_2027_0000 }); // 31 January 23:59:59.999 local
  });
  it('handles February, 28 and 29 days long', () => {
    expect(monthly('2026-03-02T12:00:00.000Z')).toEqual({ from: FEB_1_0000, to: MAR_1_0000 });
    expect(monthly('2028-03-02T12:00:00.000Z')).toEqual({ from: '2028-01-31T22:00:00.000Z', to: '2028-02-29T22:00:00.000Z' });
  });
});

describe('R-RPT-1: scheduled reports run on Sunday 06:00 (weekly) and the 1st 06:00 (monthly), Israel time', () => {
  it('exports the EventBridge cron expressions of those runs', () => {
    expect(REPORT_CRON).toEqual({ weekly: 'cron(0 6 ? * SUN *)', monthly: 'cron(0 6 1 * ? *)' });
    expect(ReportFrequencySchema.options).toEqual(['weekly', 'monthly']);
  });
  it('runs weekly on Sunday 06:00 local, across both 2026 changes', () => {
    expect(nextReportRunAt('weekly', '2026-03-24T12:00:00.000Z', defaultPolicy)).toBe(SUN_29_MAR_0600);
    expect(nextReportRunAt('weekly', SUN_25_OCT_0130_WINTER, defaultPolicy)).toBe(SUN_25_OCT_0600);
    expect(nextReportRunAt('weekly', '2026-12-31T12:00:00.000Z', defaultPolicy)).toBe(SUN_3_JAN_2027_0600);
  });
  it('is strictly after `after`: a run time gives the next run, a millisecond before gives itself', () => {
    expect(nextReportRunAt('weekly', SUN_22_MAR_0600, defaultPolicy)).toBe(SUN_29_MAR_0600);
    expect(nextReportRunAt('weekly', shift(SUN_22_MAR_0600, -1), defaultPolicy)).toBe(SUN_22_MAR_0600);
    expect(nextReportRunAt('monthly', APR_1_0600, defaultPolicy)).toBe('2026-05-01T03:00:00.000Z');
    expect(nextReportRunAt('monthly', shift(APR_1_0600, -1), defaultPolicy)).toBe(APR_1_0600);
  });
  it('runs monthly on the 1st 06:00 local, after midnight of the 1st too, and over the year end', () => {
    expect(nextReportRunAt('monthly', '2026-03-10T12:00:00.000Z', defaultPolicy)).toBe(APR_1_0600);
    expect(nextReportRunAt('monthly', NOV_1_0000, defaultPolicy)).toBe(NOV_1_0600);
    expect(nextReportRunAt('monthly', '2026-11-15T12:00:00.000Z', defaultPolicy)).toBe(DEC_1_0600);
    expect(nextReportRunAt('monthly', DEC_1_0600, defaultPolicy)).toBe(JAN_1_2027_0600);
  });
  it('reports at each run the period that closed six hours before', () => {
    expect(weekly(SUN_25_OCT_0600)).toEqual({ from: SUN_18_OCT_0000, to: SUN_25_OCT_0000 });
    expect(monthly(JAN_1_2027_0600)).toEqual({ from: DEC_1_0000, to: JAN_1_2027_0000 });
  });
  it('refuses an instant without a zone', () => {
    expect(() => weekly('2026-06-10T09:00:00')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => nextReportRunAt('monthly', 'yesterday', defaultPolicy)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

// An oracle independent of the code under test: the wall clock read through Intl in the zone.
const formats = new Map<string, Intl.DateTimeFormat>();
function wallOf(timeZone: string, atMs: number): { date: string; day: number; hour: number; minute: number; second: number } {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  const p = Object.fromEntries(f.formatToParts(atMs).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}
/** The period a wall date is in: weeks counted from Sunday 4 January 1970, months from year 0. */
function periodOf(frequency: ReportFrequency, date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return frequency === 'weekly' ? Math.floor((Date.UTC(y, m - 1, d) / DAY - 3) / 7) : y * 12 + m - 1;
}
const isFirstDay = (frequency: ReportFrequency, date: string) =>
  frequency === 'monthly' ? date.endsWith('-01') : periodOf('weekly', date) !== periodOf('weekly', new Date(Date.parse(`${date}T00:00:00Z`) - DAY).toISOString().slice(0, 10));

// Instants anywhere in 1971-2199, and many near the 2026 changes, month ends and the year end.
const anyMs = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2199, 0, 1) });
const nearMs = fc.tuple(fc.constantFrom(FRI_27_MAR_0300, SUN_25_OCT_0000, SUN_25_OCT_0600, APR_1_0000, NOV_1_0000, JAN_1_2027_0000, JAN_1_2027_0600), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
  .map(([at, delta]) => ms(at) + delta);
const nearHourMs = fc.tuple(nearMs, fc.constantFrom(-1, 0, 1)).map(([t, d]) => Math.round(t / HOUR) * HOUR + d); // on and beside whole hours
const instant = fc.oneof(anyMs, nearMs, nearHourMs).map((t) => new Date(t).toISOString());
const frequency = fc.constantFrom<ReportFrequency>('weekly', 'monthly');

describe('periods in a zone whose clocks change at midnight (the policy may name another zone)', () => {
  it('starts the week at the change when Sunday 00:00 is skipped (Santiago, 6 September 2026)', () => {
    const santiago = { ...defaultPolicy, timeZone: 'America/Santiago' };
    expect(lastReportPeriod('weekly', '2026-09-07T12:00:00.000Z', santiago)).toEqual({ from: '2026-08-30T04:00:00.000Z', to: '2026-09-06T04:00:00.000Z' });
    expect(nextReportRunAt('weekly', '2026-09-05T12:00:00.000Z', santiago)).toBe('2026-09-06T09:00:00.000Z');
  });
  it('starts the week at the first Sunday 00:00 when it repeats (Havana, 1 November 2026)', () => {
    const havana = { ...defaultPolicy, timeZone: 'America/Havana' };
    const week = { from: '2026-10-25T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' };
    expect(lastReportPeriod('weekly', '2026-11-01T04:30:00.000Z', havana)).toEqual(week); // 00:30 the first time
    expect(lastReportPeriod('weekly', '2026-11-01T05:30:00.000Z', havana)).toEqual(week); // 00:30 again
  });
});

// Jerusalem is the charter's; Santiago skips Sunday midnight in September, Havana repeats Sunday 00:00-01:00 in November.
describe.each(['Asia/Jerusalem', 'America/Santiago', 'America/Havana'])('R-RPT-1: periods and runs in %s, for any instant', (timeZone) => {
  const policy: Policy = { ...defaultPolicy, timeZone };
  const period = (f: ReportFrequency, atMs: number) => periodOf(f, wallOf(timeZone, atMs).date);

  it('R-RPT-1: the last period ends at or before now, it is whole, and the next one is not complete yet', () => {
    fc.assert(fc.property(frequency, instant, (f, now) => {
      const { from, to } = lastReportPeriod(f, now, policy);
      const [fromMs, toMs, nowMs] = [ms(from), ms(to), ms(now)];
      expect(toMs).toBeLessThanOrEqual(nowMs);
      expect(period(f, nowMs)).toBe(period(f, toMs)); // now is still in the period that starts at `to`
      expect(period(f, toMs)).toBe(period(f, toMs - 1) + 1); // `to` is exactly where a period starts
      expect(period(f, fromMs)).toBe(period(f, toMs) - 1);
      expect(period(f, fromMs)).toBe(period(f, fromMs - 1) + 1);
    }), { numRuns: 300 });
  });

  it('R-RPT-1: the next run is strictly after `after`, on the first day of a period at 06:00, and no run lies between', () => {
    fc.assert(fc.property(frequency, instant, (f, after) => {
      const run = nextReportRunAt(f, after, policy);
      const [runMs, afterMs] = [ms(run), ms(after)];
      expect(runMs).toBeGreaterThan(afterMs);
      const wall = wallOf(timeZone, runMs);
      expect([isFirstDay(f, wall.date), wall.hour, wall.minute, wall.second, runMs % 1000]).toEqual([true, 6, 0, 0, 0]);
      // The run of `after`'s own period is still to come only before 06:00 on its first day.
      const a = wallOf(timeZone, afterMs);
      const runOfOwnPeriodAhead = isFirstDay(f, a.date) && a.hour < 6;
      expect(period(f, runMs)).toBe(period(f, afterMs) + (runOfOwnPeriodAhead ? 0 : 1));
      expect(nextReportRunAt(f, new Date(afterMs + Math.floor((runMs - afterMs) / 2)).toISOString(), policy)).toBe(run);
      expect(nextReportRunAt(f, new Date(runMs - 1).toISOString(), policy)).toBe(run);
      // A run reports the period that closed at the start of its first day, 5 to 7 hours before (DST).
      const reported = ms(lastReportPeriod(f, run, policy).to);
      expect(period(f, reported)).toBe(period(f, runMs));
      expect(runMs - reported).toBeGreaterThanOrEqual(5 * HOUR);
      expect(runMs - reported).toBeLessThanOrEqual(7 * HOUR);
    }), { numRuns: 300 });
  });
});

describe('R-RPT-1: the same periods and runs whatever the local time zone of the process', () => {
  const sample = [FRI_27_MAR_0300, SUN_25_OCT_0130_SUMMER, SUN_25_OCT_0130_WINTER, JAN_1_2027_0000, '2026-12-31T21:59:59.999Z'];
  const script = `
    import { lastReportPeriod, nextReportRunAt } from './functions/domain/reports/schedule.ts';
    import { defaultPolicy } from './functions/domain/index.ts';
    const out = ${JSON.stringify(sample)}.flatMap((at) => ['weekly', 'monthly'].map((f) => [lastReportPeriod(f, at, defaultPolicy), nextReportRunAt(f, at, defaultPolicy)]));
    process.stdout.write(JSON.stringify(out));`;
  const here = sample.flatMap((at) => (['weekly', 'monthly'] as const).map((f) => [lastReportPeriod(f, at, defaultPolicy), nextReportRunAt(f, at, defaultPolicy)]));

  it.each(['UTC', 'America/Santiago'])('gives the same answers under TZ=%s', (tz) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      cwd: fileURLToPath(new URL('../../../', import.meta.url)), env: { ...process.env, TZ: tz }, encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual(here);
  });
});
