import { cutHtmlQuote, htmlToText } from './html-to-text.js';
import {
  ATTRIBUTIONS, BIDI_MARKS, HEADER_BLOCK, LOOSE_ATTRIBUTION, ORIGINAL_MESSAGE, SEPARATOR_LINE, SIGNATURES,
} from './reply-markers.js';

type QuoteHeader = { kind: 'attribution' | 'header-block'; start: number; end: number }; // lines [start, end)

const clean = (line: string) => line.replace(BIDI_MARKS, '').trim();
const unquoted = (line: string) => clean(line).replace(/^(?:>\s?)+/, '').trim(); // Apple Mail quotes its attribution
const isQuoted = (line: string) => clean(line).startsWith('>');
const isBlank = (line: string) => clean(line) === '';

const MAX_ATTRIBUTION_LINES = 3;

/** The end of a client attribution starting at `start`, wrapped over up to 3 lines; a loose "… wrote:" only on one line. */
function attributionAt(lines: readonly string[], start: number, strictOnly = false): number | undefined {
  for (let count = 1; count <= MAX_ATTRIBUTION_LINES && start + count <= lines.length; count++) {
    const joined = lines.slice(start, start + count).map(unquoted).join(' ');
    if (joined.length > 400) return undefined;
    if (ATTRIBUTIONS.some((re) => re.test(joined))) return start + count;
  }
  if (strictOnly || !LOOSE_ATTRIBUTION.test(unquoted(lines[start]!))) return undefined;
  return isQuoted(lines.slice(start + 1).find((l) => !isBlank(l)) ?? '') ? start + 1 : undefined;
}

function headerBlockAt(lines: readonly string[], start: number): boolean {
  const line = clean(lines[start]!);
  if (HEADER_BLOCK.oneLine.test(line)) return true;
  if (!HEADER_BLOCK.from.test(line)) return false;
  const below = lines.slice(start + 1, start + 1 + HEADER_BLOCK.span).map(clean);
  return below.some((l) => HEADER_BLOCK.sent.test(l)) && below.some((l) => HEADER_BLOCK.subject.test(l));
}

/** The first quote header; an attribution found wrapped must not really start on a later line. */
function findQuoteHeader(lines: readonly string[]): QuoteHeader | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = clean(lines[i]!);
    if (ORIGINAL_MESSAGE.test(line)) return { kind: 'header-block', start: i, end: i + 1 };
    // a separator line (Outlook on the web, Outlook mobile) is visited first and taken with the block below it
    const isSeparatedBlock = SEPARATOR_LINE.test(line) && [i + 1, i + 2].some((j) => j < lines.length && headerBlockAt(lines, j));
    if (isSeparatedBlock || headerBlockAt(lines, i)) return { kind: 'header-block', start: i, end: i + 1 };
    // "On Monday it failed again." above a one-line "On … wrote:" must not be glued to it
    const end = attributionAt(lines, i);
    if (end !== undefined && ![...Array(end - i - 1).keys()].some((k) => attributionAt(lines, i + 1 + k, true) === end)) {
      return { kind: 'attribution', start: i, end };
    }
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
  const at = lines.findIndex((line) => SIGNATURES.some((re) => re.test(clean(line))));
  return at === -1 ? [...lines] : lines.slice(0, at);
}

/**
 * Only the new part of a reply: cut at the first quote header of a common client (Gmail, Outlook,
 * Apple Mail, Thunderbird, their Hebrew forms), drop quoted `>` lines at either end and the
 * signature, trim trailing whitespace, keep at most one blank line in a row. A reply written
 * below the quote (Thunderbird's default) keeps the text under it. With no text body, the HTML
 * is read instead, cut at its quote. Edge cases: an inline reply keeps the quotes between its
 * answers; a signature without a marker ("Best regards, Name") stays.
 */
export function extractNewReply(text: string, html?: string): string {
  const source = text.trim() !== '' ? text : html ? htmlToText(cutHtmlQuote(html)) : '';
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const header = findQuoteHeader(lines);
  let kept = lines;
  if (header) {
    const above = lines.slice(0, header.start);
    const below = lines.slice(header.end);
    const bottomPosted = above.every(isBlank) && header.kind === 'attribution' && below.some(isQuoted);
    kept = bottomPosted ? below : above;
  }
  return trimQuotedEdges(cutSignature(trimQuotedEdges(kept)))
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n'); // one blank line between paragraphs (mailparser's HTML-to-text doubles them)
}
