import type { MarkedExtension } from 'marked';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../../functions/domain/errors.js';
import { MAX_ARTICLE_HTML_BYTES, SUMMARY_CHARS, markdownToText, renderArticleBody, renderMarkdown } from '../../../functions/adapters/search/markdown.js';

// What the renderer may write as markup: every other `<` in its HTML must be escaped text.
const ELEMENTS = new Set(['p', 'a', 'img', 'strong', 'em', 's', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'rel', 'class', 'start', 'align']);
const TAG = /<\/?([a-z][a-z0-9]*)((?:\s+[a-z]+="[^"<>]*")*)\s*>/gi;

/** The problems a browser would find in `html`: an element or attribute that can run script, a URL with another scheme. */
function problemsOf(html: string): string[] {
  const problems: string[] = [];
  for (const [tag, element, attributes] of html.matchAll(TAG)) {
    if (!ELEMENTS.has(element!.toLowerCase())) problems.push(`element ${tag}`);
    for (const [, name, value] of attributes!.matchAll(/([a-z]+)="([^"]*)"/gi)) {
      if (!ATTRIBUTES.has(name!.toLowerCase())) problems.push(`attribute ${name} in ${tag}`);
      if (/&(?!amp;|quot;|lt;|gt;)/.test(value!)) problems.push(`a reference the browser would decode in ${tag}`);
      if (name === 'href' || name === 'src') {
        // The URL as the browser reads it: references decoded, then tabs, newlines and edge controls dropped.
        const url = value!.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&').replace(/[\u0000-\u0020]/g, ''); // eslint-disable-line no-control-regex
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
        if (scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme)) problems.push(`scheme ${scheme} in ${tag}`);
      }
    }
  }
  if (html.replace(TAG, '').includes('<')) problems.push('a < that is not escaped');
  return problems;
}

// Whatever an author writes, the HTML carries no element or attribute that runs script.
const assertInert = (html: string) => {
  expect(problemsOf(html), html).toEqual([]);
  expect(html).not.toMatch(/<script|<img|<iframe|<svg|<object|<embed|<style/i);
  expect(html).not.toMatch(/href="\s*(javascript|vbscript|data|file):/i);
};

describe('R-KB-1: an article body renders inert', () => {
  it.each([
    ['a script element', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src=x onerror=alert(1)>'],
    ['an inline svg', '<svg onload=alert(1)></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['a javascript: link with mixed case and spaces', '[click]( JaVaScRiPt:alert(1))'],
    ['a javascript: link hidden by an entity', '[click](&#106;avascript:alert(1))'],
    ['a javascript: link hidden by a tab', '[click](java\tscript:alert(1))'],
    ['a vbscript: link', '[click](vbscript:msgbox(1))'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a data: image', '![x](data:image/png;base64,AAAA)'],
    ['a file: link', '[click](file:///etc/passwd)'],
    ['an autolink to javascript:', '<javascript:alert(1)>'],
    ['a reference link to javascript:', '[click][x]\n\n[x]: javascript:alert(1)'],
  ])('%s', (_what, source) => {
    const html = renderMarkdown(source);
    assertInert(html);
  });

  it('shows raw HTML as text, not as markup', () => {
    expect(renderMarkdown('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>\n');
  });

  // What a renderer that does not sanitise by itself (marked) could newly let through.
  it('shows raw HTML blocks, inline HTML and comments as text', () => {
    expect(renderMarkdown('<div>\n<script>alert(1)</script>\n</div>')).toBe('<p>&lt;div&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;</p>\n');
    expect(renderMarkdown('a <span onclick="alert(1)">b</span> c')).toBe('<p>a &lt;span onclick=&quot;alert(1)&quot;&gt;b&lt;/span&gt; c</p>\n');
    expect(renderMarkdown('<!-- hidden -->')).toBe('<p>&lt;!-- hidden --&gt;</p>\n');
    expect(renderMarkdown('before <!-- inline --> after')).toBe('<p>before &lt;!-- inline --&gt; after</p>\n');
    expect(renderMarkdown('text\n<div>interrupts no paragraph</div>')).toBe('<p>text\n&lt;div&gt;interrupts no paragraph&lt;/div&gt;</p>\n');
  });

  it('shows an <a href> written as HTML as text, whatever its URL', () => {
    expect(renderMarkdown('<a href="javascript:alert(1)">x</a>')).toBe('<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>\n');
    expect(renderMarkdown('<a href="https://vendor.example">ok</a>')).not.toContain('<a ');
  });

  it('refuses a scheme hidden by a hexadecimal or named reference, or a tab or newline reference', () => {
    for (const source of ['[a](&#x6A;avascript:alert(1))', '[a](&#0000106;avascript:alert(1))', '[a](javascript&colon;alert(1))', '[a](java&Tab;script:alert(1))', '[a](java&NewLine;script:alert(1))', '[a](&#x20;javascript:alert(1))']) {
      const html = renderMarkdown(source);
      expect(html, source).not.toContain('<a ');
      assertInert(html);
    }
  });

  it('keeps a link title with quotes inside its attribute', () => {
    expect(renderMarkdown('[t](https://x.example "a \\"quoted\\" title")')).toBe('<p><a href="https://x.example" title="a &quot;quoted&quot; title" rel="noopener noreferrer nofollow">t</a></p>\n');
    expect(renderMarkdown("[t](https://x.example 'it\\'s \"so\"')")).toBe('<p><a href="https://x.example" title="it\'s &quot;so&quot;" rel="noopener noreferrer nofollow">t</a></p>\n');
    const breakout = renderMarkdown('[t](https://x.example "x\\" onmouseover=\\"alert(1)")');
    expect(breakout).toContain('title="x&quot; onmouseover=&quot;alert(1)"');
    assertInert(breakout);
  });

  it('keeps nested emphasis in a link\'s text, and a URL\'s quotes and spaces encoded', () => {
    expect(renderMarkdown('[**bold _and em_** text](https://x.example/a)')).toBe('<p><a href="https://x.example/a" rel="noopener noreferrer nofollow"><strong>bold <em>and em</em></strong> text</a></p>\n');
    expect(renderMarkdown('[a](<https://x.example/"onmouseover="alert(1) b>)')).toBe('<p><a href="https://x.example/%22onmouseover=%22alert(1)%20b" rel="noopener noreferrer nofollow">a</a></p>\n');
  });

  it('decodes references in a URL and writes every & escaped, so the browser decodes nothing more', () => {
    expect(renderMarkdown('[a](https://x.example/?a=1&amp;b=2) [b](/kb?x=1&y=&#50;)')).toBe('<p><a href="https://x.example/?a=1&amp;b=2" rel="noopener noreferrer nofollow">a</a> <a href="/kb?x=1&amp;y=2">b</a></p>\n');
    expect(renderMarkdown('[a](/x&unknown;)')).toBe('<p><a href="/x&amp;unknown;">a</a></p>\n'); // a name it does not know stays literal
  });

  it('renders an image only from a safe URL, its text escaped into alt', () => {
    expect(renderMarkdown('![a **b**](https://x.example/i.png "t")')).toBe('<p><img src="https://x.example/i.png" alt="a b" title="t"></p>\n');
    const html = renderMarkdown('![x" onerror="alert(1)](/i.png) ![y](javascript:alert(1))');
    expect(html).toBe('<p><img src="/i.png" alt="x&quot; onerror=&quot;alert(1)"> ![y](javascript:alert(1))</p>\n');
  });

  it('leaves a definition with an unsafe URL a paragraph, and links bare URLs and task boxes not at all (as before)', () => {
    expect(renderMarkdown('[a][x]\n\n[x]: javascript:alert(1)')).toBe('<p>[a][x]</p>\n<p>[x]: javascript:alert(1)</p>\n');
    expect(renderMarkdown('[a][x]\n\n[x]: https://x.example/r "T"')).toBe('<p><a href="https://x.example/r" title="T" rel="noopener noreferrer nofollow">a</a></p>\n');
    expect(renderMarkdown('https://bare.example www.bare.example user@bare.example')).toBe('<p>https://bare.example www.bare.example user@bare.example</p>\n');
    expect(renderMarkdown('<https://x.example/?a&b> <user@center.example>')).toBe('<p><a href="https://x.example/?a&amp;b" rel="noopener noreferrer nofollow">https://x.example/?a&amp;b</a> <a href="mailto:user@center.example">user@center.example</a></p>\n');
    expect(renderMarkdown('- [ ] open\n- [x] done')).toBe('<ul>\n<li>[ ] open</li>\n<li>[x] done</li>\n</ul>\n');
    expect(renderMarkdown('~one~ ~~two~~')).toBe('<p>~one~ <s>two</s></p>\n');
  });

  it('keeps ordinary Markdown: headings, lists, tables, code, and https, mailto and relative links', () => {
    const html = renderMarkdown('# שדרוג\n\n1. גבו\n2. שדרגו\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n`setup.exe /quiet`\n\n[notes](https://vendor.example/notes) [us](mailto:support@center.example) [kb](/kb/123)');
    expect(html).toContain('<h1>שדרוג</h1>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<table>');
    expect(html).toContain('<code>setup.exe /quiet</code>');
    expect(html).toContain('<a href="https://vendor.example/notes" rel="noopener noreferrer nofollow">notes</a>');
    expect(html).toContain('<a href="mailto:support@center.example">us</a>');
    expect(html).toContain('<a href="/kb/123">kb</a>');
  });

  it('gives the index plain text without markup or URLs', () => {
    expect(markdownToText('# Title\n\nSee [the notes](https://x.example/a) and **bold** `code`.\n\n```\nfenced\n```')).toBe('Title See the notes and bold code. fenced');
    expect(markdownToText('one line\nthe next  \nafter a hard break')).toBe('one line the next after a hard break');
    // References stand for their characters; escapes and code stay as written; images and definitions carry no words.
    expect(markdownToText('a &amp; b &copy; &#x41;&#66; \\&amp; `&lt;` ![alt](/i.png)\n\n[r]: https://x.example')).toBe('a & b © AB &amp; &lt;');
    expect(markdownToText('| h1 | h2 |\n| - | - |\n| c1 | c2 |\n\n- one\n- two\n\n> quoted\n\n<b>raw</b> [bad](javascript:x)')).toBe('h1 h2 c1 c2 one two quoted <b>raw</b> [bad](javascript:x)');
  });
});

// Property-style: every way of writing a link or raw HTML that we know of, with every way of
// hiding a scheme, crossed; the HTML must hold no script element, no event handler and no URL
// whose scheme is not http(s) or mailto, in whichever block it stands.
const SCHEMES = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd'];
const HIDE: ((url: string) => string)[] = [
  (u) => u,
  (u) => ` ${u}`,
  (u) => `&#${u.charCodeAt(0)};${u.slice(1)}`,
  (u) => `&#x${u.charCodeAt(0).toString(16)};${u.slice(1)}`,
  (u) => `&#0000${u.charCodeAt(0)};${u.slice(1)}`,
  (u) => u.replace(':', '&colon;'),
  (u) => u.replace(':', '&#58;'),
  (u) => `${u.slice(0, 4)}&Tab;${u.slice(4)}`,
  (u) => `${u.slice(0, 4)}&NewLine;${u.slice(4)}`,
  (u) => `${u.slice(0, 4)}\t${u.slice(4)}`,
  (u) => `\u0001${u}`,
  (u) => `${u.slice(0, 4)}\\${u.slice(4)}`,
];
const LINKS: ((url: string) => string)[] = [
  (u) => `[a](${u})`, (u) => `[a](<${u}>)`, (u) => `[a](${u} "t")`, (u) => `![a](${u})`, (u) => `![a](<${u}>)`,
  (u) => `<${u}>`, (u) => `[a][r]\n\n[r]: ${u}`, (u) => `[r]\n\n[r]: <${u}> "t"`, (u) => `![r]\n\n[r]: ${u}`,
  (u) => `<a href="${u}">a</a>`, (u) => `<img src="${u}">`, (u) => `[**a** [b](${u})](https://ok.example)`,
];
const HTML = [
  '<script>alert(1)</script>', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', '<img src=x onerror=alert(1)>', '<svg/onload=alert(1)>',
  '<details open ontoggle=alert(1)>', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', '<style>*{}</style>', '<!-- --><script>alert(1)</script>',
  '<![CDATA[<script>alert(1)</script>]]>', '<?php ?><script>alert(1)</script>', '</p><script>alert(1)</script>', '<a href="https://ok.example" onclick="alert(1)">a</a>',
  '[a](https://ok.example "\\" onmouseover=\\"alert(1)")', '![x" onerror="alert(1)](https://ok.example/i.png)', '```"><script>alert(1)</script>\ncode\n```',
  '<https://ok.example/"onmouseover="alert(1)>', '[a](https://ok.example/"><script>alert(1)</script>)', '`<script>alert(1)</script>`',
];
const BLOCKS: ((inline: string) => string)[] = [(x) => x, (x) => `- ${x}`, (x) => `> ${x}`, (x) => `| h |\n| - |\n| ${x.replaceAll('|', '\\|').replaceAll('\n', ' ')} |`, (x) => `# ${x.replaceAll('\n', ' ')}`, (x) => `1. item\n\n   ${x.replaceAll('\n', '\n   ')}`];
const HOSTILE = [...SCHEMES.flatMap((scheme) => HIDE.flatMap((hide) => LINKS.map((link) => link(hide(scheme))))), ...HTML]
  .flatMap((source) => BLOCKS.map((block) => block(source)));

describe('R-KB-1: no hostile Markdown renders anything that runs (property over crossed inputs)', () => {
  it(`${HOSTILE.length} inputs: no script element, no on…= handler, no href or src but http(s), mailto or relative`, () => {
    const failures = HOSTILE.map((source) => ({ source, html: renderMarkdown(source) }))
      .map(({ source, html }) => ({ source, html, problems: [...problemsOf(html), ...(/<script/i.test(html) ? ['<script'] : [])] }))
      .filter((r) => r.problems.length > 0);
    expect(failures).toEqual([]);
    expect(HOSTILE.length).toBeGreaterThan(4_000);
  });

  it('while the check itself sees each kind of harm (in HTML a renderer without these rules writes)', () => {
    expect(problemsOf('<p><script>alert(1)</script></p>')).not.toEqual([]);
    expect(problemsOf('<img src=x onerror=alert(1)>')).not.toEqual([]); // unquoted: not one of our tags, an unescaped <
    expect(problemsOf('<img src="x" onerror="alert(1)">')).toEqual(['attribute onerror in <img src="x" onerror="alert(1)">']);
    expect(problemsOf('<a href="&#106;avascript:alert(1)">a</a>')).toContain('a reference the browser would decode in <a href="&#106;avascript:alert(1)">');
    expect(problemsOf('<a href=" java\tscript:alert(1)">a</a>')).toContain('scheme javascript in <a href=" java\tscript:alert(1)">');
    expect(problemsOf('<img src="data:image/png;base64,AAAA" alt="">')).toContain('scheme data in <img src="data:image/png;base64,AAAA" alt="">');
    expect(problemsOf('<p><a href="https://ok.example" rel="noopener noreferrer nofollow">a</a> <a href="/kb?a=1&amp;b=2">b</a> &lt;script&gt;</p>')).toEqual([]);
  });
});

describe('R-KB-1: the body rendered once, when written (issue 13)', () => {
  it('gives the safe HTML and the opening of the plain text', () => {
    const body = `# התקנה\n\nראו [את ההערות](https://vendor.example/notes) <script>alert(1)</script>\n\n${'מילה '.repeat(400)}`;
    const { html, summary } = renderArticleBody(body);
    expect(html).toBe(renderMarkdown(body));
    assertInert(html);
    expect(summary.startsWith('התקנה ראו את ההערות <script>alert(1)</script> מילה')).toBe(true); // text, not markup: snippets escape it
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_CHARS + 2);
    expect(summary.endsWith(' …')).toBe(true);
    expect(summary).not.toContain('vendor.example');
    expect(renderArticleBody('Short **one**.').summary).toBe('Short one.');
  });

  it('refuses, naming body, a body whose HTML would be too large to store beside it', () => {
    // One long link defined once and used thousands of times: a 22 KB body, megabytes of HTML.
    const body = `[r]: https://vendor.example/${'p'.repeat(1_000)}\n\n${'[r] '.repeat(5_000)}`;
    let error: unknown;
    try { renderArticleBody(body); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid-input', context: { field: 'body' } });
    expect(() => renderArticleBody('[r] '.repeat(5_000))).not.toThrow(); // the same length without the amplification is fine
    expect(MAX_ARTICLE_HTML_BYTES).toBe(192 * 1024);
  });
});

describe('R-KB-1: a body nested beyond reason renders, the deep levels as text (marked recurses per level)', () => {
  const count = (html: string, tag: string) => html.split(`<${tag}>`).length - 1;

  it.each([
    ['50,000 > in a row', '>'.repeat(50_000), ['blockquote']],
    ['a quote of a list, 12,500 times over', '> - '.repeat(12_500), ['blockquote', 'ul']],
    ['16,000 ordered lists in one line', '1. '.repeat(16_000), ['ol']],
  ])('%s', (_what, body, tags) => {
    const html = renderMarkdown(body);
    expect(tags.reduce((n, tag) => n + count(html, tag), 0)).toBe(100); // markdown-it's limit, quotes and lists together, then text
    assertInert(html);
    expect(markdownToText(body).length).toBeGreaterThan(0);
  });

  it('25,000 * around one letter: 100 levels of emphasis, the rest as text', () => {
    const html = renderMarkdown(`${'*'.repeat(25_000)}a${'*'.repeat(25_000)}`);
    expect(count(html, 'em') + count(html, 'strong')).toBe(100);
    expect(html).toContain('*'.repeat(1_000));
  });

  it('a stack overflow on a path the limit misses is bad input naming body, not a 500', async () => {
    vi.resetModules();
    vi.doMock('marked', async (importOriginal) => {
      const real = await importOriginal<typeof import('marked')>();
      // The real marked, with parse throwing what V8 throws when the stack runs out.
      class Overflowing extends real.Marked { constructor(...args: MarkedExtension[]) { super(...args); (this as { parse: unknown }).parse = () => { throw new RangeError('Maximum call stack size exceeded'); }; } }
      return { ...real, Marked: Overflowing };
    });
    const fresh = await import('../../../functions/adapters/search/markdown.js');
    let error: unknown;
    try { fresh.renderArticleBody('x'); } catch (e) { error = e; }
    expect(error).toMatchObject({ name: 'DomainError', code: 'invalid-input', context: { field: 'body' } });
    vi.doUnmock('marked');
    vi.resetModules();
  });
});

describe('the Markdown renderer is built on its first use, not at import (issue 13: a write function\'s cold start)', () => {
  afterEach(() => { vi.doUnmock('marked'); vi.resetModules(); });

  it('constructs marked once, at the first render', async () => {
    let constructed = 0;
    vi.resetModules();
    // The real marked, counted: a subclass that counts its constructions, not a stand-in.
    vi.doMock('marked', async (importOriginal) => {
      const real = await importOriginal<typeof import('marked')>();
      class Counted extends real.Marked { constructor(...args: MarkedExtension[]) { super(...args); constructed += 1; } }
      return { ...real, Marked: Counted };
    });
    const fresh = await import('../../../functions/adapters/search/markdown.js');
    expect(constructed).toBe(0);
    expect(fresh.renderMarkdown('**a**')).toBe('<p><strong>a</strong></p>\n');
    fresh.markdownToText('b');
    fresh.renderArticleBody('c');
    expect(constructed).toBe(1);
  });
});
