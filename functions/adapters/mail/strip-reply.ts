import { htmlToQuotedText } from './html-to-text.js';
import {
  ATTRIBUTION_ADDRESS_END, ATTRIBUTION_BRACKET_DATE, ATTRIBUTION_END, ATTRIBUTION_MARK, ATTRIBUTION_START, ATTRIBUTION_VERB_FIRST, BIDI_MARKS, CUT_MARK,
  FORWARD_MARKERS, FORWARD_SUBJECT, HAS_DIGIT, HAS_TIME, HEADER_BLOCK, MAX_MARKER_LINE, MIDLINE_ATTRIBUTION_START,
  ORIGINAL_MESSAGE, SEPARATOR_LINE, SIGNATURES,
} from './reply-markers.js';

/** lines [start, end) are the header; `keepBefore` is text glued in front of it on its first line */
type QuoteHeader = { kind: 'attribution' | 'header-block' | 'forward'; start: number; end: number; keepBefore?: string };

export type ExtractOptions = {
  /** The message's subject: a forward ("Fwd:", "FW:", "WG:" …) keeps the forwarded message as new text. */
  subject?: string;
};

const clean = (line: string) => line.replace(BIDI_MARKS, '').trim();
const unquote = (cleaned: string) => cleaned.replace(/^(?:>[ \t]?)+/, '').trim(); // Apple Mail quotes its attribution
const isQuoted = (line: string) => clean(line).startsWith('>');
const isBlank = (line: string) => clean(line) === '';
const isMarkerSized = (line: string) => line.length <= MAX_MARKER_LINE;
const isSignature = (cleaned: string) => isMarkerSized(cleaned) && SIGNATURES.some((re) => re.test(cleaned));

const MAX_ATTRIBUTION_LINES = 3;

/**
 * A body read once: each line cleaned, and what the search needs to know about the lines below
 * a point computed in one backward pass, so that finding every header stays linear in the body.
 */
class Body {
  readonly cleaned: string[];
  /** lines html-to-text marked as a client's attribution element */
  readonly marked: boolean[];
  /** whether the next non-blank line at or after i is quoted */
  private readonly quotedNext: boolean[];
  /** whether a quoted line at or after i has an unquoted, non-signature line of text below it */
  private readonly answerBelow: boolean[];

  constructor(readonly lines: readonly string[]) {
    this.marked = lines.map((line) => line.includes(ATTRIBUTION_MARK));
    this.cleaned = lines.map((line) => clean(line.replaceAll(ATTRIBUTION_MARK, '')));
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

/** The end of a client attribution starting at `start`, wrapped over up to 3 lines; a loose one only when quoted lines follow. */
function attributionAt(body: Body, start: number, strictOnly = false): number | undefined {
  if (body.marked[start]) {
    let end = start + 1;
    while (body.marked[end]) end++;
    return end;
  }
  let joined = '';
  for (let count = 1; count <= MAX_ATTRIBUTION_LINES && start + count <= body.lines.length; count++) {
    const next = unquote(body.cleaned[start + count - 1]!);
    if (count > 1 && next === '') return undefined;
    joined = count === 1 ? next : `${joined} ${next}`;
    if (!isMarkerSized(joined)) return undefined;
    const strength = attributionStrength(joined, count > 1);
    if (strength === 'strict') return start + count;
    if (strength === 'loose' && count === 1 && !strictOnly && body.isQuotedAfter(start + 1)) return start + 1;
  }
  return undefined;
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
  if (line.length > 4 * MAX_MARKER_LINE || !HEADER_BLOCK.from.test(line)) return false;
  // all on one line: each label looked for on its own, left to right
  const subjectAt = line.search(HEADER_BLOCK.inLineSubject);
  if (subjectAt > 0) {
    const sentAt = line.search(HEADER_BLOCK.inLineSent);
    const toAt = line.search(HEADER_BLOCK.inLineTo);
    if ((sentAt > 0 && sentAt < subjectAt) || (toAt > 0 && toAt < subjectAt)) return true;
  }
  const below = body.cleaned.slice(start + 1, start + 1 + HEADER_BLOCK.span);
  const subject = below.findIndex((l) => isMarkerSized(l) && HEADER_BLOCK.subject.test(l));
  if (subject === -1) return false;
  return below.slice(0, subject).some((l) => HEADER_BLOCK.sent.test(l) || HEADER_BLOCK.to.test(l));
}

/** The first quote or forward header at or after `from`; an attribution found wrapped must not really start on a later line. */
function findQuoteHeader(body: Body, from: number): QuoteHeader | undefined {
  for (let i = from; i < body.lines.length; i++) {
    const line = body.cleaned[i]!;
    if (line === '') continue;
    if (line === CUT_MARK || (isMarkerSized(line) && ORIGINAL_MESSAGE.test(line))) return { kind: 'header-block', start: i, end: i + 1 };
    if (isMarkerSized(line) && FORWARD_MARKERS.some((re) => re.test(line))) return { kind: 'forward', start: i, end: i + 1 };
    // a separator line (Outlook on the web, Outlook mobile) is visited first and taken with the block below it
    const isSeparatedBlock = SEPARATOR_LINE.test(line) && [i + 1, i + 2].some((j) => j < body.lines.length && headerBlockAt(body, j));
    if (isSeparatedBlock || headerBlockAt(body, i)) return { kind: 'header-block', start: i, end: i + 1 };
    // "On Monday it failed again." above a one-line "On … wrote:" must not be glued to it
    const strictEnd = attributionAt(body, i, true);
    if (strictEnd !== undefined && ![...Array(strictEnd - i - 1).keys()].some((k) => attributionAt(body, i + 1 + k, true) === strictEnd)) {
      return { kind: 'attribution', start: i, end: strictEnd };
    }
    const before = line.startsWith('>') ? undefined : gluedAttribution(line);
    if (before !== undefined) return { kind: 'attribution', start: i, end: i + 1, keepBefore: before };
    const looseEnd = strictEnd === undefined ? attributionAt(body, i) : undefined;
    if (looseEnd !== undefined) return { kind: 'attribution', start: i, end: looseEnd };
  }
  return undefined;
}

/** Drops blank and `>` lines from both ends: history quoted above or below the reply. */
function trimQuotedEdges(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (isBlank(lines[start]!) || isQuoted(lines[start]!))) start++;
  while (end > start && (isBlank(lines[end - 1]!) || isQuoted(lines[end - 1]!))) end--;
  return lines.slice(start, end);
}

function cutSignature(lines: readonly string[]): string[] {
  const at = lines.findIndex((line) => isSignature(clean(line)));
  return at === -1 ? [...lines] : lines.slice(0, at);
}

const tidy = (lines: readonly string[]) => lines
  .filter((line) => line !== CUT_MARK)
  .map((line) => line.replaceAll(ATTRIBUTION_MARK, '').trimEnd())
  .join('\n')
  .replace(/\n{3,}/g, '\n\n') // one blank line between paragraphs (mailparser's HTML-to-text doubles them)
  .replace(/^\n+|\n+$/g, '');

/**
 * The new lines of a reply: what stands above its first quote header, and what is written
 * between and below quotes after an attribution, up to a later header block; a forward's content.
 */
function newLines(body: Body, options: ExtractOptions): { kept: string[]; forwarded: string[] } {
  const kept: string[] = [];
  let from = 0;
  for (;;) {
    const header = findQuoteHeader(body, from);
    if (!header) return { kept: [...kept, ...body.lines.slice(from)], forwarded: [] };
    kept.push(...body.lines.slice(from, header.start));
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
  const source = useHtml ? htmlToQuotedText(html) : text;
  const { kept, forwarded } = newLines(new Body(source.replace(/\r\n?/g, '\n').split('\n')), options);
  const reply = trimQuotedEdges(cutSignature(trimQuotedEdges(kept)));
  if (!forwarded.length) return tidy(reply);
  return tidy([...reply, '', ...forwarded]);
}
