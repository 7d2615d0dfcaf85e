import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar, computeClosedDays, getBusinessCalendar, type CalendarKind,
} from '../../../functions/domain/calendar/index.js';
import { defaultPolicy } from '../../../functions/domain/policy.js';
import {
  ANCHOR_EXAMPLES, aDurationMs, anInstant, DAY_MS, DST_CHANGES, HOLIDAYS_AND_EVES, HOUR_MS, MINUTE_MS, SEED, YEAR_STARTS,
} from '../../fixtures/calendar-instants.js';
import { jerusalemWall } from '../../fixtures/wall-clock.js';

const KINDS: readonly CalendarKind[] = ['basic', 'extended'];
const HOURS = { basic: { open: 8.5 * HOUR_MS, close: 17 * HOUR_MS }, extended: { open: 8 * HOUR_MS, close: 20 * HOUR_MS } };
const closedDays = new Set([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031].flatMap((y) => [...computeClosedDays(y, defaultPolicy).keys()]));
const RUNS = 2000;
const run = (prop: fc.IRawProperty<unknown[]>, examples: unknown[][] = [], numRuns = RUNS) =>
  fc.assert(prop, { seed: SEED, numRuns, examples });

/** Fixed examples: every anchor (DST change, holiday, eve) with the charter's targets. */
const anchorExamples = (durations: number[]) => ANCHOR_EXAMPLES.flatMap((t) => durations.map((d) => [t, d]));

describe('the fields the generators are built from', () => {
  it('hold the 12 DST changes of 2025-2030 and every holiday and eve', () => {
    // Spring: Friday 02:00 winter time (00:00 UTC); autumn: the last Sunday of October, 02:00 summer time (23:00 UTC Saturday).
    expect(DST_CHANGES.map((t) => new Date(t).toISOString().slice(0, 16))).toEqual([
      '2025-03-28T00:00', '2025-10-25T23:00', '2026-03-27T00:00', '2026-10-24T23:00', '2027-03-26T00:00', '2027-10-30T23:00',
      '2028-03-24T00:00', '2028-10-28T23:00', '2029-03-23T00:00', '2029-10-27T23:00', '2030-03-29T00:00', '2030-10-26T23:00',
    ]);
    expect(HOLIDAYS_AND_EVES.length).toBe(6 * 16);
  });
});

describe.each(KINDS)('R-CAL-1, R-CAL-3: business-time laws of the %s calendar over 2025-2030', (kind) => {
  const cal = getBusinessCalendar(defaultPolicy, kind);
  const { open, close } = HOURS[kind];
  const dayMs = close - open;

  it('addMs (ms > 0) lands in (opening, closing] of a working day, read from Intl', () => {
    run(fc.property(anInstant(), aDurationMs(), (t, ms) => {
      const r = cal.addMs(t, ms);
      const w = jerusalemWall(r);
      return !closedDays.has(w.day) && w.msOfDay > open && w.msOfDay <= close;
    }), anchorExamples([1, 180 * MINUTE_MS, dayMs]));
  });

  it('addMs is the earliest such instant: elapsed(t, addMs(t, h)) = h, and a millisecond earlier is short', () => {
    run(fc.property(anInstant(), aDurationMs(), (t, h) => {
      const r = cal.addMs(t, h);
      return cal.elapsedMs(t, r) === h && cal.elapsedMs(t, r - 1) === h - 1;
    }), anchorExamples([1, 270 * MINUTE_MS, 3 * dayMs]));
  });

  it('addMs composes: add(t, a + b) = add(add(t, a), b)', () => {
    run(fc.property(anInstant(), aDurationMs(), aDurationMs(), (t, a, b) => cal.addMs(t, a + b) === cal.addMs(cal.addMs(t, a), b)));
  });

  it('addMs(t, 0) = t', () => {
    run(fc.property(anInstant(), (t) => cal.addMs(t, 0) === t));
  });

  it('elapsedMs is antisymmetric and additive', () => {
    run(fc.property(anInstant(), anInstant(), anInstant(), (a, b, c) =>
      cal.elapsedMs(a, b) === -cal.elapsedMs(b, a) && cal.elapsedMs(a, c) === cal.elapsedMs(a, b) + cal.elapsedMs(b, c)));
  });

  it('is monotonic in the start, the duration and the end', () => {
    run(fc.property(anInstant(), anInstant(), aDurationMs(), aDurationMs(), (t1, t2, h1, h2) => {
      const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
      const [g, h] = h1 <= h2 ? [h1, h2] : [h2, h1];
      return cal.addMs(a, h) <= cal.addMs(b, h) && cal.addMs(a, g) <= cal.addMs(a, h)
        && cal.elapsedMs(a, b) >= 0 && cal.addDays(a, 1) <= cal.addDays(b, 1) && cal.nextOpeningAt(a) <= cal.nextOpeningAt(b);
    }));
  });

  it('nextOpeningAt is t when open, else the first open instant after it', () => {
    run(fc.property(anInstant(), (t) => {
      const n = cal.nextOpeningAt(t);
      const w = jerusalemWall(n);
      const openThere = !closedDays.has(w.day) && w.msOfDay >= open && w.msOfDay < close;
      return openThere && cal.isOpenAt(n) && (cal.isOpenAt(t) ? n === t : n > t && w.msOfDay === open && cal.elapsedMs(t, n) === 0);
    }), ANCHOR_EXAMPLES.map((t) => [t]));
  });

  it('isOpenAt agrees with the wall clock read from Intl', () => {
    run(fc.property(anInstant(), (t) => {
      const w = jerusalemWall(t);
      return cal.isOpenAt(t) === (!closedDays.has(w.day) && w.msOfDay >= open && w.msOfDay < close);
    }), ANCHOR_EXAMPLES.map((t) => [t]));
  });

  it('addDays lands on a working day at the clock time of the next opening, n full days of business later', () => {
    run(fc.property(anInstant(), fc.integer({ min: 0, max: 12 }), (t, n) => {
      const start = cal.nextOpeningAt(t);
      const r = cal.addDays(t, n);
      const w = jerusalemWall(r);
      return !closedDays.has(w.day) && w.msOfDay === jerusalemWall(start).msOfDay
        && cal.isOpenAt(r) && cal.elapsedMs(start, r) === n * dayMs
        && (n === 0 ? r === start : w.day > jerusalemWall(start).day);
    }), ANCHOR_EXAMPLES.flatMap((t) => [[t, 0], [t, 1], [t, 6]]));
  });

  it('closingOfWorkingDay gives the closing of the right working day, read from Intl', () => {
    const workingDayFrom = (day: number, skip: number): number => {
      while (closedDays.has(day)) day++;
      for (let left = skip; left > 0; left--) do day++; while (closedDays.has(day));
      return day;
    };
    run(fc.property(anInstant(), fc.integer({ min: 0, max: 7 }), fc.constantFrom(undefined, '12:00'), (t, skip, cutoff) => {
      const r = cal.closingOfWorkingDay(t, skip, cutoff);
      const today = jerusalemWall(t);
      const pastCutoff = cutoff !== undefined && !closedDays.has(today.day) && today.msOfDay >= 12 * HOUR_MS;
      const w = jerusalemWall(r);
      return w.day === workingDayFrom(today.day, skip + (pastCutoff ? 1 : 0)) && w.msOfDay === close;
    }), ANCHOR_EXAMPLES.flatMap((t) => [[t, 0, undefined], [t, 0, '12:00'], [t, 2, undefined]]));
  });

  it('a fresh calendar, growing its table lazily from another year, gives the same answers', () => {
    const nearNewYear = fc.tuple(fc.constantFrom(...YEAR_STARTS), fc.integer({ min: -36 * HOUR_MS, max: 36 * HOUR_MS })).map(([y, d]) => y + d);
    const firstAndThen = fc.tuple(fc.oneof(anInstant(), nearNewYear), fc.integer({ min: -2, max: 1 }))
      .map(([t, years]): [number, number] => [t + years * 365 * DAY_MS, t]);
    // The last evening of each table a first instant would build, whatever the weekday.
    const examples = YEAR_STARTS.flatMap((y) => [-30, -12, -2].map((h) => [[y + h * HOUR_MS - 365 * DAY_MS, y + h * HOUR_MS], 180 * MINUTE_MS]));
    run(fc.property(firstAndThen, aDurationMs(), ([first, t], h) => {
      const fresh = new BusinessCalendar(defaultPolicy, kind);
      fresh.isOpenAt(first); // builds its table around another instant, up to two years away
      return fresh.nextOpeningAt(t) === cal.nextOpeningAt(t) && fresh.addMs(t, h) === cal.addMs(t, h)
        && fresh.addDays(t, 2) === cal.addDays(t, 2) && fresh.elapsedMs(first, t) === cal.elapsedMs(first, t)
        && fresh.closingOfWorkingDay(t, 1) === cal.closingOfWorkingDay(t, 1);
    }), examples, 300);
  });
});
