// Where clients start the quoted history in HTML: Gmail, Apple Mail and Thunderbird quote in a
// blockquote, Outlook puts its header block in divRplyFwdMsg / appendonsend or a bordered div.
const HTML_QUOTE_STARTS: readonly RegExp[] = [
  /<div[^>]*\bclass=["']?gmail_quote/i,
  /<blockquote\b/i,
  /<div[^>]*\bid=["']?(?:divRplyFwdMsg|appendonsend)\b/i,
  /<hr[^>]*\bid=["']?stopSpelling\b/i,
  /<div[^>]*\bclass=["']?moz-cite-prefix\b/i,
  /<div[^>]*\bstyle=["'][^"']*border-top:\s*solid\s+#E1E1E1/i,
];

/** The HTML before the first quote marker of a known client; all of it when there is none. */
export function cutHtmlQuote(html: string): string {
  const starts = HTML_QUOTE_STARTS.map((re) => html.search(re)).filter((i) => i >= 0);
  return starts.length ? html.slice(0, Math.min(...starts)) : html;
}

const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const BLOCK = /<\/?(?:p|div|li|ul|ol|tr|table|h[1-6]|blockquote|pre|hr|section|article|header|footer)\b[^>]*>/gi;
const BREAK = '\u0000';

/**
 * A plain reading of HTML: block elements and `<br>` become line breaks, tags go, entities are
 * decoded. Enough for a reply body; mailparser's own `text` is preferred whenever present.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s+/g, ' ') // source line breaks in HTML are spaces
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(BLOCK, BREAK)
    .replace(/<[^>]*>/g, '')
    // a run of block boundaries is one line break, plus the `<br>`s inside it (an empty `<div><br></div>` is a blank line)
    .replace(/[\u0000\n ]+/g, (run) => (run.includes(BREAK) ? '\n'.repeat(1 + (run.match(/\n/g)?.length ?? 0)) : run))
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}
