import { HDate, months } from '@hebcal/hdate';
// Deep import: the package root loads all of @hebcal/core (~80 ms); this file is the rule
// that moves Yom HaAtzmaut off Shabbat, and is all a cold start needs.
// test/domain/calendar/closed-days.test.ts checks the result against HebrewCalendar itself.
import { dateYomHaZikaron } from '@hebcal/core/dist/esm/modern';

export type ClosedReason = 'weekend' | 'holiday' | 'eve' | 'operator';
export type ClosedDay = { date: string; reason: ClosedReason; name: string };

/** R.D. day number (hebcal's `abs`) of 1970-01-01. */
const RD_EPOCH = 719163;

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
    const day = HDate.hebrew2abs(hebrewYear, yt.month, yt.day) - RD_EPOCH;
    closed.set(day, { reason: 'holiday', name: yt.name });
    if (yt.eve !== undefined && !closed.has(day - 1)) closed.set(day - 1, { reason: 'eve', name: yt.eve });
  }
  const zikaron = dateYomHaZikaron(hebrewYear);
  if (zikaron) closed.set(zikaron.abs() + 1 - RD_EPOCH, { reason: 'holiday', name: "Yom HaAtzma'ut" });
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
