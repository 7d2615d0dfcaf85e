import type { Language } from '../../domain/index.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes a value for HTML text and attribute positions. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const formats = new Map<string, Intl.DateTimeFormat>();
const formatFor = (language: Language, timeZone: string): Intl.DateTimeFormat => {
  const key = `${language}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'he' ? 'he-IL' : 'en-GB', {
      timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formats.set(key, f);
  }
  return f;
};

/**
 * An instant as a reader sees it, in `timeZone` (the policy's, Asia/Jerusalem), with its date:
 * "Sunday 7 June 2026, 10:30" / "יום ראשון, 7 ביוני 2026, 10:30". Built from the parts so the
 * layout does not move with the ICU version (en-GB now says "… at 10:30", he-IL "… בשעה 10:30").
 */
export function formatInstant(at: string, language: Language, timeZone: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${at}`);
  const parts = Object.fromEntries(formatFor(language, timeZone).formatToParts(ms).map((p) => [p.type, p.value]));
  const { weekday, day, month, year, hour, minute } = parts as Record<string, string>;
  return language === 'he'
    ? `${weekday}, ${day} ב${month} ${year}, ${hour}:${minute}`
    : `${weekday} ${day} ${month} ${year}, ${hour}:${minute}`;
}
