/**
 * How common clients mark where quoted history and signatures start, as data. Tested against a
 * line with bidi marks removed and trimmed (Hebrew Gmail wraps names and addresses in them).
 */

export const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The one-line "who wrote" header above a quote, which clients wrap onto up to 3 lines. */
export const ATTRIBUTIONS: readonly RegExp[] = [
  // Gmail "On Tue, Jun 4, 2024 at 9:12 AM Name <email> wrote:", Apple Mail "On 5 Jun 2024, at 17:30,
  // Name <email> wrote:", Thunderbird "On 05/06/2024 17:30, Name wrote:"
  /^On\b.*\d.*\bwrote:$/i,
  // Thunderbird "05/06/2024 17:30, Name wrote:", "2024-06-05 17:30, Name wrote:"
  /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b.*\bwrote:$/i,
  // Hebrew Gmail "בתאריך יום ד׳, 5 ביוני 2024 ב-17:30 מאת Name <email>:"
  /^בתאריך\s.*\sמאת\s.*:$/,
  // Hebrew Gmail, Apple Mail "ב-5 ביוני 2024, בשעה 17:30, Name <email> כתב/ה:"
  /^ב-?.*\d.*\sכתב(?:\/ה|\\ה|ה)?:$/,
];

/** Any "… wrote:" line, trusted only when quoted (`>`) lines follow it. */
export const LOOSE_ATTRIBUTION = /(?:\bwrote|\sכתב(?:\/ה|\\ה|ה)?):$/i;

/** Outlook's separators above its header block. */
export const ORIGINAL_MESSAGE = /^-{2,}\s*(?:Original Message|הודעה מקורית)\s*-{2,}$/i;
export const SEPARATOR_LINE = /^_{10,}$/;

/** Outlook's "From: / Sent: / To: / Subject:" block, in English and Hebrew (html-to-text may bold it `*From:*`). */
export const HEADER_BLOCK = {
  from: /^\*?(?:From|מאת)\s?:\*?\s*\S/i,
  sent: /^\*?(?:Sent|Date|נשלח|תאריך)\s?:/i,
  subject: /^\*?(?:Subject|נושא)\s?:/i,
  oneLine: /^\*?(?:From|מאת)\s?:.*\s(?:Sent|נשלח)\s?:.*\s(?:Subject|נושא)\s?:/i,
  /** how far below `From:` the `Subject:` line may be (To, Cc, Importance sit between) */
  span: 7,
};

/** Lines that start a signature: everything from there on goes. Whole-line matches only. */
export const SIGNATURES: readonly RegExp[] = [
  /^--\s*$/, // RFC 3676 sig-dash "-- " (some clients trim the space)
  /^Sent from my [\p{L}\p{N} .'-]{1,40}$/iu, // iPhone, iPad, Android, Galaxy
  /^Sent from (?:Outlook|Mail|Yahoo Mail|Gmail)(?: for [\p{L}\p{N} ]{1,20})?\.?\s*(?:<[^>\s]*>)?$/iu,
  /^Get Outlook for (?:iOS|Android)\s*(?:<[^>\s]*>)?$/i,
  /^נשלח מ[^:]{1,40}$/, // "נשלח מה-iPhone שלי"; "נשלח:" with a colon is Outlook's Sent line
];
