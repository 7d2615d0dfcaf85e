import { useEffect, useState } from 'react';

/** The browser's clock as an ISO instant, read again every `everyMs` (countdowns tick without a request). */
export function useNow(everyMs: number): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
