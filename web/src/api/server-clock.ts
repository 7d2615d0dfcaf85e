// The API's clock, as the Date header of its answers tells it. The desk's countdowns (R-SLA-6)
// count on it rather than on the browser's, which may be minutes off (or, against the local stack
// with --clock manual, days). Date has a one-second resolution, so an offset under SKEW_MS counts
// as none: the countdowns do not jitter by a second from answer to answer.
const SKEW_MS = 5_000;
let offsetMs = 0;
const listeners = new Set<() => void>();

/** Takes the server's time from an answer's Date header, read at `localMs` on the browser's clock. */
export function observeServerDate(date: string | null, localMs: number): void {
  const serverMs = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(serverMs)) return;
  const offset = serverMs - localMs;
  const next = Math.abs(offset) < SKEW_MS ? 0 : offset;
  if (Math.abs(next - offsetMs) < SKEW_MS) return; // the same clock, read a second apart
  offsetMs = next;
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the API's clock turns out to be elsewhere than thought; returns the unsubscription. */
export function onServerClockChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Now on the API's clock, as far as its last answer told. */
export const serverNowMs = (localMs: number = Date.now()): number => localMs + offsetMs;
