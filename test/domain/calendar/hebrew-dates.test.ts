import { HDate, months } from '@hebcal/core';
import { dateYomHaZikaron } from '@hebcal/core/dist/esm/modern';
import { describe, expect, it } from 'vitest';
import { computeHebrewClosures, yomHaZikaronAbs } from '../../../functions/domain/calendar/closed-days.js';

const RD_EPOCH = 719163; // hebcal's abs() of 1970-01-01
const YEARS = Array.from({ length: 6400 - 5600 + 1 }, (_, i) => 5600 + i);

/**
 * The closures as closed-days.ts computed them before it dropped the HDate class: hebcal's HDate
 * for the yom-tov days and @hebcal/core's dateYomHaZikaron for Yom HaAtzma'ut.
 */
function hdateClosures(hebrewYear: number): Map<number, { reason: string; name: string }> {
  const yomTov = [
    [months.TISHREI, 1, 'Rosh Hashana I', 'Erev Rosh Hashana'], [months.TISHREI, 2, 'Rosh Hashana II'],
    [months.TISHREI, 10, 'Yom Kippur', 'Erev Yom Kippur'], [months.TISHREI, 15, 'Sukkot I', 'Erev Sukkot'],
    [months.TISHREI, 22, 'Shmini Atzeret / Simchat Torah', 'Hoshana Raba'], [months.NISAN, 15, 'Pesach I', 'Erev Pesach'],
    [months.NISAN, 21, 'Pesach VII', 'Erev Pesach VII'], [months.SIVAN, 6, 'Shavuot', 'Erev Shavuot'],
  ] as const;
  const closed = new Map<number, { reason: string; name: string }>();
  for (const [month, dd, name, eve] of yomTov) {
    const day = new HDate(dd, month, hebrewYear).abs() - RD_EPOCH;
    closed.set(day, { reason: 'holiday', name });
    if (eve !== undefined && !closed.has(day - 1)) closed.set(day - 1, { reason: 'eve', name: eve });
  }
  const zikaron = dateYomHaZikaron(hebrewYear);
  if (zikaron) closed.set(zikaron.abs() + 1 - RD_EPOCH, { reason: 'holiday', name: "Yom HaAtzma'ut" });
  return closed;
}

describe('R-CAL-2: Hebrew dates from the R.D. arithmetic alone, without the HDate class', () => {
  it("gives Yom HaZikaron on @hebcal/core's date in every year from 5600 to 6400 (none before 5708)", () => {
    const ours = YEARS.map((y) => [y, yomHaZikaronAbs(y)]);
    const hebcal = YEARS.map((y) => [y, dateYomHaZikaron(y)?.abs() ?? null]);
    expect(ours).toEqual(hebcal);
  });

  it('moves Yom HaZikaron by every branch of the rule somewhere in the range, so the comparison covers each', () => {
    const shifts = new Set(YEARS.map((y) => {
      const z = yomHaZikaronAbs(y);
      return z === null ? 'none' : `${new HDate(z).getDate()} Iyar, weekday ${new HDate(z).getDay()}, ${y < 5764 ? 'before' : 'since'} 5764`;
    }));
    expect([...shifts].sort()).toEqual([
      '2 Iyar, weekday 3, before 5764', '2 Iyar, weekday 3, since 5764',
      '3 Iyar, weekday 3, before 5764', '3 Iyar, weekday 3, since 5764',
      '4 Iyar, weekday 0, before 5764',
      '4 Iyar, weekday 2, before 5764', '4 Iyar, weekday 2, since 5764',
      '5 Iyar, weekday 1, since 5764', 'none',
    ].sort());
  });

  it('closes the same days, with the same reasons and names, as the HDate implementation in every year from 5600 to 6400', () => {
    for (const year of YEARS) expect([...computeHebrewClosures(year)], `Hebrew year ${year}`).toEqual([...hdateClosures(year)]);
  });
});
