import { htmlToQuotedText } from './html-to-text.js';
import {
  ATTRIBUTION_ADDRESS_END, ATTRIBUTION_BRACKET_DATE, ATTRIBUTION_END, ATTRIBUTION_MARK, ATTRIBUTION_START, ATTRIBUTION_VERB_FIRST, BIDI_MARKS, CUT_MARK,
  FORWARD_MARKERS, FORWARD_SUBJECT, HAS_DIGIT, HAS_TIME, HEADER_BLOCK, MAX_MARKER_LINE, MIDLINE_ATTRIBUTION_START,
  ORIGINAL_MESSAGE, SEPARATOR_LINE, ANY_SIGNATURE, headerLabelOf, type HeaderLabel,
} from './reply-markers.js';

/** lines [start, end) are the header; `keepBefore` is text glued in front of it on its first line */
type QuoteHeader = { kind: 'attribution' | 'header-block' | 'forward'; start: number; end: number; keepBefore?: string };

export type ExtractOptions = {
  /** The message's subject: a forward ("Fwd:", "FW:", "WG:" …) keeps the forwarded message as new text. */
  subject?: string;
};

const HAS_BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const clean = (line: string) => (HAS_BIDI.test(line) ? line.replace(BIDI_MARKS, '') : line).trim();
// First letters of the signature starts in reply-markers.ts ("--", "Sent", "Get", "Envoyé", "Von", "Gesendet", "Inviato",
// "Wysłane", "Отправлено", "נשלח" …): a line starting otherwise is not tested at all, which keeps long bodies cheap.
const SIGNATURE_FIRST = new Set(['-', 's', 'g', 'e', 'v', 'i', 'w', 'о', 'נ']);
const mayBeSignature = (cleaned: string) => cleaned.length > 1 && cleaned.length <= MAX_MARKER_LINE && SIGNATURE_FIRST.has(cleaned[0]!.toLowerCase());
/** A header label ("From:", "Gesendet :") ends within the first few characters of its line. */
const mayBeLabel = (cleaned: string) => { const colon = cleaned.indexOf(':'); return colon > 0 && colon < 40; };
const unquote = (cleaned: string) => cleaned.replace(/^(?:>[ \t]?)+/, '').trim(); // Apple Mail quotes its attribution
const isQuoted = (line: string) => line.charCodeAt(0) === 62 /* > */ || clean(line).startsWith('>');
const isBlank = (line: string) => line.length === 0 || clean(line) === '';
const isMarkerSized = (line: string) => line.length <= MAX_MARKER_LINE;
const isSignature = (cleaned: string) => mayBeSignature(cleaned) && ANY_SIGNATURE.test(cleaned);

const MAX_ATTRIBUTION_LINES = 3;

/** The patterns of this file, for the linear-pattern check (the markers are in reply-markers.ts). */
export const STRIP_PATTERNS = {
  HAS_BIDI, QUOTE_PREFIX: /^(?:>[ \t]?)+/, ZOHO_HEAD: /^-{2,}\s?\S/, ZOHO_TAIL: /\S\s?-{2,}$/, DASHES_HEAD: /^-+\s?/, DASHES_TAIL: /\s?-+$/,
  BLANK_RUNS: /\n{3,}/g, CR: /\r\n?/g,
};

/**
 * A body read once: each line cleaned, and what the search needs to know about the lines below
 * a point computed in one backward pass, so that finding every header stays linear in the body.
 */
class Body {
  readonly cleaned: string[];
  /** lines html-to-text marked as a client's attribution element */
  readonly marked: boolean[];
  /** the header label each line starts with (`From:`, `Gesendet:` …), if any */
  readonly labels: (HeaderLabel | undefined)[];
  /** whether the next non-blank line at or after i is quoted */
  private readonly quotedNext: boolean[];
  /** whether a quoted line at or after i has an unquoted, non-signature line of text below it */
  private readonly answerBelow: boolean[];

  readonly lines: readonly string[];

  constructor(source: string) {
    const lines = (source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source).split('\n');
    this.lines = lines;
    // checked once on the whole body: most bodies have no marks (only html-to-text writes them) and no bidi marks
    const hasMarks = source.includes(ATTRIBUTION_MARK);
    const hasBidi = HAS_BIDI.test(source);
    this.marked = hasMarks ? lines.map((line) => line.includes(ATTRIBUTION_MARK)) : [];
    this.cleaned = lines.map((line) => {
      const unmarked = hasMarks ? line.replaceAll(ATTRIBUTION_MARK, '') : line;
      return (hasBidi ? unmarked.replace(BIDI_MARKS, '') : unmarked).trim();
    });
    this.labels = this.cleaned.map((line) => (mayBeLabel(line) && line.length <= 4 * MAX_MARKER_LINE ? headerLabelOf(line) : undefined));
    const n = lines.length;
    this.quotedNext = new Array<boolean>(n + 1).fill(false);
    this.answerBelow = new Array<boolean>(n + 1).fill(false);
    let textBelow = false; // an unquoted line of text below, above any signature
    for (let i = n - 1; i >= 0; i--) {
      const line = this.cleaned[i]!;
      const quoted = line.startsWith('>');
      this.quotedNext[i] = line === '' ? this.quotedNext[i + 1]! : quoted;
      this.answerBelow[i] = (quoted && textBelow) || this.answerBelow[i + 1]!;
      if (isSignature(line)) textBelow = false;
      else if (line !== '' && !quoted) textBelow = true;
    }
  }

  isQuotedAfter(i: number): boolean { return this.quotedNext[i] ?? false; }
  hasAnswerBelowQuote(i: number): boolean { return this.answerBelow[i] ?? false; }
}

type Strength = 'strict' | 'loose' | undefined;

/** How surely `text` (one attribution, maybe joined from wrapped lines) is a "who wrote" line. */
function attributionStrength(text: string, joined: boolean): Strength {
  if (!isMarkerSized(text)) return undefined;
  // Zoho "---- On … wrote ----": the dashes go, and with them the colon
  const zoho = /^-{2,}\s?\S/.test(text) && /\S\s?-{2,}$/.test(text);
  const line = zoho ? text.replace(/^-+\s?/, '').replace(/\s?-+$/, '') : text;
  const hasDate = HAS_DIGIT.test(line);
  const startsKnown = ATTRIBUTION_START.test(line);
  if (ATTRIBUTION_END.test(line) && (zoho || line.endsWith(':'))) {
    if (hasDate && startsKnown) return 'strict';
    return joined ? undefined : 'loose';
  }
  if ((zoho || line.endsWith(':')) && hasDate && startsKnown && ATTRIBUTION_VERB_FIRST.test(line)) return 'strict';
  if (line.endsWith(':') && line.startsWith('Wiadomość napisana przez')) return 'strict'; // Apple Mail in Polish
  if ((ATTRIBUTION_ADDRESS_END.test(line) && HAS_TIME.test(line)) || ATTRIBUTION_BRACKET_DATE.test(line)) return 'loose';
  return undefined;
}

type Attribution = { end: number; strict: boolean };

/**
 * The client attribution starting at `start`, wrapped over up to 3 lines: a strict one (a known
 * start and a date) wherever it is found, else a loose one-line "… wrote:" when quoted lines follow.
 */
function attributionAt(body: Body, start: number, strictOnly = false): Attribution | undefined {
  if (body.marked[start]) {
    let end = start + 1;
    while (body.marked[end]) end++;
    return { end, strict: true };
  }
  // cheap first: every attribution names a date or ends with a colon (Zoho's with dashes)
  const line = body.cleaned[start]!;
  if (!line.endsWith(':') && !line.endsWith('-') && !HAS_DIGIT.test(line)) return undefined;
  const first = unquote(line);
  const startsKnown = ATTRIBUTION_START.test(first);
  if (!startsKnown && (strictOnly || !first.endsWith(':'))) return undefined;
  let loose: Attribution | undefined;
  let joined = '';
  for (let count = 1; count <= MAX_ATTRIBUTION_LINES && start + count <= body.lines.length; count++) {
    const next = count === 1 ? first : unquote(body.cleaned[start + count - 1]!);
    if (count > 1 && next === '') break;
    joined = count === 1 ? next : `${joined} ${next}`;
    if (!isMarkerSized(joined)) break;
    const strength = attributionStrength(joined, count > 1);
    if (strength === 'strict') return { end: start + count, strict: true };
    if (strength === 'loose' && count === 1 && !strictOnly && body.isQuotedAfter(start + 1)) loose = { end: start + 1, strict: false };
    if (!startsKnown) break; // only a known start may wrap
  }
  return loose;
}

/** "Works now. On Tue, 4 Jun 2024 at 09:12, Support <s@x> wrote:": the reply glued in front of an attribution. */
function gluedAttribution(text: string): string | undefined {
  if (!isMarkerSized(text) || !text.endsWith(':')) return undefined;
  let tries = 0;
  for (const match of text.matchAll(MIDLINE_ATTRIBUTION_START)) {
    if (++tries > 4) break;
    const tail = text.slice(match.index + 1);
    if (attributionStrength(tail, false) === 'strict') return text.slice(0, match.index).trimEnd();
  }
  return undefined;
}

function headerBlockAt(body: Body, start: number): boolean {
  const line = body.cleaned[start]!;
  if (body.labels[start] !== 'from' || line.slice(line.indexOf(':') + 1).replaceAll('*', '').trim() === '') return false;
  // all on one line (a long line): each label looked for on its own, left to right
  const subjectAt = line.length > 60 ? line.search(HEADER_BLOCK.inLineSubject) : -1;
  if (subjectAt > 0) {
    const sentAt = line.search(HEADER_BLOCK.inLineSent);
    const toAt = line.search(HEADER_BLOCK.inLineTo);
    if ((sentAt > 0 && sentAt < subjectAt) || (toAt > 0 && toAt < subjectAt)) return true;
  }
  let sentOrTo = false;
  for (let i = start + 1; i <= start + HEADER_BLOCK.span && i < body.lines.length; i++) {
    const label = body.labels[i];
    if (label === 'subject') return sentOrTo;
    if (label === 'sent' || label === 'to') sentOrTo = true;
  }
  return false;
}

/** The first quote or forward header at or after `from`; an attribution found wrapped must not really start on a later line. */
function findQuoteHeader(body: Body, from: number): QuoteHeader | undefined {
  for (let i = from; i < body.lines.length; i++) {
    const line = body.cleaned[i]!;
    if (line === '') continue;
    if (!line.startsWith('>')) { // a quoted line can only be an attribution (Apple Mail quotes its own)
      const dashes = line[0] === '-' && isMarkerSized(line);
      if (line === CUT_MARK || (dashes && ORIGINAL_MESSAGE.test(line))) return { kind: 'header-block', start: i, end: i + 1 };
      if ((dashes || (line.endsWith(':') && isMarkerSized(line))) && FORWARD_MARKERS.some((re) => re.test(line))) return { kind: 'forward', start: i, end: i + 1 };
      // a separator line (Outlook on the web, Outlook mobile) is visited first and taken with the block below it
      const isSeparatedBlock = line[0] === '_' && SEPARATOR_LINE.test(line) && [i + 1, i + 2].some((j) => j < body.lines.length && headerBlockAt(body, j));
      if (isSeparatedBlock || headerBlockAt(body, i)) return { kind: 'header-block', start: i, end: i + 1 };
    }
    const found = attributionAt(body, i);
    if (found?.strict) {
      // "On Monday it failed again." above a one-line "On … wrote:" must not be glued to it
      const startsLater = [...Array(found.end - i - 1).keys()].some((k) => attributionAt(body, i + 1 + k, true)?.end === found.end);
      if (!startsLater) return { kind: 'attribution', start: i, end: found.end };
      continue;
    }
    const before = line.startsWith('>') || !line.endsWith(':') ? undefined : gluedAttribution(line);
    if (before !== undefined) return { kind: 'attribution', start: i, end: i + 1, keepBefore: before };
    if (found) return { kind: 'attribution', start: i, end: found.end };
  }
  return undefined;
}

/** Drops blank and `>` lines from both ends: history quoted above or below the reply. */
function trimQuotedEdges(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (isQuoted(lines[start]!) || isBlank(lines[start]!))) start++;
  while (end > start && (isQuoted(lines[end - 1]!) || isBlank(lines[end - 1]!))) end--;
  return lines.slice(start, end);
}

function cutSignature(lines: readonly string[]): string[] {
  const at = lines.findIndex((line) => isSignature(clean(line)));
  return at === -1 ? [...lines] : lines.slice(0, at);
}

function tidy(lines: readonly string[], hasMarks: boolean): string {
  const kept = hasMarks ? lines.filter((line) => line !== CUT_MARK).map((line) => line.replaceAll(ATTRIBUTION_MARK, '')) : lines;
  const text = kept.map((line) => line.trimEnd()).join('\n')
    .replace(/\n{3,}/g, '\n\n'); // one blank line between paragraphs (mailparser's HTML-to-text doubles them)
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 10) start++;
  while (end > start && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(start, end);
}

/**
 * The new lines of a reply: what stands above its first quote header, and what is written
 * between and below quotes after an attribution, up to a later header block; a forward's content.
 */
function newLines(body: Body, options: ExtractOptions): { kept: string[]; forwarded: string[] } {
  const kept: string[] = [];
  let from = 0;
  for (;;) {
    const header = findQuoteHeader(body, from);
    // a loop, not push(...lines): spreading 300,000 lines into one call overflows the stack
    const until = header ? header.start : body.lines.length;
    for (let i = from; i < until; i++) kept.push(body.lines[i]!);
    if (!header) return { kept, forwarded: [] };
    if (header.keepBefore) kept.push(header.keepBefore);
    const isForward = header.kind === 'forward' || (header.kind === 'header-block' && FORWARD_SUBJECT.test(options.subject ?? ''));
    if (isForward) return { kept, forwarded: body.lines.slice(header.start) };
    if (header.kind !== 'attribution' || !body.hasAnswerBelowQuote(header.end)) return { kept, forwarded: [] };
    from = header.end;
  }
}

/**
 * Only the new part of a reply: cut at the first quote header of a common client (Gmail, Outlook,
 * Apple Mail, Thunderbird, Yahoo, Zoho, mobile clients; English, Hebrew and the European
 * languages in reply-markers.ts), drop quoted `>` lines at either end and the signature, trim
 * trailing whitespace, keep at most one blank line in a row. Text written below or between
 * quotes (bottom-posting, interleaving) is kept, with the quotes between answers; a forward
 * keeps the forwarded message whole. With HTML and no text body (or `options.preferHtml`), the
 * HTML is read instead, its quotes made `>` lines. Edge cases: a signature without a marker
 * ("Best regards, Name") stays; a line longer than MAX_MARKER_LINE is never a quote header.
 */
export function extractNewReply(text: string, html?: string, options: ExtractOptions & { preferHtml?: boolean } = {}): string {
  const useHtml = html !== undefined && html.trim() !== '' && (options.preferHtml || text.trim() === '');
  // the marks are html-to-text's alone: a sender who types them gets them removed
  const source = useHtml ? htmlToQuotedText(html) : /[\u0001\u0002]/.test(text) ? text.replace(/[\u0001\u0002]/g, '') : text;
  const { kept, forwarded } = newLines(new Body(source), options);
  const reply = trimQuotedEdges(cutSignature(trimQuotedEdges(kept)));
  const hasMarks = source.includes(ATTRIBUTION_MARK) || source.includes(CUT_MARK);
  if (!forwarded.length) return tidy(reply, hasMarks);
  return tidy(reply.concat('', forwarded), hasMarks);
}
