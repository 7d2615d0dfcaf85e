// Articles are written in Markdown and shown as HTML: markdown-it with raw HTML off (an author's
// <script> or <img onerror> is text), and only http(s), mailto and relative links (a
// `javascript:`, `vbscript:`, `file:` or `data:` link is left as text, never an href or a src).
// Only the write paths (and the index builder) import this module: an article's HTML is rendered
// once when its text is written and stored with it, so the read routes carry no markdown-it
// (issue 13: cold starts; test/handlers/http/kb-read-bundles.test.ts).
import MarkdownIt from 'markdown-it';
// The domain's files themselves, not its index: the portal's editor imports this module for its preview.
import { DomainError } from '../../domain/errors.js';
import type { RenderedBody } from '../../domain/kb/article.js';

type Markdown = InstanceType<typeof MarkdownIt>;
const SAFE_URL = /^(https?:|mailto:|[/#?.]|[^:]*$)/i;

function safeMarkdown(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // A scheme hidden by entities, whitespace or control characters still counts as one (markdown-it normalises the URL before asking).
  md.validateLink = (url: string) => SAFE_URL.test(url.trim().replace(/[\u0000-\u0020]/g, '')); // eslint-disable-line no-control-regex
  // Links leave the portal in a new context, without its window or referrer.
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx]!.attrGet('href') ?? '');
    if (/^https?:/i.test(href)) tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

// Built on the first render, not at import: a write function's cold start does not pay for it
// before a request needs it.
let instance: Markdown | undefined;
const markdown = (): Markdown => (instance ??= safeMarkdown());

/** The article's HTML, safe to put into a page as is. */
export const renderMarkdown = (source: string): string => markdown().render(source);

/** The article's words as plain text (no markup, no URLs), for the index and its snippets. */
export function markdownToText(source: string): string {
  const parts: string[] = [];
  for (const token of markdown().parse(source, {})) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
        else if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push(' '); // lines of a paragraph are words apart
      }
      parts.push(' ');
    } else if (token.type === 'fence' || token.type === 'code_block') {
      parts.push(token.content, ' ');
    }
  }
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
  const html = renderMarkdown(body);
  const bytes = new TextEncoder().encode(html).byteLength; // not Buffer: the portal's editor imports this module
  if (bytes > MAX_ARTICLE_HTML_BYTES) {
    throw new DomainError('invalid-input', `the body renders to ${bytes} bytes of HTML; at most ${MAX_ARTICLE_HTML_BYTES} are kept`, { field: 'body' });
  }
  return { html, summary: openingOf(markdownToText(body)) };
}
