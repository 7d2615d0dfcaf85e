import { describe, expect, it } from 'vitest';
import { ArticleIndex, buildIndexFile } from '../../../functions/adapters/search/article-index.js';

const index = ArticleIndex.load(JSON.parse(JSON.stringify(buildIndexFile([
  { id: 'a', version: 1, title: 'The server of the platform', text: 'It is on the network.', language: 'en', visibility: 'public', tags: [] },
  { id: 'b', version: 1, title: 'השרת של המערכת', text: 'הוא על הרשת.', language: 'he', visibility: 'public', tags: [] },
], {}, 'x'))));
const ids = (q: string) => index.search({ q, audience: 'anonymous', limit: 5 }).map((h) => h.id);

describe('R-KB-1: stop words are not indexed, and a query still finds by its other words', () => {
  it('finds by the words that tell articles apart, whatever stop words surround them', () => {
    expect(ids('the server of')).toEqual(['a']);
    expect(ids('של המערכת')).toEqual(['b']);
  });
  it('a stop word alone finds nothing as a word, but the word being typed still matches as a prefix', () => {
    expect(ids('of')).toEqual([]);
    expect(ids('the')).toEqual([]);
    expect(ids('ser')).toEqual(['a']);
  });
});
