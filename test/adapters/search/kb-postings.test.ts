// The index's compact stored postings (issue 11, cold load): the same documents, counts and
// search results as MiniSearch's own form, and an index stored in that older form still reads.
import MiniSearch, { type AsPlainObject, type SearchOptions } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { ArticleIndex, type IndexFile, type IndexFileV1 } from '../../../functions/adapters/search/article-index.js';
import { indexFileOf } from '../../../functions/adapters/search/build-index.js';
import { renderArticleBody } from '../../../functions/adapters/search/markdown.js';
import { compactIndexOf, decodePostings, encodePostings, loadCompactIndex } from '../../../functions/adapters/search/postings.js';
import { createArticle, publishArticle, type Audience } from '../../../functions/domain/kb/index.js';
import { SEED_ARTICLES, seedArticleId } from '../../../bin/local/seed-articles.js';

const AT = '2026-01-04T08:00:00.000Z';
const articles = SEED_ARTICLES.map(({ key, ...content }) => publishArticle(createArticle(seedArticleId(key), { ...content, ...renderArticleBody(content.body) }, 'manager@center.example', AT).article, 'manager@center.example', AT).article);
const asMaps = (byField: Record<string, Record<string, number>>) =>
  new Map(Object.entries(byField).map(([field, counts]) => [Number(field), new Map(Object.entries(counts).map(([doc, n]) => [Number(doc), n]))]));

describe('the compact postings', () => {
  it('write each field\'s documents as base-36 steps, with a count only above one, and read back the same', () => {
    const byField = { 0: { 1: 1, 4: 2 }, 1: { 2: 1, 40: 37 } };
    expect(encodePostings(byField, 2)).toBe('1,3:2|2,12:11');
    expect(decodePostings('1,3:2|2,12:11')).toEqual(asMaps(byField));
  });

  it('leave out a field the term is not in, at the start, the middle or the end', () => {
    const cases: Record<string, Record<string, number>>[] = [{ 1: { 7: 1 } }, { 0: { 7: 3 } }, { 0: { 1: 1 }, 2: { 5: 1 } }];
    for (const byField of cases) {
      const text = encodePostings(byField, 3);
      expect(decodePostings(text), text).toEqual(asMaps(byField));
    }
    expect(encodePostings({ 0: { 7: 3 } }, 3)).toBe('7:3');
  });

  const ms = new MiniSearch<{ id: string; title: string; body: string }>({ fields: ['title', 'body'] });
  ms.addAll(articles.map((a) => ({ id: a.id, title: a.title, body: a.body })));
  const plain = JSON.parse(JSON.stringify(ms)) as AsPlainObject;
  const compact = JSON.parse(JSON.stringify(compactIndexOf(plain))) as ReturnType<typeof compactIndexOf>;

  it('hold every term of a real index with the same postings', () => {
    expect(compact.terms).toEqual(plain.index.map(([term]) => term));
    plain.index.forEach(([term, byField], i) => expect(decodePostings(compact.postings[i]!), term).toEqual(asMaps(byField)));
  });

  it('search exactly as MiniSearch\'s own form does: the same articles, scores and order, with prefix and fuzzy matching', () => {
    const options = { fields: ['title', 'body'] };
    const own = MiniSearch.loadJS(plain, options);
    const ours = loadCompactIndex(compact, options);
    for (const q of ['install', 'instal', 'server backup', 'licence expired', 'רישיון', 'התקנת השרת', 'SAP connector', 'zzz']) {
      const variants: SearchOptions[] = [{}, { prefix: true }, { fuzzy: 0.2 }, { prefix: true, fuzzy: 1, combineWith: 'AND' }];
      for (const searchOptions of variants) {
        expect(ours.search(q, searchOptions), `${q} ${JSON.stringify(searchOptions)}`).toEqual(own.search(q, searchOptions));
      }
    }
  });
});

describe('R-KB-1: an index stored in the first form still searches the same', () => {
  const file = JSON.parse(JSON.stringify(indexFileOf(articles, AT))) as IndexFile;
  const first: IndexFileV1 = {
    ...file, format: 1,
    index: { ...file.index.minisearch, index: file.index.terms.map((term, i) => [term, Object.fromEntries([...decodePostings(file.index.postings[i]!)].map(([f, m]) => [f, Object.fromEntries(m)]))]) },
  };
  it('gives the same hits for the same queries', () => {
    const current = ArticleIndex.load(file);
    const older = ArticleIndex.load(first);
    const audiences: Audience[] = ['anonymous', 'customer', 'staff'];
    for (const q of ['התקנה', 'בהתקנה', 'להתקנת השרת', 'installing', 'licnse', 'conn', 'גיבוי']) {
      for (const audience of audiences) expect(older.search({ q, audience, limit: 10 }), q).toEqual(current.search({ q, audience, limit: 10 }));
    }
    expect(current.search({ q: 'התקנה', audience: 'staff', limit: 10 }).length).toBeGreaterThan(0);
  });
});
