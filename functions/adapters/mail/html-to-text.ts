import { ATTRIBUTION_MARK, CUT_MARK } from './reply-markers.js';

/**
 * HTML mail read in one pass, without a DOM: a hand-written scanner rather than regular
 * expressions over the whole document, because an unclosed `<` or `<!--` repeated a million
 * times makes `<[^>]*>`-style patterns quadratic. Each character is looked at a bounded number
 * of times; tags nest through a stack whose pops are paid for by its pushes.
 */

type TagVisit = { name: string; closing: boolean; attributes: string; offset: number };
type Visitor = { text(text: string): void; tag(tag: TagVisit): boolean | void };

const SKIPPED = new Set(['head', 'style', 'script', 'title', 'template', 'xml']);
const TAG_NAME = /^(\/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})/;

/** Calls `visit` for each run of text and each tag, in order; stops when `tag` returns true. A `<` that opens no tag is text. */
function scanHtml(html: string, visit: Visitor): void {
  const lower = html.toLowerCase();
  const n = html.length;
  let i = 0;
  let textStart = 0; // text runs are handed over whole, a stray `<` included
  const flush = (end: number) => { if (end > textStart) visit.text(html.slice(textStart, end)); };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      flush(lt);
      const end = html.indexOf('-->', lt + 4);
      i = textStart = end === -1 ? n : end + 3;
      continue;
    }
    let j = lt + 1; // the tag ends at `>`; another `<` first means this one was text
    while (j < n && html.charCodeAt(j) !== 62 /* > */ && html.charCodeAt(j) !== 60 /* < */) j++;
    if (j >= n || html.charCodeAt(j) === 60) { i = lt + 1; continue; }
    const inner = html.slice(lt + 1, j);
    const match = TAG_NAME.exec(inner);
    if (!match) { // `<!DOCTYPE>`, `<?xml?>` go; `< 5 >` is text
      if (inner.startsWith('!') || inner.startsWith('?')) { flush(lt); textStart = j + 1; }
      i = j + 1;
      continue;
    }
    flush(lt);
    i = textStart = j + 1;
    const name = match[2]!.toLowerCase();
    const closing = match[1] === '/';
    if (visit.tag({ name, closing, attributes: inner.slice(match[0].length), offset: lt })) return;
    if (!closing && SKIPPED.has(name) && !inner.endsWith('/')) {
      const end = lower.indexOf(`</${name}`, i);
      const close = end === -1 ? -1 : html.indexOf('>', end);
      i = textStart = close === -1 ? n : close + 1;
    }
  }
  flush(n);
}

const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'wbr', 'col', 'area', 'base', 'source', 'track', 'embed', 'param']);
const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr',
  'section', 'article', 'header', 'footer', 'dl', 'dt', 'dd', 'body', 'html', 'center', 'address', 'figure', 'main', 'nav']);

const ATTRIBUTE_AT = { class: /(?:^|\s)class\s?=/, id: /(?:^|\s)id\s?=/, style: /(?:^|\s)style\s?=/ } as const;

/** The lowercased value of one attribute of a tag's attribute text, '' when absent. */
function attribute(lowered: string, name: keyof typeof ATTRIBUTE_AT): string {
  const at = lowered.search(ATTRIBUTE_AT[name]);
  if (at === -1) return '';
  const rest = lowered.slice(lowered.indexOf('=', at) + 1).trimStart();
  const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : '';
  const end = quote ? rest.indexOf(quote, 1) : rest.search(/[\s>]|$/);
  return quote ? rest.slice(1, end === -1 ? undefined : end) : rest.slice(0, end);
}

/** What the quote logic reads of a tag, parsed once per tag. */
type TagFacts = { id: string; classes: string[]; style: string };
const NO_FACTS: TagFacts = { id: '', classes: [], style: '' };
function factsOf(tag: TagVisit): TagFacts {
  if (tag.closing || !tag.attributes.includes('=')) return NO_FACTS;
  const lowered = tag.attributes.toLowerCase();
  const value = (name: keyof typeof ATTRIBUTE_AT) => (lowered.includes(name) ? attribute(lowered, name) : '');
  return { id: value('id'), classes: value('class').split(/\s+/), style: value('style') };
}
const hasClass = (facts: TagFacts, names: readonly string[]) => names.some((name) => facts.classes.includes(name));

/** Where a client's quoted history starts and everything below it is history (Outlook, Yahoo, Zoho): a cut. */
function isCutStart(tag: TagVisit, facts: TagFacts): boolean {
  if (tag.closing) return false;
  if (['divrplyfwdmsg', 'appendonsend', 'stopspelling', 'mail-editor-reference-message-container'].includes(facts.id)) return true;
  if (hasClass(facts, ['yahoo_quoted', 'zmail_extra', 'outlookmessageheader'])) return true;
  // Outlook desktop's header block sits in a div with a thin top border
  return tag.name === 'div' && /border-top:\s?solid\s#(?:e1e1e1|b5c4df)/.test(facts.style);
}

/** A "who wrote" line that the client wrapped in its own element (Gmail, Thunderbird), whatever its language. */
const isAttributionStart = (tag: TagVisit, facts: TagFacts) => !tag.closing && hasClass(facts, ['gmail_attr', 'moz-cite-prefix']);

const isQuoteStart = (tag: TagVisit, facts: TagFacts) => !tag.closing && (tag.name === 'blockquote' || hasClass(facts, ['gmail_quote']));

/** The HTML before the first quote marker of a known client; all of it when there is none. */
export function cutHtmlQuote(html: string): string {
  let cutAt = -1;
  scanHtml(html, {
    text() {},
    tag(tag) {
      const facts = factsOf(tag);
      if (isCutStart(tag, facts) || isAttributionStart(tag, facts) || isQuoteStart(tag, facts)) { cutAt = tag.offset; return true; }
      return false;
    },
  });
  return cutAt === -1 ? html : html.slice(0, cutAt);
}

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ndash: '–', mdash: '—', hellip: '…', rsquo: '’', lsquo: '‘',
  rdquo: '”', ldquo: '“', laquo: '«', raquo: '»', copy: '©', reg: '®', shy: '', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f',
};
const ENTITY = /&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,9});/gi;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Every pattern run on mail text here, for the linear-pattern check. */
export const HTML_PATTERNS = { TAG_NAME, ENTITY, CONTROL, ...ATTRIBUTE_AT, WHITESPACE: /\s+/g, BORDER_TOP: /border-top:\s?solid\s#(?:e1e1e1|b5c4df)/ };

const decodeEntities = (text: string) => text.replace(ENTITY, (entity, name: string) => {
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return ENTITIES[name.toLowerCase()] ?? entity;
});

type Open = { name: string; quote: boolean; attribution: boolean };
const MAX_SHOWN_DEPTH = 8;

/** Renders HTML as lines; with `quotes`, quoted history becomes `>` lines and client quote headers get their marks. */
function render(html: string, quotes: boolean): string {
  const lines: string[] = [];
  const stack: Open[] = [];
  const openCount = new Map<string, number>();
  let depth = 0;
  let attributionDepth = 0;
  let preDepth = 0;
  let line = '';
  let lineDepth = 0;
  let lineMarked = false;
  let sawSpace = false; // a paragraph of only &nbsp; is Outlook's blank line

  // a line is quoted or not; the depth shown stops at MAX_SHOWN_DEPTH, so 50,000 nested quotes cost no more than 8
  const prefix = (d: number) => (quotes && d > 0 ? '> '.repeat(Math.min(d, MAX_SHOWN_DEPTH)) : '');
  const endLine = (force: boolean) => {
    const text = line.trim();
    if (text !== '') lines.push(`${prefix(lineDepth)}${lineMarked ? ATTRIBUTION_MARK : ''}${text}`);
    else if (force || sawSpace) lines.push(prefix(depth).trimEnd());
    line = '';
    sawSpace = false;
  };
  const pop = (name: string) => {
    if (!openCount.get(name)) return;
    for (;;) {
      const open = stack.pop()!;
      openCount.set(open.name, openCount.get(open.name)! - 1);
      if (open.quote) depth--;
      if (open.attribution) attributionDepth--;
      if (open.name === 'pre') preDepth--;
      if (open.name === name) return;
    }
  };

  scanHtml(html, {
    text(raw) {
      if (preDepth > 0 && raw.includes('\n')) { // <pre> keeps its line breaks (Thunderbird's signature)
        raw.split(/\r?\n/).forEach((part, index) => { if (index > 0) endLine(true); appendText(part); });
        return;
      }
      appendText(raw);
    },
    tag(tag) {
      const { name, closing } = tag;
      if (name === 'br') { endLine(true); return; }
      if (BLOCK.has(name)) endLine(false);
      if (closing) { pop(name); return; }
      const facts = quotes ? factsOf(tag) : NO_FACTS;
      if (quotes && isCutStart(tag, facts)) lines.push(CUT_MARK);
      if (VOID.has(name) || tag.attributes.endsWith('/')) return;
      const open = { name, quote: quotes && name === 'blockquote', attribution: quotes && isAttributionStart(tag, facts) };
      stack.push(open);
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
      if (open.quote) depth++;
      if (open.attribution) attributionDepth++;
      if (name === 'pre') preDepth++;
    },
  });
  endLine(false);
  return lines.join('\n').trim();

  function appendText(raw: string) {
    const text = decodeEntities(raw.replace(/\s+/g, ' ')).replace(CONTROL, '');
    if (line === '') {
      if (text.trim() === '') { sawSpace ||= /\S/.test(raw); return; } // `&nbsp;` alone
      lineDepth = depth;
      lineMarked = quotes && attributionDepth > 0;
      line = text.trimStart();
    } else line += text;
  }
}

/**
 * A plain reading of HTML: block elements and `<br>` become line breaks, tags go, entities are
 * decoded; an empty `<div><br></div>` is a blank line. Enough for a reply body.
 */
export function htmlToText(html: string): string {
  return render(html, false);
}

/**
 * HTML as text for reply extraction: blockquotes become `>` lines (nested ones `> > `), the
 * attribution elements of Gmail and Thunderbird are marked as quote headers in any language,
 * and a cut mark stands where Outlook, Yahoo and Zoho start their history.
 */
export function htmlToQuotedText(html: string): string {
  return render(html, true);
}
