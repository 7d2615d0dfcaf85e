// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { CATALOGUES, formatInstant, translator } from './index.js';

describe('the catalogues', () => {
  it('have the same keys in Hebrew and English, every feature\'s files merged', () => {
    expect(Object.keys(CATALOGUES.he).sort()).toEqual(Object.keys(CATALOGUES.en).sort());
    expect(CATALOGUES.he['nav.tickets']).toBe('הקריאות שלי');
  });

  it('fill in the named values', () => {
    expect(translator('en')('session.signedInAs', { email: 'dana@acme.example' })).toBe('Signed in as dana@acme.example');
  });

  it('show instants in Israel time whatever the machine\'s zone', () => {
    // 2030-01-06T08:00Z is 10:00 in Jerusalem (winter, UTC+2).
    expect(formatInstant('2030-01-06T08:00:00Z', 'en')).toMatch(/10:00/);
    expect(formatInstant('2030-07-07T08:00:00Z', 'he')).toMatch(/11:00/); // summer, UTC+3
  });
});
