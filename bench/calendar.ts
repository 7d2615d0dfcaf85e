/**
 * `npm run bench:calendar`: how fast the domain computes first-response deadlines (R-SLA-2 on the
 * R-CAL calendars), warm, beside the naive minute-by-minute reference of the tests; and the cold
 * start of a bundled Lambda up to its first deadline. The last line is one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { addBusinessMinutes, getBusinessCalendar, instantMs, toInstant, type BusinessCalendar } from '../functions/domain/calendar/index.js';
import { defaultPolicy } from '../functions/domain/policy.js';
import { ZONE_SNAPSHOT } from '../functions/domain/calendar/zone-snapshot.js';
import { MinuteWallClock, NaiveCalendar } from '../test/fixtures/naive-calendar.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const FROM_MS = Date.UTC(2025, 0, 1);
const TO_MS = Date.UTC(2031, 0, 1);
const TARGET_PER_SEC = 1_000_000;
const TARGET_COLD_MS = 20;
const COLD_RUNS = 11;

type Ticket = { openedAt: string; minutes: number; kind: 'basic' | 'extended' };

/** mulberry32: the same tickets on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Random tickets over 2025-2030: a whole-minute opening instant (the naive walk needs whole minutes), a severity, a calendar. */
function makeTickets(count: number): Ticket[] {
  const next = random(2026);
  const minutes = Object.values(defaultPolicy.targets).map((t) => t.firstResponseMinutes); // urgent 180, high 270, normal 360
  return Array.from({ length: count }, () => ({
    openedAt: new Date(FROM_MS + Math.floor((next() * (TO_MS - FROM_MS)) / MINUTE_MS) * MINUTE_MS).toISOString(),
    minutes: minutes[Math.floor(next() * minutes.length)]!,
    kind: next() < 0.5 ? 'basic' : 'extended',
  }));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Deadlines per second: one untimed pass to warm up (JIT, tables, caches), then timed rounds; the median round. */
function perSecond(deadline: (t: Ticket) => string, tickets: Ticket[], perRound: number, rounds: number): number {
  let sink = 0;
  for (const t of tickets.slice(0, perRound)) sink += deadline(t).length;
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const startMs = performance.now();
    for (let i = 0; i < perRound; i++) sink += deadline(tickets[i % tickets.length]!).length;
    rates.push(perRound / ((performance.now() - startMs) / 1000));
  }
  if (sink === 0) throw new Error('no deadlines computed');
  return median(rates);
}

/** Nanoseconds per call of one step of a deadline, over the same tickets. */
function nsPerCall(step: (i: number) => number, count: number, calls: number): number {
  let sink = 0;
  for (let i = 0; i < count; i++) sink += step(i);
  const startMs = performance.now();
  for (let k = 0; k < calls; k++) sink += step(k % count);
  const ns = ((performance.now() - startMs) * 1e6) / calls;
  if (Number.isNaN(sink)) throw new Error('bad sink');
  return ns;
}

/** Runs `args` with node in a fresh process `runs` times; the median of each numeric field of its JSON output. */
function coldRuns(args: string[], runs: number): Record<string, number> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // tsx runs this bench; the measured processes must not inherit its loader
  const outputs = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, args, { env, encoding: 'utf8' })) as Record<string, unknown>);
  const result: Record<string, number> = {};
  for (const [key, value] of Object.entries(outputs[0]!)) {
    if (typeof value === 'number') result[key] = median(outputs.map((o) => o[key] as number));
  }
  return result;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// --- warm: the domain ---
const tickets = makeTickets(1 << 16);
const calendars: Record<Ticket['kind'], BusinessCalendar> = {
  basic: getBusinessCalendar(defaultPolicy, 'basic'),
  extended: getBusinessCalendar(defaultPolicy, 'extended'),
};
const fast = (t: Ticket): string => addBusinessMinutes(calendars[t.kind], t.openedAt, t.minutes);
const deadlinesPerSec = perSecond(fast, tickets, 1_000_000, 7);

// --- warm: the naive minute-by-minute reference, measured the same way with fewer tickets ---
const wall = new MinuteWallClock('Asia/Jerusalem', FROM_MS - 7 * DAY_MS, TO_MS + 21 * DAY_MS);
const naiveCalendars = { basic: new NaiveCalendar(defaultPolicy, 'basic', wall), extended: new NaiveCalendar(defaultPolicy, 'extended', wall) };
const naive = (t: Ticket): string => new Date(naiveCalendars[t.kind].addMs(Date.parse(t.openedAt), t.minutes * MINUTE_MS)).toISOString();
const naiveTickets = tickets.slice(0, 4000);
const naivePerSec = perSecond(naive, naiveTickets, naiveTickets.length, 3);
const disagreements = naiveTickets.filter((t) => fast(t) !== naive(t)).length;

// --- where a warm deadline's time goes ---
const openedMs = tickets.map((t) => Date.parse(t.openedAt));
const dueMs = tickets.map(fast).map((d) => Date.parse(d));
const parseNs = nsPerCall((i) => instantMs(tickets[i]!.openedAt), tickets.length, 2_000_000);
const addMsNs = nsPerCall((i) => calendars[tickets[i]!.kind].addMs(openedMs[i]!, tickets[i]!.minutes * MINUTE_MS), tickets.length, 2_000_000);
const formatNs = nsPerCall((i) => toInstant(dueMs[i]!).length, tickets.length, 2_000_000);

// --- cold: a bundled entry in fresh processes ---
const entry = fileURLToPath(new URL('./cold-start-entry.ts', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'calendar-cold-'));
let cold: Record<string, number>;
let bundleBytes = 0;
try {
  const built = await build({
    entryPoints: [entry], bundle: true, splitting: true, format: 'esm', platform: 'node', minify: true,
    outdir, outExtension: { '.js': '.mjs' }, metafile: true, logLevel: 'warning',
  });
  bundleBytes = Object.values(built.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  cold = coldRuns([join(outdir, 'cold-start-entry.mjs')], COLD_RUNS);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
const coldTsx = coldRuns(['--import', 'tsx', entry], 3);
// The platform's own first Intl.DateTimeFormat with a time zone (ICU loading), in a bare process.
const intlFirstUseMs = coldRuns(['-e', `const s = performance.now(); new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Jerusalem', hour: 'numeric' }).formatToParts(0); console.log(JSON.stringify({ ms: performance.now() - s }));`], 5).ms!;

const ratio = deadlinesPerSec / naivePerSec;
const coldStartMs = cold.coldStartMs!;
console.log(`warm first-response deadlines (addBusinessMinutes on ISO strings, random tickets 2025-2030, both calendars):`);
console.log(`  domain: ${fmt(deadlinesPerSec)} /s   naive minute-by-minute (Intl read once per minute, cached): ${fmt(naivePerSec)} /s   ratio ${fmt(ratio, 1)}x   (${disagreements} disagreements in ${naiveTickets.length} tickets)`);
console.log(`  per deadline: read the ISO instant ${fmt(parseNs)} ns + calendar addMs ${fmt(addMsNs)} ns + write the ISO instant ${fmt(formatNs)} ns`);
console.log(`  target >= ${fmt(TARGET_PER_SEC)} /s: ${deadlinesPerSec >= TARGET_PER_SEC ? 'met' : 'MISSED'}`);
console.log(`cold start to the first deadline, bundled (esbuild, ${fmt(bundleBytes / 1024)} KiB in chunks), median of ${COLD_RUNS} fresh processes:`);
console.log(`  ${fmt(coldStartMs, 1)} ms = calendar import ${fmt(cold.calendarImportMs!, 1)} + policy defaults import ${fmt(cold.policyImportMs!, 1)} + first deadline ${fmt(cold.firstDeadlineMs!, 1)} ms`);
console.log(`  zone offsets come from the tz database ${ZONE_SNAPSHOT.tzdata} snapshot (npm run zones), not ICU: a bare process's first Intl.DateTimeFormat with a time zone alone takes ${fmt(intlFirstUseMs, 1)} ms`);
console.log(`  target < ${TARGET_COLD_MS} ms: ${coldStartMs < TARGET_COLD_MS ? 'met' : 'MISSED'}`);
console.log(`  unbundled under tsx (information): ${fmt(coldTsx.coldStartMs!, 1)} ms`);
console.log(JSON.stringify({ deadlinesPerSec: Math.round(deadlinesPerSec), naivePerSec: Math.round(naivePerSec), ratio: Math.round(ratio), coldStartMs: Math.round(coldStartMs * 10) / 10 }));
