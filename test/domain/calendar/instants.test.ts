import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs, toInstant } from '../../../functions/domain/calendar/index.js';

const SEED = 20261125;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** What instantMs answered before it had a fast path: the reference. */
const reference = (at: string): number | 'refused' => {
  const ms = ISO_INSTANT.test(at) ? Date.parse(at) : NaN;
  return Number.isFinite(ms) ? ms : 'refused';
};
const answer = (at: string): number | 'refused' => {
  try {
    return instantMs(at);
  } catch {
    return 'refused';
  }
};
const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('instants at the edges: the fast reader and writer agree with Date exactly', () => {
  it('toInstant is toISOString for any whole millisecond, years -10000 to 12000', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(-10000, 0, 1), max: Date.UTC(12000, 0, 1) }), (ms) => {
      expect(toInstant(ms)).toBe(new Date(ms).toISOString());
    }), { seed: SEED, numRuns: 5000 });
    for (const ms of [0, -1, Date.UTC(1000, 0, 1), Date.UTC(1000, 0, 1) - 1, Date.UTC(10000, 0, 1) - 1, Date.UTC(10000, 0, 1), Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1)]) {
      expect(toInstant(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => toInstant(NaN)).toThrow(RangeError);
  });

  it('instantMs reads toInstant back for any instant of years 0-9999 (the four-digit ones)', () => {
    fc.assert(fc.property(fc.integer({ min: Date.parse('0000-01-01T00:00:00Z'), max: Date.UTC(10000, 0, 1) - 1 }), (ms) => {
      expect(instantMs(toInstant(ms))).toBe(ms);
    }), { seed: SEED, numRuns: 5000 });
  });

  it('instantMs answers or refuses as Date.parse does, for canonical-looking strings with any field values', () => {
    const field = (w: number) => fc.integer({ min: 0, max: 10 ** w - 1 }).map((n) => pad(n, w));
    const shaped = fc.tuple(field(4), field(2), field(2), field(2), field(2), field(2), field(3))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    const plausible = fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 999 }))
      .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);
    fc.assert(fc.property(fc.oneof(shaped, plausible), (at) => {
      expect(answer(at)).toEqual(reference(at));
    }), { seed: SEED, numRuns: 20000 });
    for (const at of [
      '2024-02-29T12:00:00.000Z', '2026-02-29T12:00:00.000Z', '2026-02-30T00:00:00.000Z', '2100-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z', '2026-06-07T09:00:00Z', '2026-06-07T09:00:00.000+03:00', '2026-06-07T09:00:00.000z', '2026-06-07 09:00:00.000Z',
      '0999-12-31T23:59:59.999Z', '+002026-06-07T09:00:00.000Z', '2026-06-07T09:00:00.000', '２026-06-07T09:00:00.000Z',
    ]) expect(answer(at), at).toEqual(reference(at));
  });
});
