// Articles are written in Markdown and shown as HTML: marked with raw HTML read as text (an
// author's <script> or <img onerror> is shown, never run), and only http(s), mailto and relative
// links (a `javascript:`, `vbscript:`, `file:` or `data:` link is left as text, never an href or a
// src). marked sanitises nothing itself, so both are done here: the tokenizers that would make raw
// HTML or an unsafe link refuse it (the source falls through to text, as CommonMark reads it with
// HTML off), and the link and image renderers check again and write every URL themselves.
// Only the write paths (and the index builder) import this module: an article's HTML is rendered
// once when its text is written and stored with it, so the read routes carry no Markdown renderer
// (issue 13: cold starts; test/handlers/http/kb-read-bundles.test.ts). marked rather than
// markdown-it: with these rules, 55 KB of the writers' bundle instead of 98 KB (issue 13).
import { Marked, Tokenizer, type MarkedToken, type Token } from 'marked';
// The domain's files themselves, not its index: the portal's editor imports this module for its preview.
import { DomainError } from '../../domain/errors.js';
import type { RenderedBody } from '../../domain/kb/article.js';
import { decodeReferences } from './character-references.js';

const SAFE_URL = /^(https?:|mailto:|[/#?.]|[^:]*$)/i;

/**
 * The URL as it goes into an href or a src (percent-encoded, `&` escaped, so the browser decodes
 * nothing more), or undefined when it is not safe. A scheme hidden by a character reference,
 * whitespace or control characters still counts as one. An autolink's URL is literal (CommonMark
 * decodes no references in it); it is checked decoded all the same.
 */
function safeUrl(href: string, literal = false): string | undefined {
  const decoded = decodeReferences(href);
  if (!SAFE_URL.test(decoded.trim().replace(/[\u0000-\u0020]/g, ''))) return undefined; // eslint-disable-line no-control-regex
  try {
    // encodeURI leaves a scheme's characters as they are and encodes whitespace, controls, <, > and ";
    // a `%` that already starts an escape stays one.
    return encodeURI(literal ? href : decoded).replace(/%25([0-9a-fA-F]{2})/g, '%$1').replaceAll('&', '&amp;');
  } catch {
    return undefined; // a lone surrogate: no URL at all
  }
}

/** Text for an attribute or an element: the markup characters escaped, references kept. */
const escapeText = (text: string): string => text.replace(/[<>"]|&(?!#\d{1,7};|#[xX][\da-fA-F]{1,6};|\w+;)/g, (c) => `&${{ '<': 'lt', '>': 'gt', '"': 'quot' }[c] ?? 'amp'};`);

/** A link or image token only when its URL is safe: otherwise nothing, and its source is read as text. */
const refuseUnsafe = <T extends Token | undefined>(token: T): T | undefined =>
  token && (token.type === 'link' || token.type === 'image') && safeUrl(token.href) === undefined ? undefined : token;

/**
 * As deep as blocks (quotes, lists) or spans (emphasis, links, strikethrough) nest before the next
 * level is read as text: markdown-it's limit. marked recurses once per level, so without it a body
 * of 50,000 `>` or `*` overflows the stack; 100 levels cost a few milliseconds.
 */
const MAX_NESTING = 100;

/**
 * A run of plain text: marked's CommonMark rule with GFM's `~` for strikethrough, but without
 * GFM's stops before a bare URL or e-mail address (we link neither). Those stops look ahead over
 * the rest of the paragraph at every `*`, `_`, `!` or `~`, which made 50,000 characters of `_a`
 * take over 2 s; this rule reads them in 50 ms.
 */
const PLAIN_TEXT = /^(`+|~+|[^`~])(?:(?=[`~])|(?= {2,}\n)|[\s\S]*?(?:(?=[\\<!\[`*~_]|\b_|$)|[^ ](?= {2,}\n)))/;

function safeMarkdown(): Marked {
  const base = Tokenizer.prototype;
  let depth = 0;
  /** The tokenizer `tokenize`, refusing a level beyond MAX_NESTING (its source is then text). */
  const nested = <A extends unknown[], R>(tokenize: (this: Tokenizer, ...args: A) => R) => function (this: Tokenizer, ...args: A): R | undefined {
    if (depth >= MAX_NESTING) return undefined;
    depth += 1;
    try { return tokenize.apply(this, args); } finally { depth -= 1; }
  };
  const [link, reflink, blockquote, list, emStrong, del] = [nested(base.link), nested(base.reflink), nested(base.blockquote), nested(base.list), nested(base.emStrong), nested(base.del)];
  return new Marked({
    gfm: true, // tables and ~~strikethrough~~; bare URLs stay text (the url tokenizer below)
    breaks: false,
    tokenizer: {
      html: () => undefined, // raw HTML blocks are paragraphs of text
      tag: () => undefined, // inline HTML and comments are text
      url: () => undefined, // no linkify: a bare URL is not a link
      link(src) { return refuseUnsafe(link.call(this, src)); },
      reflink(src, links) { return refuseUnsafe(reflink.call(this, src, links)); },
      autolink(src) { return refuseUnsafe(base.autolink.call(this, src)); },
      // A definition with an unsafe URL is no definition: its line stays a paragraph of text.
      def(src) { const def = base.def.call(this, src); return def && safeUrl(def.href) === undefined ? undefined : def; },
      blockquote, list, emStrong,
      // References stay as written: the renderer escapes every & that starts none, the browser decodes the rest.
      inlineText(src) { const run = PLAIN_TEXT.exec(src)?.[0]; return run === undefined ? undefined : { type: 'text', raw: run, text: run, escaped: false }; },
      // ~~two~~ strike through, one ~ is a tilde (markdown-it's reading of GFM), refused before any search for its closer.
      del(src, masked, prevChar) { return src.startsWith('~~') ? del.call(this, src, masked, prevChar) : undefined; },
    },
    renderer: {
      html: ({ text }) => escapeText(text), // never reached (the tokenizers above make none): text if it were
      checkbox: ({ raw }) => escapeText(raw), // a task list's [ ] is text, as markdown-it showed it
      del({ tokens }) { return `<s>${this.parser.parseInline(tokens)}</s>`; }, // as markdown-it wrote it
      link({ href, title, tokens, autolink }) {
        const text = this.parser.parseInline(tokens);
        const url = safeUrl(href, autolink);
        if (url === undefined) return text;
        // Links leave the portal in a new context, without its window or referrer.
        const rel = /^https?:/i.test(url) ? ' rel="noopener noreferrer nofollow"' : '';
        return `<a href="${url}"${title ? ` title="${escapeText(title)}"` : ''}${rel}>${text}</a>`;
      },
      image({ href, title, tokens, text }) {
        const alt = escapeText(this.parser.parseInline(tokens ?? [], this.parser.textRenderer) || text);
        const url = safeUrl(href);
        if (url === undefined) return alt;
        return `<img src="${url}" alt="${alt}"${title ? ` title="${escapeText(title)}"` : ''}>`;
      },
    },
  });
}

// Built on the first render, not at import: a write function's cold start does not pay for it
// before a request needs it.
let instance: Marked | undefined;
const markdown = (): Marked => (instance ??= safeMarkdown());

/** The article's HTML, safe to put into a page as is. */
export const renderMarkdown = (source: string): string => markdown().parse(source, { async: false });

/** The words of span `tokens`: text, code and link text; no URLs and no image text (as markdown-it's extractor read them). */
function wordsOfSpans(tokens: readonly Token[], parts: string[]): void {
  for (const token of tokens as readonly MarkedToken[]) {
    switch (token.type) {
      case 'text': parts.push(token.escaped ? token.text : decodeReferences(token.text)); break; // references stand for their characters
      case 'escape': case 'codespan': parts.push(token.text); break; // literal: no references in either
      case 'checkbox': parts.push(token.raw); break;
      case 'br': parts.push(' '); break; // lines of a paragraph are words apart
      case 'strong': case 'em': case 'del': case 'link': wordsOfSpans(token.tokens, parts); break;
      default: break; // an image, and raw HTML (never made: the tokenizers refuse it)
    }
  }
}

/** The words of block `tokens`, a space between blocks. */
function wordsOfBlocks(tokens: readonly Token[], parts: string[]): void {
  for (const token of tokens as readonly MarkedToken[]) {
    switch (token.type) {
      case 'paragraph': case 'heading': case 'text': wordsOfSpans(token.tokens ?? [token], parts); break;
      case 'code': parts.push(token.text); break;
      case 'checkbox': parts.push(token.raw); break;
      case 'table': for (const cell of [...token.header, ...token.rows.flat()]) { wordsOfSpans(cell.tokens, parts); parts.push(' '); } break;
      case 'list': for (const item of token.items) wordsOfBlocks(item.tokens, parts); break;
      case 'blockquote': wordsOfBlocks(token.tokens, parts); break;
      default: break; // a definition, a rule, blank lines
    }
    parts.push(' ');
  }
}

/** The article's words as plain text (no markup, no URLs), for the index and its snippets. */
export function markdownToText(source: string): string {
  const parts: string[] = [];
  wordsOfBlocks(markdown().lexer(source), parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/**
 * The most HTML an article's body may render to (UTF-8 bytes). Stored beside the body on the
 * article's item: with the largest body the API takes (64 KiB) the item stays under about 260 KiB,
 * well inside DynamoDB's 400 KB. Markdown can multiply (a long reference link used a thousand
 * times), so the size is checked on the HTML, not guessed from the body.
 */
export const MAX_ARTICLE_HTML_BYTES = 192 * 1024;
/** The opening of the body's plain text kept for listings (a snippet shows its first 30 words). */
export const SUMMARY_CHARS = 1_000;

/** The opening of `text`, cut at a word boundary, `…` where it was cut. */
function openingOf(text: string): string {
  if (text.length <= SUMMARY_CHARS) return text;
  const space = text.lastIndexOf(' ', SUMMARY_CHARS);
  return `${text.slice(0, space > SUMMARY_CHARS / 2 ? space : SUMMARY_CHARS)} …`;
}

/**
 * The body as readers get it, rendered when it is written: the safe HTML and the opening of its
 * plain text. A body whose HTML would pass MAX_ARTICLE_HTML_BYTES is bad input naming `body`.
 */
export function renderArticleBody(body: string): RenderedBody {
  let html: string;
  try {
    html = renderMarkdown(body);
  } catch (error) {
    // MAX_NESTING keeps every path we know of off the stack's limit; one we do not know is still bad input, not a 500.
    if (error instanceof RangeError) throw new DomainError('invalid-input', 'the body nests too deeply to render', { field: 'body' }, { cause: error });
    throw error;
  }
  const bytes = new TextEncoder().encode(html).byteLength; // not Buffer: the portal's editor imports this module
  if (bytes > MAX_ARTICLE_HTML_BYTES) {
    throw new DomainError('invalid-input', `the body renders to ${bytes} bytes of HTML; at most ${MAX_ARTICLE_HTML_BYTES} are kept`, { field: 'body' });
  }
  return { html, summary: openingOf(markdownToText(body)) };
}
