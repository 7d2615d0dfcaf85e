// Israel wall time typed in a form, as a UTC instant, by the domain's zone code (the policy's zone).
import { wallToInstant, zoneOffsets } from '../../../../functions/domain/calendar/time-zone.js';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DDTHH:MM` read in Asia/Jerusalem as an ISO instant; null when it is not one. */
export function wallToIsraelInstant(wall: string, timeZone = 'Asia/Jerusalem'): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wall)) return null;
  const wallMs = Date.parse(`${wall}:00Z`);
  if (!Number.isFinite(wallMs)) return null;
  return new Date(wallToInstant(zoneOffsets(timeZone, wallMs - 2 * DAY_MS, wallMs + 2 * DAY_MS), wallMs)).toISOString();
}
