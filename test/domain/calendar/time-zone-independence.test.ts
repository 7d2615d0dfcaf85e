import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probeCalendar } from '../../fixtures/calendar-probe.js';

const PROBE = fileURLToPath(new URL('../../fixtures/calendar-probe.ts', import.meta.url));

/** Runs the probe in a fresh Node process whose local time zone is `tz`. */
function probeUnder(tz: string): { env: { timeZone: string; offsetMinutes: number }; results: unknown } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', PROBE], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
  return JSON.parse(out);
}

describe('R-CAL-1: Israel time whatever the local time zone of the process', () => {
  const here = JSON.parse(JSON.stringify(probeCalendar())) as unknown;

  // Santiago: far west, its own DST in the southern summer; Kiritimati: UTC+14, a day ahead of UTC most hours.
  it.each(['America/Santiago', 'UTC', 'Pacific/Kiritimati'])('gives the same answers under TZ=%s', (tz) => {
    const { env, results } = probeUnder(tz);
    expect(env.timeZone).toBe(tz); // the child really ran in that zone
    expect(results).toEqual(here);
  });

  it('refuses a zone-less instant rather than reading it in local time', () => {
    expect((here as { zoneless: string }).zoneless).toBe('refused invalid-input');
  });
});
