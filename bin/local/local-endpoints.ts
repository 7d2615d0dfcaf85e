// The local stack's own endpoints, outside the API: the clock (read, and move when manual),
// the sent mail and the pending wake-ups as JSON.
import { ClockError, durationMs, type LocalClock } from './local-clock.js';
import type { LocalAnswer } from './local-api-server.js';
import type { LocalScheduler } from './local-scheduler.js';
import type { LocalSes } from './local-ses.js';
import type { WakeUpDriver } from './wake-ups.js';

type Parts = { clock: LocalClock; wakeUps: WakeUpDriver; ses: LocalSes; scheduler: LocalScheduler };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The target of a POST /_local/clock body, or an error message. */
function targetOf(clock: LocalClock, body: unknown): string | { error: string } {
  const b = (body ?? {}) as { now?: unknown; advance?: unknown };
  if (typeof b.now === 'string' && b.advance === undefined) {
    if (!ISO_INSTANT.test(b.now) || Number.isNaN(Date.parse(b.now))) return { error: `now must be an ISO-8601 instant with a zone, not '${b.now}'` };
    return new Date(b.now).toISOString();
  }
  if (typeof b.advance === 'string' && b.now === undefined) {
    const ms = durationMs(b.advance);
    if (ms === null) return { error: `advance must be an ISO-8601 duration of days, hours, minutes (P2D, PT2H, P1DT30M), not '${b.advance}'` };
    return new Date(Date.parse(clock.now()) + ms).toISOString();
  }
  return { error: 'send {"now": ISO instant} or {"advance": ISO duration}' };
}

export const localEndpoints = (parts: Parts) => async (method: string, path: string, body: unknown): Promise<LocalAnswer | null> => {
  const { clock } = parts;
  if (path === '/_local/clock' && method === 'GET') return { status: 200, body: { now: clock.now(), mode: clock.mode } };
  if (path === '/_local/clock' && method === 'POST') {
    if (clock.mode !== 'manual') return { status: 409, body: { message: 'the clock is real: start with --clock manual to move it' } };
    const target = targetOf(clock, body);
    if (typeof target !== 'string') return { status: 400, body: { message: target.error } };
    if (Date.parse(target) < Date.parse(clock.now())) return { status: 409, body: { message: `the clock does not go back: ${target} is before ${clock.now()}` } };
    try {
      await parts.wakeUps.moveTo(target);
    } catch (error) {
      if (error instanceof ClockError) return { status: 409, body: { message: error.message } };
      throw error;
    }
    return { status: 200, body: { now: clock.now() } };
  }
  if (path === '/_local/mail' && method === 'GET') return { status: 200, body: await parts.ses.sentEmails() };
  if (path === '/_local/wake-ups' && method === 'GET') return { status: 200, body: parts.scheduler.pending().map((s) => ({ name: s.name, at: s.at, input: s.input })) };
  return null;
};
