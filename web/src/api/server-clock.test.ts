import { describe, expect, it } from 'vitest';
import { observeServerDate, onServerClockChange, serverNowMs } from './server-clock.js';

// R-SLA-6: the desk's countdowns run on the API's clock, taken from its answers' Date header.
describe('the API clock the desk counts on', () => {
  const at = Date.parse('2030-01-06T08:00:00.000Z');

  it('R-SLA-6: follows a server clock minutes (or days) away from the browser\'s', () => {
    observeServerDate('Sun, 06 Jan 2030 08:07:00 GMT', at);
    expect(serverNowMs(at + 1_000)).toBe(at + 1_000 + 7 * 60_000);
    observeServerDate('Wed, 01 Jan 2031 00:00:00 GMT', at);
    expect(new Date(serverNowMs(at)).toISOString()).toBe('2031-01-01T00:00:00.000Z');
  });

  it('takes an offset under 5 s as none: Date has a one-second resolution, so the countdowns do not jitter', () => {
    observeServerDate('Sun, 06 Jan 2030 08:07:00 GMT', at);
    observeServerDate('Sun, 06 Jan 2030 07:59:59 GMT', at + 400); // 1.4 s behind: the same clock
    expect(serverNowMs(at)).toBe(at);
  });

  it('keeps what it knew when an answer has no Date, or one it cannot read', () => {
    observeServerDate('Sun, 06 Jan 2030 09:00:00 GMT', at);
    observeServerDate(null, at);
    observeServerDate('not a date', at);
    expect(serverNowMs(at)).toBe(at + 60 * 60_000);
  });

  it('tells its listeners when the clock turns out to be elsewhere, not when an answer only confirms it', () => {
    observeServerDate('Sun, 06 Jan 2030 08:00:00 GMT', at);
    let told = 0;
    const stop = onServerClockChange(() => { told += 1; });
    observeServerDate('Sun, 06 Jan 2030 08:00:01 GMT', at); // the same clock
    expect(told).toBe(0);
    observeServerDate('Mon, 07 Jan 2030 08:00:00 GMT', at); // a day ahead
    observeServerDate('Mon, 07 Jan 2030 08:00:02 GMT', at + 1_500); // still that
    expect(told).toBe(1);
    stop();
    observeServerDate('Sun, 06 Jan 2030 08:00:00 GMT', at);
    expect(told).toBe(1);
  });
});
