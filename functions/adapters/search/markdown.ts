// Articles are written in Markdown and shown as HTML: markdown-it with raw HTML off (an author's
// <script> or <img onerror> is text), and only http(s), mailto and relative links (a
// `javascript:`, `vbscript:`, `file:` or `data:` link is left as text, never an href or a src).
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const SAFE_URL = /^(https?:|mailto:|[/#?.]|[^:]*$)/i;
// A scheme hidden by entities, whitespace or control characters still counts as one (markdown-it normalises the URL before asking).
md.validateLink = (url: string) => SAFE_URL.test(url.trim().replace(/[\u0000-\u0020]/g, '')); // eslint-disable-line no-control-regex
// Links leave the portal in a new context, without its window or referrer.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** The article's HTML, safe to put into a page as is. */
export const renderMarkdown = (source: string): string => md.render(source);

/** The article's words as plain text (no markup, no URLs), for the index and its snippets. */
export function markdownToText(source: string): string {
  const parts: string[] = [];
  for (const token of md.parse(source, {})) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
      parts.push(' ');
    } else if (token.type === 'fence' || token.type === 'code_block') {
      parts.push(token.content, ' ');
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}
