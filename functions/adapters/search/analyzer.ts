// The knowledge base's analyzer (issue 11): how a text becomes search terms, in Hebrew and English.
// The same functions run on the articles when the index is built and on the query when it is read.
import { stemmer } from 'stemmer';

/** Hebrew points and cantillation (niqqud, te'amim): U+0591..U+05C7 less the letter-like signs. */
const NIQQUD = /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]/g;
const FINALS: Record<string, string> = { 'ך': 'כ', 'ם': 'מ', 'ן': 'נ', 'ף': 'פ', 'ץ': 'צ' };
const FINAL = /[ךםןףץ]/g;
/** One-letter prefixes: and, the, in, as, to, from, that (ו ה ב כ ל מ ש). */
const PREFIX_LETTERS = new Set(['ו', 'ה', 'ב', 'כ', 'ל', 'מ', 'ש']);
const HEBREW = /[\u05D0-\u05EA]/;
// Letters, marks (so a pointed word stays one word) and digits; geresh and gershayim inside a word too (ת"א, צ'ק).
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}\u05F3\u05F4]*/gu;
const MAX_PREFIX = 4; // וכשה: and-when-the
const MIN_STEM = 2;

/** Lower case, no niqqud, final letters folded to their ordinary form, no geresh. */
export function normalizeWord(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(NIQQUD, '').replace(/[\u05F3\u05F4'"]/g, '').replace(FINAL, (c) => FINALS[c]!);
}

export const isHebrew = (word: string): boolean => HEBREW.test(word);

/** The words of a text, normalised, with where each starts and ends in the text (for snippets). */
export function wordsOf(text: string): { word: string; start: number; end: number }[] {
  const words: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = normalizeWord(m[0]);
    if (word) words.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return words;
}

export const tokenize = (text: string): string[] => wordsOf(text).map((w) => w.word);

/**
 * The prefix letters a Hebrew word may carry, in the order Hebrew stacks them: and (ו), then
 * that/when (ש, כש, מש, לכש), then in/as/to/from (ב כ ל מ), then the (ה): "וכשה", "מה", "שב".
 */
const PREFIX_SEQUENCE = /^ו?(?:ש|כש|מש|לכש)?[בכלמ]?ה?$/;

/**
 * A normalised Hebrew word without its prefix letters, shortest strip first: "וכשהשרת" gives
 * "כשהשרת", "שהשרת", "השרת", "שרת". Each is a guess (ה may be the word's own first letter), so a
 * search ranks them below the word as written; a stem is kept only while 2 letters remain.
 */
export function hebrewPrefixVariants(word: string): string[] {
  const variants: string[] = [];
  for (let k = 1; k <= Math.min(MAX_PREFIX, word.length - MIN_STEM); k++) {
    if (!PREFIX_LETTERS.has(word[k - 1]!)) break;
    if (PREFIX_SEQUENCE.test(word.slice(0, k))) variants.push(word.slice(k));
  }
  return variants;
}

/** English: the Porter stem ("installing", "installation" → "instal"); other scripts: none. */
export const englishStem = (word: string): string | null => (/^[a-z]+$/.test(word) && word.length > 2 ? stemmer(word) : null);

/**
 * A light Hebrew suffix fold: the construct state's ת as ה ("התקנת" for "התקנה") and the plural
 * endings ים/ות dropped ("שרתים" for "שרת"), only on words long enough to keep a 3-letter stem.
 */
export function hebrewSuffixVariants(word: string): string[] {
  const variants: string[] = [];
  if (word.length >= 4 && word.endsWith('ת')) variants.push(`${word.slice(0, -1)}ה`);
  if (word.length >= 5 && (word.endsWith('ימ') || word.endsWith('ות'))) variants.push(word.slice(0, -2));
  return variants;
}

/** The other forms a normalised word is indexed and searched under: its stem, or its prefix-less and suffix-folded forms. */
export function alternativeForms(word: string): string[] {
  if (isHebrew(word)) {
    const stripped = hebrewPrefixVariants(word);
    return [...new Set([...stripped, ...[word, ...stripped].flatMap(hebrewSuffixVariants)])];
  }
  const stem = englishStem(word);
  return stem ? [stem] : [];
}

/**
 * A light Hebrew suffix fold, both ways: the construct state's ת and the absolute ה ("התקנת",
 * "התקנה"), and the plural endings ים/ות added or dropped ("שרת", "שרתים").
 */
function hebrewSuffixForms(word: string): string[] {
  const forms = hebrewSuffixVariants(word);
  if (word.length >= 3 && word.endsWith('ה')) forms.push(`${word.slice(0, -1)}ת`);
  if (word.length >= 2) forms.push(`${word}ימ`, `${word}ות`);
  return forms;
}

/** The prefix-letter sequences Hebrew most often puts before a word (and, the, in, to, from, that, when, and-the ...). */
const COMMON_PREFIXES = ['ו', 'ה', 'ב', 'כ', 'ל', 'מ', 'ש', 'וה', 'וב', 'ול', 'ומ', 'וש', 'בה', 'כה', 'לה', 'מה', 'שה', 'שב', 'של', 'שמ', 'כש', 'כשה', 'וכש', 'וכשה', 'ושה', 'מש', 'לכש'];
const PREFIX_STEP = 0.6; // each stripped prefix letter is a further guess
const SUFFIX_STEP = 0.7;
const ADDED_PREFIX_STEP = 0.5; // the article's word may carry prefix letters the query lacks

/**
 * The other terms a Hebrew query word is looked up as, each with its weight below the word as
 * written (1): the word without its prefix letters, lightly suffix-folded, and each of those
 * with the common prefix letters in front, since the index keeps words as written. Expanding
 * the query rather than the index keeps the index small and quick to load.
 */
export function hebrewQueryForms(word: string): Map<string, number> {
  const forms = new Map<string, number>();
  const add = (term: string, weight: number) => { if (term !== word && (forms.get(term) ?? 0) < weight) forms.set(term, weight); };
  const bases: [string, number][] = [[word, 1], ...hebrewPrefixVariants(word).map((v, i): [string, number] => [v, PREFIX_STEP ** (i + 1)])];
  const stems: [string, number][] = [];
  for (const [base, weight] of bases) {
    stems.push([base, weight]);
    for (const folded of hebrewSuffixForms(base)) stems.push([folded, weight * SUFFIX_STEP]);
  }
  for (const [stem, weight] of stems) {
    add(stem, weight);
    if (stem.length >= 2) for (const prefix of COMMON_PREFIXES) add(prefix + stem, weight * ADDED_PREFIX_STEP);
  }
  return forms;
}

/**
 * Words too common to tell articles apart (normalised: finals folded). Each would add a posting
 * to nearly every article, the bulk of the index's size and load time, for no ranking value.
 */
const STOP_WORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'is', 'are', 'be', 'it', 'its', 'this', 'that', 'as', 'at',
  'by', 'from', 'if', 'not', 'no', 'can', 'you', 'your', 'we', 'our', 'they', 'their', 'then', 'than', 'was', 'were', 'has', 'have', 'do', 'does',
  'של', 'את', 'על', 'עמ', 'זה', 'זו', 'הוא', 'היא', 'הם', 'הנ', 'אני', 'אתמ', 'אנחנו', 'או', 'גמ', 'כי', 'אמ', 'לא', 'יש', 'אינ', 'כל', 'רק', 'אל',
  'אשר', 'כמו', 'מה', 'מי', 'לכמ', 'שלכמ', 'אותו', 'אותה', 'עוד', 'כבר', 'אחר', 'לפני', 'אחרי',
]);

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);
