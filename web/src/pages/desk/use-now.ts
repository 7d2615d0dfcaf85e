import { useEffect, useState } from 'react';
import { onServerClockChange, serverNowMs } from '../../api/server-clock.js';

const nowIso = () => new Date(serverNowMs()).toISOString();

/** Now on the API's clock (the browser's, corrected by the API's Date header) as an ISO instant, read again every `everyMs` (countdowns tick without a request). */
export function useNow(everyMs: number): string {
  const [now, setNow] = useState(nowIso);
  useEffect(() => {
    const timer = setInterval(() => setNow(nowIso()), everyMs);
    const stop = onServerClockChange(() => setNow(nowIso())); // an answer told another time: count on it at once
    return () => { clearInterval(timer); stop(); };
  }, [everyMs]);
  return now;
}
