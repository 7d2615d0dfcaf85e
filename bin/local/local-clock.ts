// The local stack's clock: the system clock, or a manual one that only moves when told
// (POST /_local/clock). Handlers read `now()` from here, never from Date.
import type { ClockMode } from './start-options.js';

export type LocalClock = {
  readonly mode: ClockMode;
  now(): string;
  /** Manual only: moves to `at`; refuses to go back (tickets and schedules already saw the present). */
  set(at: string): void;
};

export class ClockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClockError';
  }
}

export function createLocalClock(mode: ClockMode, start?: string): LocalClock {
  if (mode === 'real') {
    return {
      mode,
      now: () => new Date().toISOString(),
      set: () => { throw new ClockError('the clock is real: start with --clock manual to move it'); },
    };
  }
  let now = start ?? new Date().toISOString();
  return {
    mode,
    now: () => now,
    set(at) {
      if (Date.parse(at) < Date.parse(now)) throw new ClockError(`the clock does not go back: ${at} is before ${now}`);
      now = new Date(at).toISOString();
    },
  };
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds of an ISO-8601 duration of days, hours, minutes and seconds (`P2D`, `PT2H`, `P1DT30M`); null if malformed. */
export function durationMs(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number];
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}
