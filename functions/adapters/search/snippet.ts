import { alternativeForms, wordsOf } from './analyzer.js';

const WINDOW_WORDS = 30;
const LEAD_WORDS = 6;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A short passage of `text` around the first matched word, HTML-escaped, every word whose form
 * (as written, stemmed or without its prefix letters) is one of `matched` inside <mark>.
 */
export function snippetOf(text: string, matched: ReadonlySet<string>): string {
  const words = wordsOf(text);
  if (words.length === 0) return '';
  const isMatch = (w: string) => matched.size > 0 && (matched.has(w) || alternativeForms(w).some((f) => matched.has(f)));
  const marks = words.map((w) => isMatch(w.word));
  const first = marks.indexOf(true);
  const from = first <= LEAD_WORDS ? 0 : first - LEAD_WORDS;
  const to = Math.min(words.length, from + WINDOW_WORDS);
  let out = from > 0 ? '… ' : '';
  let at = words[from]!.start;
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    out += escapeHtml(text.slice(at, w.start));
    out += marks[i] ? `<mark>${escapeHtml(text.slice(w.start, w.end))}</mark>` : escapeHtml(text.slice(w.start, w.end));
    at = w.end;
  }
  if (to < words.length) out += ' …';
  else out += escapeHtml(text.slice(at));
  return out;
}
