import fc from 'fast-check';
import { describe, it } from 'vitest';
import { getBusinessCalendar, type CalendarKind } from '../../../functions/domain/calendar/index.js';
import { defaultPolicy } from '../../../functions/domain/policy.js';
import { aMinute, ANCHORS, DAY_MS, FROM_MS, HOUR_MS, MINUTE_MS, SEED, TO_MS } from '../../fixtures/calendar-instants.js';
import { MinuteWallClock, NaiveCalendar } from '../../fixtures/naive-calendar.js';

// The fast calendar against a minute-by-minute walk that reads Intl for every minute.
const wall = new MinuteWallClock('Asia/Jerusalem', FROM_MS - 7 * DAY_MS, TO_MS + 21 * DAY_MS);
const KINDS: readonly CalendarKind[] = ['basic', 'extended'];
const RUNS = 1500;

const aBusinessMinutes = fc.oneof(
  fc.integer({ min: 1, max: 36 * 60 }), // up to three extended business days
  fc.constantFrom(1, 180, 270, 360, 510, 720, 1020, 1530),
);
/** Every anchor (DST change, holiday, eve, New Year) and a few minutes and hours either side. */
const anchorMinutes = ANCHORS.flatMap((a) => [-25 * HOUR_MS, -MINUTE_MS, 0, 9 * HOUR_MS].map((d) => a + d));
const check = (label: string, fast: number | boolean, naive: number | boolean, args: unknown[]): void => {
  if (fast !== naive) {
    const show = (v: number | boolean) => (typeof v === 'number' ? new Date(v).toISOString() : String(v));
    throw new Error(`${label}(${args.map((a) => (typeof a === 'number' && a > FROM_MS / 2 ? new Date(a).toISOString() : String(a))).join(', ')}): fast ${show(fast)}, naive ${show(naive)}`);
  }
};

describe.each(KINDS)('R-CAL-1, R-CAL-2, R-CAL-3: the %s calendar agrees with a minute-by-minute walk over 2025-2030', (kind) => {
  const fast = getBusinessCalendar(defaultPolicy, kind);
  const naive = new NaiveCalendar(defaultPolicy, kind, wall);

  it('addMs and elapsedMs', () => {
    fc.assert(fc.property(aMinute(), aBusinessMinutes, aMinute(), (t, minutes, u) => {
      const ms = minutes * MINUTE_MS;
      const r = fast.addMs(t, ms);
      check('addMs', r, naive.addMs(t, ms), [t, minutes]);
      check('elapsedMs', fast.elapsedMs(t, r), naive.elapsedMs(t, r), [t, r]);
      const near = t + ((u - FROM_MS) % (4 * DAY_MS)) - 2 * DAY_MS; // another instant within two days
      check('elapsedMs', fast.elapsedMs(t, near), naive.elapsedMs(t, near), [t, near]);
    }), { seed: SEED, numRuns: RUNS, examples: anchorMinutes.map((t) => [t, 180, t + DAY_MS]) });
  });

  it('addDays, nextOpeningAt and isOpenAt', () => {
    fc.assert(fc.property(aMinute(), fc.integer({ min: 0, max: 6 }), (t, n) => {
      check('isOpenAt', fast.isOpenAt(t), naive.isOpenAt(t), [t]);
      check('nextOpeningAt', fast.nextOpeningAt(t), naive.nextOpeningAt(t), [t]);
      check('addDays', fast.addDays(t, n), naive.addDays(t, n), [t, n]);
    }), { seed: SEED, numRuns: RUNS, examples: anchorMinutes.flatMap((t) => [[t, 0], [t, 1], [t, 3]]) });
  });

  it('closingOfWorkingDay, with and without a cutoff', () => {
    fc.assert(fc.property(aMinute(), fc.integer({ min: 0, max: 4 }), fc.constantFrom(undefined, '12:00'), (t, skip, cutoff) => {
      check('closingOfWorkingDay', fast.closingOfWorkingDay(t, skip, cutoff), naive.closingOfWorkingDay(t, skip, cutoff), [t, skip, cutoff]);
    }), { seed: SEED, numRuns: RUNS, examples: anchorMinutes.flatMap((t): [number, number, '12:00' | undefined][] => [[t, 0, undefined], [t, 1, '12:00']]) });
  });
});
