import { describe, expect, it } from 'vitest';
import { alternativeForms, englishStem, hebrewPrefixVariants, normalizeWord, tokenize } from '../../../functions/adapters/search/analyzer.js';

describe('R-KB-1: the Hebrew analyzer', () => {
  it('strips niqqud, so a pointed word is the plain word', () => {
    expect(normalizeWord('הַתְקָנָה')).toBe('התקנה');
    expect(normalizeWord('שָׁרֵת')).toBe('שרת'); // shin dot too
    expect(tokenize('רִשָּׁיוֹן פָּג')).toEqual(['רשיונ', 'פג']);
  });

  it.each([['ך', 'כ', 'מלך'], ['ם', 'מ', 'משתמשים'], ['ן', 'נ', 'רישיון'], ['ף', 'פ', 'סניף'], ['ץ', 'צ', 'קובץ']])('folds the final %s to %s (%s)', (final, plain, word) => {
    expect(normalizeWord(word)).toBe(word.replace(final, plain));
    expect(normalizeWord(word.replace(final, plain))).toBe(normalizeWord(word)); // a final letter typed mid-word or not: one term
  });

  it.each([
    ['ו', 'ושרת'], ['ה', 'השרת'], ['ב', 'בשרת'], ['כ', 'כשרת'], ['ל', 'לשרת'], ['מ', 'משרת'], ['ש', 'ששרת'],
  ])('tries the word without the prefix letter %s (%s)', (_letter, word) => {
    expect(hebrewPrefixVariants(word)).toContain('שרת');
  });

  it.each([
    ['וכשהשרת', ['כשהשרת', 'שהשרת', 'השרת', 'שרת']], // and-when-the
    ['מהשרת', ['השרת', 'שרת']], // from-the
    ['ובהתקנה', ['בהתקנה', 'התקנה', 'תקנה']], // and-in-the
    ['שבטעינה', ['בטעינה', 'טעינה']], // that-in (ט is not a prefix letter: it stops there)
  ])('tries each prefix combination of %s, shortest strip first', (word, variants) => {
    expect(hebrewPrefixVariants(word)).toEqual(variants);
  });

  it('keeps at least two letters, and leaves a word without prefix letters alone', () => {
    expect(hebrewPrefixVariants('של')).toEqual([]);
    expect(hebrewPrefixVariants('מה')).toEqual([]);
    expect(hebrewPrefixVariants('גיבוי')).toEqual([]);
  });

  it('folds the construct state and plural endings lightly, among the other forms', () => {
    expect(alternativeForms('התקנת')).toContain('התקנה');
    expect(alternativeForms('שרתימ')).toContain('שרת');
    expect(alternativeForms('לשרתימ')).toEqual(expect.arrayContaining(['שרתימ', 'שרת']));
  });
});

describe('R-KB-1: the English analyzer', () => {
  it('folds case', () => expect(tokenize('Licence LICENCE licence')).toEqual(['licence', 'licence', 'licence']));
  it.each([
    ['installing', 'instal'], ['installation', 'instal'], ['installed', 'instal'],
    ['reloads', 'reload'], ['reloading', 'reload'], ['licences', 'licenc'], ['licence', 'licenc'], ['connectors', 'connector'], ['upgrading', 'upgrad'], ['upgrade', 'upgrad'],
  ])('stems %s to %s', (word, stem) => expect(englishStem(word)).toBe(stem));
  it('leaves digits, short words and Hebrew unstemmed', () => {
    expect(englishStem('4432')).toBeNull();
    expect(englishStem('is')).toBeNull();
    expect(englishStem('שרת')).toBeNull();
  });
});
