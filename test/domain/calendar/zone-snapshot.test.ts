import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_YEAR, MIN_YEAR } from '../../../functions/domain/calendar/business-calendar.js';
import { computeZoneOffsets, isKnownTimeZone, zoneOffsets } from '../../../functions/domain/calendar/time-zone.js';
import { ZONE_SNAPSHOT } from '../../../functions/domain/calendar/zone-snapshot.js';

const YEAR_MS = 365.25 * 86_400_000;
const SNAPSHOT_FROM_MS = Date.UTC(ZONE_SNAPSHOT.fromYear, 0, 1);
const SNAPSHOT_TO_MS = Date.UTC(ZONE_SNAPSHOT.toYear + 1, 0, 1);

describe('R-CAL-1: the time-zone snapshot the calendar reads instead of ICU', () => {
  it("covers the calendar's supported years", () => {
    expect(ZONE_SNAPSHOT.fromYear).toBeLessThan(MIN_YEAR);
    expect(ZONE_SNAPSHOT.toYear).toBeGreaterThan(MAX_YEAR);
    expect(Object.keys(ZONE_SNAPSHOT.zones)).toContain('Asia/Jerusalem');
  });

  it.each(Object.keys(ZONE_SNAPSHOT.zones))('%s: equals the platform tz database over the whole range (else run `npm run zones`)', (zone) => {
    const platform = computeZoneOffsets(zone, SNAPSHOT_FROM_MS, SNAPSHOT_TO_MS);
    const snapshot = zoneOffsets(zone, SNAPSHOT_FROM_MS, SNAPSHOT_TO_MS);
    expect(snapshot, `the snapshot was made from tz database ${ZONE_SNAPSHOT.tzdata}, this platform has ${process.versions.tz}: run \`npm run zones\``).toEqual(platform);
  });

  it('holds the spring and autumn changes of 2026 at 02:00 local time (Fri 27 March, Sun 25 October)', () => {
    const changes = zoneOffsets('Asia/Jerusalem', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)).slice(1);
    expect(changes.map((c) => ({ at: new Date(c.fromMs).toISOString(), hours: c.offsetMs / 3_600_000 }))).toEqual([
      { at: '2026-03-27T00:00:00.000Z', hours: 3 },
      { at: '2026-10-24T23:00:00.000Z', hours: 2 },
    ]);
  });

  it('gives any range inside the snapshot exactly what reading the platform gives', () => {
    fc.assert(fc.property(
      fc.integer({ min: SNAPSHOT_FROM_MS, max: SNAPSHOT_TO_MS - 1 }),
      fc.integer({ min: 0, max: Math.round(3 * YEAR_MS) }),
      (fromMs, spanMs) => {
        const toMs = Math.min(fromMs + spanMs, SNAPSHOT_TO_MS);
        expect(zoneOffsets('Asia/Jerusalem', fromMs, toMs)).toEqual(computeZoneOffsets('Asia/Jerusalem', fromMs, toMs));
      },
    ), { numRuns: 200 });
  });

  it('reads a zone or a range outside the snapshot from the platform', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    expect(zoneOffsets('Europe/London', from, to)).toEqual(computeZoneOffsets('Europe/London', from, to));
    expect(zoneOffsets('Europe/London', from, to)).toHaveLength(3);
    const beyond = Date.UTC(ZONE_SNAPSHOT.toYear + 2, 0, 1);
    expect(zoneOffsets('Asia/Jerusalem', from, beyond)).toEqual(computeZoneOffsets('Asia/Jerusalem', from, beyond));
  });

  it('knows the snapshot zones and the platform zones, and refuses an unknown one', () => {
    expect(isKnownTimeZone('Asia/Jerusalem')).toBe(true);
    expect(isKnownTimeZone('Europe/London')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
