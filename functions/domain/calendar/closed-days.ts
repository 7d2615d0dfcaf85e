// hdateBase holds hebcal's R.D. arithmetic without the HDate class (gematriya, locales,
// rendering): the calendar needs only day numbers. test/domain/calendar/hebrew-dates.test.ts checks
// every year 5600-6400 against HDate and @hebcal/core's dateYomHaZikaron, which this file used before.
import { hebrew2abs, months } from '@hebcal/hdate/dist/esm/hdateBase';

export type ClosedReason = 'weekend' | 'holiday' | 'eve' | 'operator';
export type ClosedDay = { date: string; reason: ClosedReason; name: string };

/** R.D. day number (hebcal's `abs`) of 1970-01-01. */
const RD_EPOCH = 719163;

/** Day of week of an R.D. day number, 0 = Sunday (R.D. 1, 1 January of year 1, was a Monday). */
const weekdayOfAbs = (abs: number): number => ((abs % 7) + 7) % 7;

/**
 * R-CAL-2: the R.D. day of Yom HaZikaron of Hebrew year `hebrewYear`, or null before 5708 (1948).
 * The rule Israel applies (the days' laws of 5709-1949 and 5723-1963, the move off Shabbat's
 * eve and Shabbat, and the postponement off Motza'ei Shabbat added in 5764-2004), as hebcal
 * implements it: Yom HaZikaron is 4 Iyar and Yom HaAtzma'ut, the day after it, 5 Iyar, except that
 * - when 5 Iyar falls on Friday or Shabbat, both move back to the Wednesday and Thursday before
 *   (Yom HaZikaron on 3 Iyar when 5 Iyar is a Friday, on 2 Iyar when it is Shabbat);
 * - from 5764 on, when 5 Iyar falls on Monday (so Yom HaZikaron would begin on Motza'ei Shabbat),
 *   both move on a day (Yom HaZikaron on Monday 5 Iyar, Yom HaAtzma'ut on Tuesday 6 Iyar).
 * 5 Iyar falls only on Monday, Wednesday, Friday or Shabbat (Pesach never on Monday, Wednesday or Friday).
 */
export function yomHaZikaronAbs(hebrewYear: number): number | null {
  if (hebrewYear < 5708) return null;
  const fifth = hebrew2abs(hebrewYear, months.IYYAR, 5);
  switch (weekdayOfAbs(fifth)) {
    case 5: return fifth - 2; // Friday: Wednesday 3 Iyar
    case 6: return fifth - 3; // Shabbat: Wednesday 2 Iyar
    case 1: return hebrewYear >= 5764 ? fifth : fifth - 1; // Monday: Monday 5 Iyar since 2004
    default: return fifth - 1;
  }
}

/** R-CAL-2: the Israeli yom-tov days (one day each in Israel), by Hebrew date. */
const YOM_TOV: ReadonlyArray<{ month: number; day: number; name: string; eve?: string }> = [
  { month: months.TISHREI, day: 1, name: 'Rosh Hashana I', eve: 'Erev Rosh Hashana' },
  { month: months.TISHREI, day: 2, name: 'Rosh Hashana II' },
  { month: months.TISHREI, day: 10, name: 'Yom Kippur', eve: 'Erev Yom Kippur' },
  { month: months.TISHREI, day: 15, name: 'Sukkot I', eve: 'Erev Sukkot' },
  // The eve of Shmini Atzeret is Hoshana Raba, which hebcal does not flag as an eve.
  { month: months.TISHREI, day: 22, name: 'Shmini Atzeret / Simchat Torah', eve: 'Hoshana Raba' },
  { month: months.NISAN, day: 15, name: 'Pesach I', eve: 'Erev Pesach' },
  // Nor does it flag Pesach VI as the eve of the seventh day.
  { month: months.NISAN, day: 21, name: 'Pesach VII', eve: 'Erev Pesach VII' },
  { month: months.SIVAN, day: 6, name: 'Shavuot', eve: 'Erev Shavuot' },
];

/** Epoch day (days since 1970-01-01) of a `YYYY-MM-DD` date. */
export const epochDayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** `YYYY-MM-DD` of an epoch day. */
export const dateOfEpochDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * R-CAL-2: holidays and holiday eves of Hebrew year `hebrewYear` as epoch days, computed from the
 * Hebrew calendar: yom-tov days, the eve of each, and Yom HaAtzmaut on its observed date.
 */
export function computeHebrewClosures(hebrewYear: number): Map<number, Omit<ClosedDay, 'date'>> {
  const closed = new Map<number, Omit<ClosedDay, 'date'>>();
  for (const yt of YOM_TOV) {
    const day = hebrew2abs(hebrewYear, yt.month, yt.day) - RD_EPOCH;
    closed.set(day, { reason: 'holiday', name: yt.name });
    if (yt.eve !== undefined && !closed.has(day - 1)) closed.set(day - 1, { reason: 'eve', name: yt.eve });
  }
  const zikaron = yomHaZikaronAbs(hebrewYear);
  if (zikaron !== null) closed.set(zikaron + 1 - RD_EPOCH, { reason: 'holiday', name: "Yom HaAtzma'ut" });
  return closed;
}

export type ClosureRules = {
  workingWeekdays: readonly number[];
  closures: { add: readonly string[]; remove: readonly string[] };
};

/**
 * Every closed day of Gregorian year `year` with its reason (R-CAL-1 weekends, R-CAL-2 holidays,
 * eves and operator closures). An operator removal opens the day whatever else it is.
 */
export function computeClosedDays(year: number, rules: ClosureRules): Map<number, ClosedDay> {
  const first = epochDayOf(`${String(year).padStart(4, '0')}-01-01`);
  const last = epochDayOf(`${String(year + 1).padStart(4, '0')}-01-01`) - 1;
  // Gregorian `year` holds the spring of Hebrew year year+3760 and the autumn of year+3761.
  const hebrew = [...computeHebrewClosures(year + 3760), ...computeHebrewClosures(year + 3761)];
  const holidays = new Map(hebrew.filter(([day]) => day >= first && day <= last));
  const added = new Set(rules.closures.add.map(epochDayOf));
  const removed = new Set(rules.closures.remove.map(epochDayOf));
  const result = new Map<number, ClosedDay>();
  for (let day = first; day <= last; day++) {
    if (removed.has(day)) continue;
    const holiday = holidays.get(day);
    if (holiday) result.set(day, { date: dateOfEpochDay(day), ...holiday });
    else if (added.has(day)) result.set(day, { date: dateOfEpochDay(day), reason: 'operator', name: 'Company closure' });
    else if (!rules.workingWeekdays.includes((day + 4) % 7)) result.set(day, { date: dateOfEpochDay(day), reason: 'weekend', name: 'Weekend' });
  }
  return result;
}

/** R-CAL-2: every closed day from `fromDate` to `toDate` inclusive, in date order, with its reason. */
export function listClosedDays(fromDate: string, toDate: string, rules: ClosureRules): ClosedDay[] {
  const from = epochDayOf(fromDate);
  const to = epochDayOf(toDate);
  const days: ClosedDay[] = [];
  for (let year = Number(fromDate.slice(0, 4)); year <= Number(toDate.slice(0, 4)); year++) {
    for (const [day, closed] of computeClosedDays(year, rules)) if (day >= from && day <= to) days.push(closed);
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : 1));
}
