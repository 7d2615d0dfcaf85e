import { decodeZone } from './zone-encoding.js';
import { ZONE_SNAPSHOT } from './zone-snapshot.js';

const MINUTE_MS = 60_000;

/** UTC offset changes of a zone over a range: `offsetMs` applies from `fromMs` on. */
export type ZoneOffsets = ReadonlyArray<{ fromMs: number; offsetMs: number }>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, read from the platform's tz database. */
function readOffsetMs(timeZone: string, atMs: number): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, fmt);
  }
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(atMs)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(atMs / 1000) * 1000;
}

/**
 * The offsets of `timeZone` between two instants, found by sampling every 30 days and
 * bisecting to the millisecond where the offset changes (a few dozen tz reads a year, not one per day).
 */
export function computeZoneOffsets(timeZone: string, fromMs: number, toMs: number): ZoneOffsets {
  const result: Array<{ fromMs: number; offsetMs: number }> = [{ fromMs: -Infinity, offsetMs: readOffsetMs(timeZone, fromMs) }];
  const step = 30 * 24 * 60 * MINUTE_MS; // zones change offset at most every few months
  for (let lo = fromMs; lo < toMs; lo += step) {
    const hi = Math.min(lo + step, toMs);
    let before = result[result.length - 1]!.offsetMs;
    let a = lo;
    // Bisect each change inside [a, hi]; loop in case one window holds two changes.
    while (readOffsetMs(timeZone, hi) !== before) {
      let b = hi;
      while (b - a > 1) {
        const mid = Math.floor((a + b) / 2);
        if (readOffsetMs(timeZone, mid) === before) a = mid; else b = mid;
      }
      before = readOffsetMs(timeZone, b);
      result.push({ fromMs: b, offsetMs: before });
      a = b;
    }
  }
  return result;
}

/** The snapshot's changes of each zone, decoded on the zone's first use (not at import): [initial, ...changes]. */
const decoded = new Map<string, ZoneOffsets>();
const SNAPSHOT_FROM_MS = Date.UTC(ZONE_SNAPSHOT.fromYear, 0, 1);
const SNAPSHOT_TO_MS = Date.UTC(ZONE_SNAPSHOT.toYear + 1, 0, 1);

function snapshotOf(timeZone: string): ZoneOffsets | undefined {
  const cached = decoded.get(timeZone);
  if (cached) return cached;
  if (!Object.hasOwn(ZONE_SNAPSHOT.zones, timeZone)) return undefined;
  const offsets = decodeZone(ZONE_SNAPSHOT.zones[timeZone]!, ZONE_SNAPSHOT.fromYear, ZONE_SNAPSHOT.toYear);
  decoded.set(timeZone, offsets);
  return offsets;
}

/**
 * The offsets of `timeZone` between two instants, as computeZoneOffsets gives them: from the
 * generated snapshot of the tz database when it covers the zone and range (no ICU data to load on
 * a cold start; `npm run zones` regenerates it, and a test checks it against the platform), else
 * read from the platform through Intl.
 */
export function zoneOffsets(timeZone: string, fromMs: number, toMs: number): ZoneOffsets {
  const all = fromMs >= SNAPSHOT_FROM_MS && toMs <= SNAPSHOT_TO_MS ? snapshotOf(timeZone) : undefined;
  if (!all) return computeZoneOffsets(timeZone, fromMs, toMs);
  const result = [{ fromMs: -Infinity, offsetMs: offsetAt(all, fromMs) }];
  for (const change of all) if (change.fromMs > fromMs && change.fromMs <= toMs) result.push(change);
  return result;
}

/** Offset in force at `atMs`. */
export function offsetAt(offsets: ZoneOffsets, atMs: number): number {
  // An indexed loop: a cold start runs this in the interpreter, where for-of costs microseconds.
  let i = 1;
  while (i < offsets.length && offsets[i]!.fromMs <= atMs) i++;
  return offsets[i - 1]!.offsetMs;
}

/** The instant a wall-clock reading (as if UTC, in ms) denotes in the zone. */
export function wallToInstant(offsets: ZoneOffsets, wallMs: number): number {
  const guess = wallMs - offsetAt(offsets, wallMs);
  return wallMs - offsetAt(offsets, guess);
}

/** Checks that a time zone name is known to the platform. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (snapshotOf(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
