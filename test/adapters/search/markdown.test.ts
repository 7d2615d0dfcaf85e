import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../../functions/domain/errors.js';
import { MAX_ARTICLE_HTML_BYTES, SUMMARY_CHARS, markdownToText, renderArticleBody, renderMarkdown } from '../../../functions/adapters/search/markdown.js';

// Whatever an author writes, the HTML carries no element or attribute that runs script.
const assertInert = (html: string) => {
  expect(html).not.toMatch(/<script|<img|<iframe|<svg|<object|<embed|<style|<a [^>]*href="(?!https?:|mailto:|\/|#)/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i); // an event handler on a real element (escaped text may say anything)
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

describe('the Markdown renderer is built on its first use, not at import (issue 13: a write function\'s cold start)', () => {
  afterEach(() => { vi.doUnmock('markdown-it'); vi.resetModules(); });

  it('constructs markdown-it once, at the first render', async () => {
    let constructed = 0;
    vi.resetModules();
    // The real markdown-it, counted: a spy on the constructor, not a stand-in.
    vi.doMock('markdown-it', async (importOriginal) => {
      const Real = (await importOriginal<typeof import('markdown-it')>()).default;
      return { default: function Counted(...args: ConstructorParameters<typeof Real>) { constructed += 1; return new Real(...args); } };
    });
    const fresh = await import('../../../functions/adapters/search/markdown.js');
    expect(constructed).toBe(0);
    expect(fresh.renderMarkdown('**a**')).toBe('<p><strong>a</strong></p>\n');
    fresh.markdownToText('b');
    fresh.renderArticleBody('c');
    expect(constructed).toBe(1);
  });
});
