import type { ZoneOffsets } from './time-zone.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * A time zone's UTC-offset changes over the snapshot's years, in the compact form zone-snapshot.ts
 * holds (bin/zones.ts writes it with encodeZone; time-zone.ts reads it with decodeZone):
 * - `initial`: the offset in minutes before the first change;
 * - `changes`: the changes before the zone's current rules, space-separated, each the base-36
 *   minutes since the one before (the first: since 1 January of the snapshot's first year), then
 *   `:` and the new offset in base-36 minutes, or no offset when it returns to the one before the
 *   previous change (the usual summer-winter alternation);
 * - `rules`: from year `fromYear` to the snapshot's last year, each year's changes as the tz
 *   database states a rule: `[month 1-12, weekday 0-6 (Sunday 0), on or after day, wall-clock
 *   minutes of the day in the offset before, new offset in minutes]` (`Oct lastSun 2:00` is
 *   `[10, 0, 25, 120, ...]`).
 */
export type EncodedZone = {
  initial: number;
  changes: string;
  rules?: { fromYear: number; changes: ReadonlyArray<readonly [number, number, number, number, number]> };
};

/** The changes of an encoded zone: `[initial, ...changes]` as computeZoneOffsets gives them. */
export function decodeZone(zone: EncodedZone, fromYear: number, toYear: number): ZoneOffsets {
  const offsets = [{ fromMs: -Infinity, offsetMs: zone.initial * MINUTE_MS }];
  let atMs = Date.UTC(fromYear, 0, 1);
  const tokens = zone.changes === '' ? [] : zone.changes.split(' ');
  // An indexed loop: a cold start runs this in the interpreter, where for-of costs microseconds.
  for (let i = 0; i < tokens.length; i++) {
    const [delta, offset] = tokens[i]!.split(':');
    atMs += parseInt(delta!, 36) * MINUTE_MS;
    const offsetMs = offset === undefined ? offsets[offsets.length - 2]!.offsetMs : parseInt(offset, 36) * MINUTE_MS;
    offsets.push({ fromMs: atMs, offsetMs });
  }
  const rules = zone.rules ?? { fromYear: toYear + 1, changes: [] };
  for (let year = rules.fromYear; year <= toYear; year++) {
    for (let i = 0; i < rules.changes.length; i++) {
      const [month, weekday, onOrAfter, wallMinutes, offset] = rules.changes[i]!;
      const first = Date.UTC(year, month - 1, onOrAfter);
      const day = first + ((weekday - (first / DAY_MS + 4) % 7 + 14) % 7) * DAY_MS; // 1970-01-01 was a Thursday
      offsets.push({ fromMs: day + wallMinutes * MINUTE_MS - offsets[offsets.length - 1]!.offsetMs, offsetMs: offset * MINUTE_MS });
    }
  }
  return offsets;
}

type Described = { fromMs: number; offsetMs: number; year: number; month: number; day: number; weekday: number; wallMinutes: number };

/** The same slot of a rule: same month, weekday, wall-clock time and new offset. */
const sameSlot = (a: Described, b: Described): boolean =>
  a.month === b.month && a.weekday === b.weekday && a.wallMinutes === b.wallMinutes && a.offsetMs === b.offsetMs;

/**
 * The compact form of a zone's changes between 1 January `fromYear` and the end of `toYear`
 * (computeZoneOffsets' answer for that range): the last year's changes become rules for as many
 * years back as they hold, each earlier change is listed. Throws when decoding would not give
 * `offsets` back exactly.
 */
export function encodeZone(offsets: ZoneOffsets, fromYear: number, toYear: number): EncodedZone {
  const described: Described[] = offsets.slice(1).map((c, i) => {
    const wall = new Date(c.fromMs + offsets[i]!.offsetMs);
    return {
      ...c, year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), weekday: wall.getUTCDay(),
      wallMinutes: wall.getUTCHours() * 60 + wall.getUTCMinutes() + wall.getUTCSeconds() / 60,
    };
  });
  const ofYear = (year: number) => described.filter((c) => c.year === year);
  const last = ofYear(toYear);
  const minDay = last.map((c) => c.day);
  const maxDay = last.map((c) => c.day);
  let ruleFrom = toYear + 1;
  for (let year = toYear; last.length > 0 && year >= fromYear; year--) {
    const changes = ofYear(year);
    if (changes.length !== last.length || changes.some((c, j) => !sameSlot(c, last[j]!) || Math.max(maxDay[j]!, c.day) - Math.min(minDay[j]!, c.day) > 6)) break;
    changes.forEach((c, j) => { minDay[j] = Math.min(minDay[j]!, c.day); maxDay[j] = Math.max(maxDay[j]!, c.day); });
    ruleFrom = year;
  }
  const listed = described.filter((c) => c.year < ruleFrom);
  let atMs = Date.UTC(fromYear, 0, 1);
  const tokens = listed.map((c, i) => {
    const delta = ((c.fromMs - atMs) / MINUTE_MS).toString(36);
    atMs = c.fromMs;
    const back = i >= 1 ? offsets[i - 1]!.offsetMs : undefined; // the offset before the previous change
    return back === c.offsetMs ? delta : `${delta}:${(c.offsetMs / MINUTE_MS).toString(36)}`;
  });
  const encoded: EncodedZone = { initial: offsets[0]!.offsetMs / MINUTE_MS, changes: tokens.join(' ') };
  if (ruleFrom <= toYear) {
    encoded.rules = { fromYear: ruleFrom, changes: last.map((c, j) => [c.month, c.weekday, minDay[j]!, c.wallMinutes, c.offsetMs / MINUTE_MS] as const) };
  }
  const decoded = decodeZone(encoded, fromYear, toYear);
  if (decoded.length !== offsets.length || decoded.some((c, i) => c.fromMs !== offsets[i]!.fromMs || c.offsetMs !== offsets[i]!.offsetMs)) {
    throw new Error(`the zone's changes have no exact compact form (a change off a whole minute?)`);
  }
  return encoded;
}
