import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleIndex, buildIndexFile, type IndexedArticle } from '../../../functions/adapters/search/article-index.js';
import { indexReader } from '../../../functions/adapters/search/index-reader.js';
import { FileIndexObject, type IndexObjectStore } from '../../../functions/adapters/search/index-store.js';

const doc = (id: string, title: string, text: string, over: Partial<IndexedArticle> = {}): IndexedArticle =>
  ({ id, version: 1, title, text, language: 'he', visibility: 'public', tags: [], ...over });
const load = (docs: IndexedArticle[]) => ArticleIndex.load(JSON.parse(JSON.stringify(buildIndexFile(docs, {}, '2026-01-01T00:00:00.000Z'))));
const ids = (index: ArticleIndex, q: string, audience: 'anonymous' | 'customer' | 'staff' = 'anonymous') => index.search({ q, audience, limit: 10 }).map((h) => h.id);

describe('R-KB-1: ranking', () => {
  const index = load([
    doc('prefixed', 'מדריך', 'לפני בהתקנה יש לקרוא את ההוראות'),
    doc('exact', 'מדריך', 'לפני התקנה יש לקרוא את ההוראות'),
  ]);
  it('ranks the word as written above the same word found only without its prefix letters', () => {
    expect(ids(index, 'התקנה')).toEqual(['exact', 'prefixed']);
    expect(ids(index, 'בהתקנה')).toEqual(['prefixed', 'exact']);
  });
  it('weighs the title above the body', () => {
    const i = load([doc('body', 'מדריך כללי', 'שרת ועוד שרת'), doc('title', 'שרת', 'מדריך כללי')]);
    expect(ids(i, 'שרת')[0]).toBe('title');
  });
  it('matches the word being typed as a prefix, and one typo in a longer word', () => {
    const i = load([doc('e', 'Upgrading the server', 'Plan the upgrade in a maintenance window', { language: 'en' })]);
    expect(ids(i, 'maint')).toEqual(['e']);
    expect(ids(i, 'maintenence')).toEqual(['e']);
    expect(ids(i, 'maint xyzzy')).toEqual([]); // only the last word is being typed
  });
});

describe('R-KB-1: snippets', () => {
  it('mark the matched words, prefixed forms included, and escape everything else', () => {
    const i = load([doc('x', 'שרת', 'הגדרת <script>alert(1)</script> & "השרת" לפי ההוראות', { language: 'he' })]);
    const [hit] = i.search({ q: 'שרת', audience: 'anonymous', limit: 1 });
    expect(hit!.snippet).toContain('<mark>השרת</mark>');
    expect(hit!.snippet).toContain('&#60;script&#62;');
    expect(hit!.snippet).not.toMatch(/<(?!\/?mark>)/); // no tag but <mark>
  });
});

describe('R-KB-1: queries that find nothing', () => {
  const index = load([doc('x', 'שרת', 'טקסט')]);
  it.each(['', '   ', '?!.,;:', '""', '---', '🙂'])('%j: no items, no error', (q) => expect(ids(index, q)).toEqual([]));
  it('a very long query is cut to its first words, not an error', () => expect(ids(index, `${'שרת '.repeat(500)}`)).toEqual(['x']));
});

describe('R-KB-1: a search during a rebuild answers from the previous index', () => {
  it('keeps answering from the loaded index while a newer object is read, and when reading it fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-reader-'));
    const file = new FileIndexObject(join(dir, 'index.json'));
    await file.write(Buffer.from(JSON.stringify(buildIndexFile([doc('old', 'שרת', 'ישן')], {}, 'x'))));
    let failNext = false;
    let release: (() => void) | null = null;
    const gated: IndexObjectStore = {
      read: async (etag) => {
        if (failNext) throw new Error('S3 is down');
        if (release === null && etag !== undefined) await new Promise<void>((r) => { release = r; });
        return file.read(etag);
      },
      write: (bytes) => file.write(bytes),
    };
    let now = 0;
    const reader = indexReader(gated, 1000, () => now);
    expect(ids(await reader.current(), 'שרת')).toEqual(['old']); // the cold start's load
    await file.write(Buffer.from(JSON.stringify(buildIndexFile([doc('new', 'שרת', 'חדש')], {}, 'y'))));
    now = 500;
    expect(ids(await reader.current(), 'שרת')).toEqual(['old']); // within the refresh period: not even checked
    now = 2000;
    const during = reader.current(); // the check is held open, as a slow read would be
    await new Promise((r) => setTimeout(r, 0));
    release!();
    expect(ids(await during, 'שרת')).toEqual(['new']);
    failNext = true;
    now = 4000;
    expect(ids(await reader.current(), 'שרת')).toEqual(['new']); // a failed check keeps the last index
  });
});
