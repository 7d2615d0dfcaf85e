import { flags, HDate, HebrewCalendar, type Event } from '@hebcal/core';
import { describe, expect, it } from 'vitest';
import {
  computeClosedDays, epochDayOf, getBusinessCalendar, isOpenAt, type ClosedDay,
} from '../../../functions/domain/calendar/index.js';
import { defaultPolicy, parsePolicy } from '../../../functions/domain/policy.js';
import { $ZodError } from '../../../functions/domain/zod.js';

const RD_EPOCH = 719163; // hebcal's abs() of 1970-01-01
const epochDayOfEvent = (e: Event): number => e.getDate().abs() - RD_EPOCH; // never .greg(): local time
const dateOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const notWeekend = (days: Map<number, ClosedDay>): ClosedDay[] => [...days.values()].filter((d) => d.reason !== 'weekend');

/** hebcal's own Israeli events of a Gregorian year, the dates given as hebcal day numbers (no Date in local time). */
function hebcalEvents(year: number): Event[] {
  const start = new HDate(epochDayOf(`${year}-01-01`) + RD_EPOCH);
  const end = new HDate(epochDayOf(`${year}-12-31`) + RD_EPOCH);
  return HebrewCalendar.calendar({ start, end, il: true });
}

describe('R-CAL-2: closed days follow the Israeli calendar', () => {
  it("closes exactly the charter's example days of 2026, each with its reason and name", () => {
    expect(notWeekend(computeClosedDays(2026, defaultPolicy))).toEqual([
      { date: '2026-04-01', reason: 'eve', name: 'Erev Pesach' },
      { date: '2026-04-02', reason: 'holiday', name: 'Pesach I' },
      { date: '2026-04-07', reason: 'eve', name: 'Erev Pesach VII' },
      { date: '2026-04-08', reason: 'holiday', name: 'Pesach VII' },
      { date: '2026-04-22', reason: 'holiday', name: "Yom HaAtzma'ut" },
      { date: '2026-05-21', reason: 'eve', name: 'Erev Shavuot' },
      { date: '2026-05-22', reason: 'holiday', name: 'Shavuot' },
      { date: '2026-09-11', reason: 'eve', name: 'Erev Rosh Hashana' },
      { date: '2026-09-12', reason: 'holiday', name: 'Rosh Hashana I' },
      { date: '2026-09-13', reason: 'holiday', name: 'Rosh Hashana II' },
      { date: '2026-09-20', reason: 'eve', name: 'Erev Yom Kippur' },
      { date: '2026-09-21', reason: 'holiday', name: 'Yom Kippur' },
      { date: '2026-09-25', reason: 'eve', name: 'Erev Sukkot' },
      { date: '2026-09-26', reason: 'holiday', name: 'Sukkot I' },
      { date: '2026-10-02', reason: 'eve', name: 'Hoshana Raba' },
      { date: '2026-10-03', reason: 'holiday', name: 'Shmini Atzeret / Simchat Torah' },
    ]);
  });

  it('closes every Friday and Saturday as a weekend, and no other weekday', () => {
    const days = computeClosedDays(2026, defaultPolicy);
    for (let day = epochDayOf('2026-01-01'); day <= epochDayOf('2026-12-31'); day++) {
      const weekday = new Date(day * 86_400_000).getUTCDay();
      const closed = days.get(day);
      if (weekday === 5 || weekday === 6) expect(closed, dateOf(day)).toBeDefined();
      else if (closed) expect(closed.reason, dateOf(day)).not.toBe('weekend');
    }
  });

  it('keeps Chol HaMoed, Purim, Yom HaZikaron and Yom HaShoah of 2026 as working days', () => {
    const days = computeClosedDays(2026, defaultPolicy);
    const workingDates = {
      'Chol HaMoed Pesach': ['2026-04-05', '2026-04-06'],
      'Chol HaMoed Sukkot': ['2026-09-27', '2026-09-28', '2026-09-29', '2026-09-30', '2026-10-01'],
      Purim: ['2026-03-03'],
      'Yom HaZikaron': ['2026-04-21'],
      'Yom HaShoah': ['2026-04-14'],
    };
    for (const [name, dates] of Object.entries(workingDates)) {
      for (const date of dates) expect(days.get(epochDayOf(date)), `${name} ${date}`).toBeUndefined();
    }
    expect(isOpenAt(getBusinessCalendar(defaultPolicy, 'basic'), '2026-04-21T07:00:00Z')).toBe(true); // Yom HaZikaron 10:00
  });

  it('refuses to close any minor, modern or Chol HaMoed day of 2025-2030 that is not a weekend', () => {
    for (let year = 2025; year <= 2030; year++) {
      const days = computeClosedDays(year, defaultPolicy);
      const workingKinds = flags.CHOL_HAMOED | flags.MINOR_HOLIDAY | flags.MODERN_HOLIDAY | flags.MINOR_FAST | flags.MAJOR_FAST;
      for (const e of hebcalEvents(year)) {
        const closed = days.get(epochDayOfEvent(e));
        if (!(e.getFlags() & workingKinds) || e.getDesc() === "Yom HaAtzma'ut" || e.getDesc() === 'Yom Kippur') continue;
        // Such a day may still be closed as a weekend, or as the eve of a yom tov: Pesach VI,
        // Hoshana Raba, and Ta'anit Bechorot when it falls on Erev Pesach itself.
        if (closed?.reason === 'eve') expect(e.getDesc()).toMatch(/^(Pesach VI \(CH''M\)|Sukkot VII \(Hoshana Raba\)|Ta'anit Bechorot)$/);
        else if (closed) expect(closed.reason, `${e.getDesc()} ${closed.date}`).toBe('weekend');
      }
    }
  });

  it.each([
    // 5 Iyar on Friday or Saturday moves back to Thursday; on Monday, to Tuesday; on Wednesday it stays.
    { year: 2025, iyar5: '2025-05-03', weekday: 'Saturday', observed: '2025-05-01' },
    { year: 2026, iyar5: '2026-04-22', weekday: 'Wednesday', observed: '2026-04-22' },
    { year: 2028, iyar5: '2028-05-01', weekday: 'Monday', observed: '2028-05-02' },
    { year: 2029, iyar5: '2029-04-20', weekday: 'Friday', observed: '2029-04-19' },
    { year: 2032, iyar5: '2032-04-16', weekday: 'Friday', observed: '2032-04-15' },
    { year: 2035, iyar5: '2035-05-14', weekday: 'Monday', observed: '2035-05-15' },
  ])("closes Yom HaAtzma'ut $year on its observed date $observed (5 Iyar is a $weekday)", ({ year, iyar5, observed }) => {
    expect(dateOf(new HDate(5, 'Iyyar', year + 3760).abs() - RD_EPOCH)).toBe(iyar5);
    const atzmaut = [...computeClosedDays(year, defaultPolicy).values()].filter((d) => d.name === "Yom HaAtzma'ut");
    expect(atzmaut).toEqual([{ date: observed, reason: 'holiday', name: "Yom HaAtzma'ut" }]);
  });

  it("moves Yom HaAtzma'ut by the rule in every year 2025-2035, and never onto a weekend", () => {
    const move = [0, +1, 0, 0, 0, -1, -2]; // by the weekday of 5 Iyar, Sunday = 0 (only Mon, Wed, Fri, Sat occur)
    const seen = new Set<number>();
    for (let year = 2025; year <= 2035; year++) {
      const iyar5 = new HDate(5, 'Iyyar', year + 3760);
      seen.add(iyar5.getDay());
      const [day] = [...computeClosedDays(year, defaultPolicy)].find(([, d]) => d.name === "Yom HaAtzma'ut")!;
      expect(day, String(year)).toBe(iyar5.abs() - RD_EPOCH + move[iyar5.getDay()]!);
      expect([5, 6]).not.toContain(new Date(day * 86_400_000).getUTCDay());
    }
    expect([...seen].sort()).toEqual([1, 3, 5, 6]); // every case of the rule was exercised
  });

  it("matches @hebcal/core for 2025-2030: holidays are its CHAG days plus Yom HaAtzma'ut, eves the day before each run", () => {
    for (let year = 2025; year <= 2030; year++) {
      const events = hebcalEvents(year);
      const chag = new Set(events.filter((e) => e.getFlags() & flags.CHAG).map(epochDayOfEvent));
      const atzmaut = events.filter((e) => e.getDesc() === "Yom HaAtzma'ut").map(epochDayOfEvent);
      expect(atzmaut).toHaveLength(1);
      const eves = [...chag].filter((d) => !chag.has(d - 1)).map((d) => d - 1);
      // An eve of a yom tov early in January would belong to the year before.
      const inYear = (d: number) => d >= epochDayOf(`${year}-01-01`) && d <= epochDayOf(`${year}-12-31`);

      const ours = [...computeClosedDays(year, defaultPolicy)];
      const holidays = ours.filter(([, d]) => d.reason === 'holiday').map(([day]) => day);
      const ourEves = ours.filter(([, d]) => d.reason === 'eve').map(([day]) => day);
      expect(holidays.map(dateOf).sort(), String(year)).toEqual([...chag, ...atzmaut].map(dateOf).sort());
      expect(ourEves.map(dateOf).sort(), String(year)).toEqual(eves.filter(inYear).map(dateOf).sort());
      expect(holidays.length, String(year)).toBe(9); // RH I-II, YK, Sukkot I, Shmini Atzeret, Pesach I, VII, Shavuot, Atzmaut
    }
  });
});

describe('R-CAL-2: an operator can add or remove dates (company closures)', () => {
  const policy = parsePolicy({ closures: { add: ['2026-06-10', '2026-04-08'], remove: ['2026-04-22', '2026-06-12'] } });

  it('closes an added date as an operator closure, and the calendar skips it', () => {
    expect(computeClosedDays(2026, policy).get(epochDayOf('2026-06-10'))).toEqual({
      date: '2026-06-10', reason: 'operator', name: 'Company closure',
    });
    const cal = getBusinessCalendar(policy, 'basic');
    expect(isOpenAt(cal, '2026-06-10T07:00:00Z')).toBe(false); // Wednesday 10:00
    expect(isOpenAt(getBusinessCalendar(defaultPolicy, 'basic'), '2026-06-10T07:00:00Z')).toBe(true);
  });

  it('opens a removed date, holiday or weekend alike', () => {
    const days = computeClosedDays(2026, policy);
    expect(days.get(epochDayOf('2026-04-22'))).toBeUndefined(); // Yom HaAtzma'ut
    expect(days.get(epochDayOf('2026-06-12'))).toBeUndefined(); // a Friday
    expect(isOpenAt(getBusinessCalendar(policy, 'basic'), '2026-04-22T07:00:00Z')).toBe(true);
  });

  it('keeps the holiday reason when an operator also adds a holiday', () => {
    expect(computeClosedDays(2026, policy).get(epochDayOf('2026-04-08'))?.reason).toBe('holiday');
  });

  it('refuses a closure that is not a YYYY-MM-DD date', () => {
    expect(() => parsePolicy({ closures: { add: ['2026-6-10'], remove: [] } })).toThrow($ZodError);
    expect(() => parsePolicy({ closures: { add: [], remove: ['10/06/2026'] } })).toThrow($ZodError);
  });
});
