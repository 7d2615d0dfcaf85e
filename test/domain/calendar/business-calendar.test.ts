import { describe, expect, it } from 'vitest';
import {
  addBusinessDays, addBusinessHours, addBusinessMinutes, BusinessCalendar, businessMinutesBetween,
  getBusinessCalendar, isOpenAt, nextOpeningAt,
} from '../../../functions/domain/calendar/index.js';
import { DomainError } from '../../../functions/domain/errors.js';
import { defaultPolicy } from '../../../functions/domain/policy.js';

const basic = getBusinessCalendar(defaultPolicy, 'basic');
const extended = getBusinessCalendar(defaultPolicy, 'extended');
const ms = (at: string): number => Date.parse(at);
const iso = (atMs: number): string => new Date(atMs).toISOString();

// June 2026: Israel summer time, UTC+3. Sun 7 - Thu 11 are plain working days.
const SUN_0800 = '2026-06-07T05:00:00.000Z';
const SUN_0830 = '2026-06-07T05:30:00.000Z';
const SUN_1400 = '2026-06-07T11:00:00.000Z';
const SUN_1700 = '2026-06-07T14:00:00.000Z';
const SUN_1800 = '2026-06-07T15:00:00.000Z';
const SUN_2000 = '2026-06-07T17:00:00.000Z';
const MON_0600 = '2026-06-08T03:00:00.000Z';
const WED_1015 = '2026-06-10T07:15:00.000Z';
const THU_1500 = '2026-06-11T12:00:00.000Z';
const THU_1700 = '2026-06-11T14:00:00.000Z';
const THU_1800 = '2026-06-11T15:00:00.000Z';
const FRI_1000 = '2026-06-12T07:00:00.000Z';
const SAT_2300 = '2026-06-13T20:00:00.000Z';

describe('R-CAL-1: the center works Sunday to Thursday, 08:30-17:00 Israel time', () => {
  it('is open from 08:30 inclusive to 17:00 exclusive on a working day', () => {
    expect(isOpenAt(basic, SUN_0830)).toBe(true);
    expect(isOpenAt(basic, '2026-06-07T13:59:59.999Z')).toBe(true);
    expect(isOpenAt(basic, '2026-06-11T10:00:00Z')).toBe(true); // Thursday 13:00
  });

  it('is closed before 08:30, from 17:00, and all Friday and Saturday', () => {
    expect(isOpenAt(basic, '2026-06-07T05:29:59.999Z')).toBe(false);
    expect(isOpenAt(basic, SUN_1700)).toBe(false);
    expect(isOpenAt(basic, FRI_1000)).toBe(false);
    expect(isOpenAt(basic, '2026-06-13T09:00:00Z')).toBe(false); // Saturday 12:00
  });

  it('lets a deadline fall due exactly at 17:00 closing, not at the next opening', () => {
    expect(addBusinessMinutes(basic, SUN_1400, 180)).toBe(SUN_1700);
    expect(addBusinessMinutes(basic, SUN_1400, 181)).toBe('2026-06-08T05:31:00.000Z'); // Monday 08:31
  });

  it('carries business time over the weekend', () => {
    // Thursday 15:00 + 4.5 h: 2 h on Thursday, 2.5 h from Sunday 08:30.
    expect(addBusinessMinutes(basic, THU_1500, 270)).toBe('2026-06-14T08:00:00.000Z');
    expect(addBusinessHours(basic, THU_1500, 4.5)).toBe('2026-06-14T08:00:00.000Z');
    expect(businessMinutesBetween(basic, THU_1500, '2026-06-14T08:00:00Z')).toBe(270);
    expect(businessMinutesBetween(basic, '2026-06-14T08:00:00Z', THU_1500)).toBe(-270);
  });

  it('starts the clock at the next opening when a ticket comes in outside hours', () => {
    expect(addBusinessMinutes(basic, FRI_1000, 360)).toBe('2026-06-14T11:30:00.000Z'); // Sunday 14:30
    expect(addBusinessMinutes(basic, SAT_2300, 360)).toBe('2026-06-14T11:30:00.000Z');
    expect(addBusinessMinutes(basic, MON_0600, 180)).toBe('2026-06-08T08:30:00.000Z'); // Monday 11:30
    expect(addBusinessMinutes(basic, SUN_1800, 60)).toBe('2026-06-08T06:30:00.000Z'); // Monday 09:30
    expect(businessMinutesBetween(basic, FRI_1000, SAT_2300)).toBe(0);
  });

  it('adds nothing for zero minutes, even outside hours', () => {
    expect(addBusinessMinutes(basic, FRI_1000, 0)).toBe('2026-06-12T07:00:00.000Z');
  });

  it('counts business days at the same clock time, from the next opening when outside hours', () => {
    expect(addBusinessDays(basic, WED_1015, 1)).toBe('2026-06-11T07:15:00.000Z'); // Thursday 10:15
    expect(addBusinessDays(basic, WED_1015, 2)).toBe('2026-06-14T07:15:00.000Z'); // Sunday 10:15
    expect(addBusinessDays(basic, SUN_0830, 1)).toBe('2026-06-08T05:30:00.000Z'); // opening is inside hours
    expect(addBusinessDays(basic, THU_1800, 2)).toBe('2026-06-16T05:30:00.000Z'); // Tuesday 08:30
    expect(addBusinessDays(basic, THU_1700, 1)).toBe('2026-06-15T05:30:00.000Z'); // closing is outside: Monday 08:30
    expect(addBusinessDays(basic, FRI_1000, 0)).toBe('2026-06-14T05:30:00.000Z');
  });

  it('gives the next opening, or the instant itself when open', () => {
    expect(nextOpeningAt(basic, WED_1015)).toBe('2026-06-10T07:15:00.000Z');
    expect(nextOpeningAt(basic, THU_1700)).toBe('2026-06-14T05:30:00.000Z');
    expect(nextOpeningAt(basic, SUN_0800)).toBe('2026-06-07T05:30:00.000Z');
  });

  it('refuses an instant without a zone, which would be read in local time', () => {
    expect(() => addBusinessMinutes(basic, '2026-06-07T08:30:00', 60)).toThrow(DomainError);
    expect(() => isOpenAt(basic, 'June 7, 2026 08:30')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(addBusinessMinutes(basic, '2026-06-07T08:30:00+03:00', 60)).toBe('2026-06-07T06:30:00.000Z');
  });

  it('refuses instants outside the supported years and negative durations', () => {
    expect(() => basic.isOpenAt(ms('1960-01-01T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => basic.addMs(ms(SUN_0830), -1)).toThrow(RangeError);
  });
});

describe("R-CAL-1: business time follows Israel's daylight-saving changes", () => {
  // Spring 2026: Friday 27 March 02:00 becomes 03:00 (UTC+2 -> UTC+3).
  const THU_0326_1500 = '2026-03-26T13:00:00.000Z'; // winter, UTC+2
  it('crosses the spring change: Thursday 15:00 + 3 h is Sunday 09:30 summer time', () => {
    expect(addBusinessMinutes(basic, THU_0326_1500, 180)).toBe('2026-03-29T06:30:00.000Z');
    expect(nextOpeningAt(basic, '2026-03-26T15:00:00Z')).toBe('2026-03-29T05:30:00.000Z'); // 08:30 at UTC+3
    expect(addBusinessDays(basic, '2026-03-26T08:00:00Z', 1)).toBe('2026-03-29T07:00:00.000Z'); // 10:00 -> 10:00
    expect(businessMinutesBetween(basic, '2026-03-26T14:00:00Z', '2026-03-29T06:00:00Z')).toBe(90); // 16:00 -> 09:00
  });

  it('is not fooled by the changed offset: Sunday 08:00 summer time is still closed in basic hours', () => {
    expect(isOpenAt(basic, '2026-03-29T05:15:00Z')).toBe(false); // 08:15 (it would be 07:15 at UTC+2)
    expect(isOpenAt(basic, '2026-03-29T06:15:00Z')).toBe(true); // 09:15
  });

  // Autumn 2026: Sunday 25 October 02:00 becomes 01:00 (UTC+3 -> UTC+2), on a working day.
  it('crosses the autumn change: Thursday 16:00 + 3 h is Sunday 10:30 winter time', () => {
    expect(addBusinessMinutes(basic, '2026-10-22T13:00:00Z', 180)).toBe('2026-10-25T08:30:00.000Z');
    expect(addBusinessDays(basic, '2026-10-22T07:00:00Z', 1)).toBe('2026-10-25T08:00:00.000Z'); // 10:00 -> 10:00
    expect(businessMinutesBetween(basic, '2026-10-22T05:30:00Z', '2026-10-25T15:00:00Z')).toBe(2 * 510); // 25-hour Sunday still 8.5 h
  });

  it('opens at 08:30 winter time after both readings of the repeated hour', () => {
    expect(nextOpeningAt(basic, '2026-10-24T22:30:00Z')).toBe('2026-10-25T06:30:00.000Z'); // 01:30 summer time
    expect(nextOpeningAt(basic, '2026-10-24T23:30:00Z')).toBe('2026-10-25T06:30:00.000Z'); // 01:30 winter time
    expect(isOpenAt(basic, '2026-10-25T05:45:00Z')).toBe(false); // 07:45 winter time, 08:45 at the old offset
  });
});

describe('R-CAL-2: business time skips holidays and eves, not Chol HaMoed', () => {
  // Pesach 2026: closed Wed 1 (eve), Thu 2, Tue 7 (eve), Wed 8 April; Sun 5 - Mon 6 are Chol HaMoed.
  it('crosses Pesach 2026', () => {
    expect(addBusinessMinutes(basic, '2026-03-31T11:00:00Z', 360)).toBe('2026-04-05T08:30:00.000Z'); // Tue 14:00 -> Sun 11:30
    expect(addBusinessMinutes(basic, '2026-04-06T12:00:00Z', 270)).toBe('2026-04-09T08:00:00.000Z'); // Mon 15:00 -> Thu 11:00
    expect(addBusinessDays(basic, '2026-03-31T07:00:00Z', 3)).toBe('2026-04-09T07:00:00.000Z'); // Tue -> Sun, Mon, Thu
    expect(businessMinutesBetween(basic, '2026-03-31T05:30:00Z', '2026-04-09T14:00:00Z')).toBe(4 * 510);
  });

  it('is open on Chol HaMoed and closed on the eves', () => {
    expect(isOpenAt(basic, '2026-04-05T07:00:00Z')).toBe(true); // Chol HaMoed Sunday 10:00
    expect(isOpenAt(basic, '2026-04-01T07:00:00Z')).toBe(false); // Erev Pesach
    expect(isOpenAt(extended, '2026-04-07T07:00:00Z')).toBe(false); // Erev Pesach VII
    expect(isOpenAt(basic, '2026-10-02T07:00:00Z')).toBe(false); // Hoshana Raba
  });

  // Tishrei 2026: closed Fri 11 - Sun 13 (eve, Rosh Hashana), Sun 20 - Mon 21 (eve, Yom Kippur) September.
  it('crosses the Tishrei holidays of 2026', () => {
    expect(addBusinessMinutes(basic, '2026-09-10T13:00:00Z', 180)).toBe('2026-09-14T07:30:00.000Z'); // Thu 16:00 -> Mon 10:30
    expect(addBusinessMinutes(basic, '2026-09-17T13:00:00Z', 510)).toBe('2026-09-22T13:00:00.000Z'); // Thu 16:00 -> Tue 16:00
    expect(addBusinessDays(basic, '2026-09-17T07:00:00Z', 1)).toBe('2026-09-22T07:00:00.000Z');
    expect(addBusinessMinutes(basic, '2026-10-01T12:00:00Z', 360)).toBe('2026-10-04T09:30:00.000Z'); // Thu 15:00 -> Sun 12:30
    expect(isOpenAt(basic, '2026-09-27T07:00:00Z')).toBe(true); // Chol HaMoed Sukkot
  });
});

describe('R-CAL-3: extended hours are 08:00-20:00 on the same working days', () => {
  it('is open 08:00-20:00 with extended hours, where basic hours are closed', () => {
    expect(isOpenAt(extended, SUN_0800)).toBe(true);
    expect(isOpenAt(extended, '2026-06-07T16:59:59.999Z')).toBe(true); // 19:59:59.999
    expect(isOpenAt(basic, SUN_0800)).toBe(false);
    expect(isOpenAt(basic, SUN_1800)).toBe(false);
  });

  it('lets a deadline fall due exactly at 20:00', () => {
    expect(addBusinessMinutes(extended, SUN_1700, 180)).toBe('2026-06-07T17:00:00.000Z');
    expect(addBusinessMinutes(basic, SUN_1700, 180)).toBe('2026-06-08T08:30:00.000Z'); // basic: Monday 11:30
    expect(addBusinessDays(extended, SUN_2000, 1)).toBe('2026-06-09T05:00:00.000Z'); // 20:00 is outside: Tuesday 08:00
  });

  it('crosses the spring change with extended hours', () => {
    expect(addBusinessMinutes(extended, '2026-03-26T17:00:00Z', 120)).toBe('2026-03-29T06:00:00.000Z'); // Thu 19:00 -> Sun 09:00
  });

  it('refuses to open on a weekend, a holiday or an eve', () => {
    expect(isOpenAt(extended, FRI_1000)).toBe(false);
    expect(isOpenAt(extended, '2026-09-21T07:00:00Z')).toBe(false); // Yom Kippur
    expect(addBusinessMinutes(extended, '2026-09-10T16:00:00Z', 90)).toBe('2026-09-14T05:30:00.000Z'); // Thu 19:00 -> Mon 08:30
  });
});

describe('closingOfWorkingDay', () => {
  const closing = (at: string, skipDays: number, cutoff?: string) => iso(basic.closingOfWorkingDay(ms(at), skipDays, cutoff));

  it('gives the same day before the cutoff and the next working day from it', () => {
    expect(closing('2026-06-07T08:59:00Z', 0, '12:00')).toBe('2026-06-07T14:00:00.000Z'); // Sun 11:59
    expect(closing('2026-06-07T09:00:00Z', 0, '12:00')).toBe('2026-06-08T14:00:00.000Z'); // Sun 12:00
    expect(closing('2026-06-11T09:00:00Z', 0, '12:00')).toBe('2026-06-14T14:00:00.000Z'); // Thu 12:00 -> Sunday
    expect(closing(FRI_1000, 0, '12:00')).toBe('2026-06-14T14:00:00.000Z');
    expect(closing(WED_1015, 2)).toBe('2026-06-14T14:00:00.000Z');
  });

  it('reads the small hours of summer time as the new day', () => {
    // 00:30 Monday (Sunday 21:30 UTC): Monday's closing, not Sunday's, which has passed.
    expect(closing('2026-06-07T21:30:00Z', 0)).toBe('2026-06-08T14:00:00.000Z');
    // 00:30 Friday: a closed day, so Sunday's closing, not Thursday's.
    expect(closing('2026-06-11T21:30:00Z', 0)).toBe('2026-06-14T14:00:00.000Z');
    expect(closing('2026-06-07T21:30:00Z', 0, '12:00')).toBe('2026-06-08T14:00:00.000Z');
  });

  it('crosses the Pesach holidays', () => {
    expect(closing('2026-03-31T10:00:00Z', 1, '12:00')).toBe('2026-04-06T14:00:00.000Z'); // Tue 13:00 -> Sun, then Mon
  });
});

describe('lazy table growth', () => {
  it('answers at the very end of the span a fresh calendar first built', () => {
    const cal = new BusinessCalendar(defaultPolicy, 'basic');
    cal.isOpenAt(ms(SUN_0830)); // builds 2026-2027
    expect(iso(cal.nextOpeningAt(ms('2027-12-31T10:00:00Z')))).toBe('2028-01-02T06:30:00.000Z'); // Friday -> Sunday
    expect(iso(cal.addDays(ms('2027-12-30T20:00:00Z'), 1))).toBe('2028-01-03T06:30:00.000Z');
  });

  it('answers for years before the first ones it built', () => {
    const cal = new BusinessCalendar(defaultPolicy, 'basic');
    cal.isOpenAt(ms(SUN_0830));
    expect(iso(cal.addMs(ms('2025-12-31T14:00:00Z'), 90 * 60_000))).toBe('2026-01-01T07:00:00.000Z'); // Wed 16:00 -> Thu 09:00
    expect(cal.elapsedMs(ms('2024-06-02T06:30:00Z'), ms(SUN_0830))).toBe(basic.elapsedMs(ms('2024-06-02T06:30:00Z'), ms(SUN_0830)));
  });
});
