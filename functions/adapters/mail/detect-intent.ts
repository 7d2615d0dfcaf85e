import type { ReplyIntent } from './inbound-mail.js';

/**
 * R-CLOSE-2: the whole first line of a reply that confirms a resolution or asks to reopen.
 * Matched after normalising (case, punctuation, bidi marks), so `Yes, solved!` is `yes solved`.
 * The lists stay short on purpose: a longer sentence is for an agent to read.
 */
export const REPLY_INTENT_PHRASES: Readonly<Record<Exclude<ReplyIntent, null>, readonly string[]>> = {
  confirm: ['confirm', 'confirmed', 'yes, solved', 'אישור', 'מאשר', 'מאשרת', 'נפתר'],
  reopen: ['reopen', 're-open', 'not solved', 'לא נפתר', 'לפתוח מחדש'],
};

const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Lowercase, no bidi marks, punctuation (Hebrew geresh and maqaf too) turned into spaces, spaces collapsed. */
export const normalisePhrase = (text: string): string =>
  text.replace(BIDI_MARKS, '').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();

const LOOKUP = new Map<string, Exclude<ReplyIntent, null>>(
  Object.entries(REPLY_INTENT_PHRASES).flatMap(([intent, phrases]) =>
    phrases.map((phrase) => [normalisePhrase(phrase), intent as Exclude<ReplyIntent, null>] as const)),
);

/** The intent of a reply's first non-empty line when that line is only a confirmation or a reopen request; else null. */
export function detectIntent(newReplyText: string): ReplyIntent {
  const firstLine = newReplyText.split(/\r?\n/).find((line) => normalisePhrase(line) !== '');
  return firstLine === undefined ? null : (LOOKUP.get(normalisePhrase(firstLine)) ?? null);
}
