// The knowledge base's full-text index (issue 11, design §Knowledge base): MiniSearch (BM25+,
// prefix and fuzzy matching, serialisable) over the published articles, with our analyzer. One
// JSON object holds the whole index; it is built from the table and read once per cold start.
import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchResult } from 'minisearch';
import { visibilitiesFor, type ArticleLanguage, type ArticleVisibility, type Audience } from '../../domain/kb/index.js';
import { alternativeForms, englishStem, isHebrew, tokenize } from './analyzer.js';
import { snippetOf } from './snippet.js';

/** What the index keeps of a published article. */
export type IndexedArticle = {
  id: string;
  version: number;
  title: string;
  text: string; // the body as plain text (markdownToText)
  language: ArticleLanguage;
  visibility: ArticleVisibility;
  tags: string[];
};

/** The stored index: the articles it holds, the version of every article it was built from, and MiniSearch's own form. */
export type IndexFile = {
  format: 1;
  builtAt: string;
  /** Each article the build read (published or not) at its version: a stream record for a version at or below it is already built. */
  versions: Record<string, number>;
  articles: IndexedArticle[];
  index: AsPlainObject;
};

export type SearchHit = { id: string; title: string; snippet: string; language: ArticleLanguage; score: number; tags: string[] };
export type SearchRequest = { q: string; audience: Audience; language?: ArticleLanguage; tag?: string; limit: number };

const FIELDS = ['title', 'body', 'titleAlt', 'bodyAlt'];
const ALT_FIELDS = new Set(['titleAlt', 'bodyAlt']);
const MAX_QUERY_WORDS = 12;
// The title counts three times the body (issue 11: title weighted above body).
const BOOST = { title: 3, body: 1, titleAlt: 3, bodyAlt: 1 };
// Below the word as written: its English stem, then the Hebrew word without its prefix letters
// (each stripped letter a further step down, since each is a guess).
const STEM_WEIGHT = 0.7;
const PREFIX_STRIP_WEIGHT = 0.6;

const OPTIONS: Options<IndexedArticle> = {
  fields: FIELDS,
  storeFields: [],
  tokenize: (text) => tokenize(text),
  extractField: (doc, field) => (field === 'title' || field === 'titleAlt' ? doc.title : field === 'body' || field === 'bodyAlt' ? doc.text : (doc as Record<string, unknown>)[field] as string),
  // The word as written in title/body; its other forms (stem, prefix-less) in the *Alt fields.
  processTerm: (term, field) => (field && ALT_FIELDS.has(field) ? (alternativeForms(term).length ? alternativeForms(term) : null) : term),
};

/** Builds the index of `articles` (the published ones: the caller filters). */
export function buildIndexFile(articles: readonly IndexedArticle[], versions: Record<string, number>, builtAt: string): IndexFile {
  const ms = new MiniSearch<IndexedArticle>(OPTIONS);
  ms.addAll(articles as IndexedArticle[]);
  return { format: 1, builtAt, versions, articles: [...articles], index: ms.toJSON() };
}

/** A loaded index, ready to search. */
export class ArticleIndex {
  private readonly byId: Map<string, IndexedArticle>;

  private constructor(readonly file: IndexFile, private readonly ms: MiniSearch<IndexedArticle>) {
    this.byId = new Map(file.articles.map((a) => [a.id, a]));
  }

  static load(file: IndexFile): ArticleIndex {
    return new ArticleIndex(file, MiniSearch.loadJS(file.index, OPTIONS));
  }

  static empty(): ArticleIndex {
    return ArticleIndex.load(buildIndexFile([], {}, '1970-01-01T00:00:00.000Z'));
  }

  get size(): number {
    return this.byId.size;
  }

  /** The articles best matching `q` that `audience` may read, best first, each with a marked snippet. */
  search(req: SearchRequest): SearchHit[] {
    const words = tokenize(req.q).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return [];
    const allowed = new Set(visibilitiesFor(req.audience));
    const results = this.ms.search({ combineWith: 'OR', queries: words.flatMap((w, i) => subqueries(w, i === words.length - 1)) }, {
      tokenize: (s) => [s],
      processTerm: (t) => t,
      filter: (r) => this.mayShow(r, allowed, req),
    });
    return results.slice(0, req.limit).map((r) => this.hit(r));
  }

  /** Browsing without a query: the articles `audience` may read, by title, optionally of one tag. */
  browse(req: Omit<SearchRequest, 'q'>): SearchHit[] {
    const allowed = new Set(visibilitiesFor(req.audience));
    return this.file.articles
      .filter((a) => allowed.has(a.visibility) && (!req.language || a.language === req.language) && (!req.tag || a.tags.includes(req.tag)))
      .sort((a, b) => a.title.localeCompare(b.title))
      .slice(0, req.limit)
      .map((a) => ({ id: a.id, title: a.title, snippet: snippetOf(a.text, new Set()), language: a.language, score: 0, tags: [...a.tags] }));
  }

  private mayShow(r: SearchResult, allowed: Set<ArticleVisibility>, req: Omit<SearchRequest, 'q'>): boolean {
    const a = this.byId.get(r.id as string);
    return !!a && allowed.has(a.visibility) && (!req.language || a.language === req.language) && (!req.tag || a.tags.includes(req.tag));
  }

  private hit(r: SearchResult): SearchHit {
    const a = this.byId.get(r.id as string)!;
    return { id: a.id, title: a.title, snippet: snippetOf(a.text, new Set(r.terms)), language: a.language, score: Math.round(r.score * 1000) / 1000, tags: [...a.tags] };
  }
}

/** One query word: as written (prefix matching while it is the word being typed, one typo from 5 letters), then its other forms. */
function subqueries(word: string, typing: boolean): Query[] {
  const queries: Query[] = [{
    queries: [word], fields: ['title', 'body'], boost: BOOST,
    prefix: typing && word.length >= 2, fuzzy: word.length >= 5 ? 1 : false, weights: { fuzzy: 0.4, prefix: 0.6 },
  }];
  if (isHebrew(word)) {
    // The article may carry a prefix the query lacks ("השרת" for "שרת"): the word against the prefix-less forms.
    queries.push({ queries: [word], fields: ['titleAlt', 'bodyAlt'], boost: BOOST, boostTerm: () => PREFIX_STRIP_WEIGHT, prefix: false, fuzzy: false });
    hebrewStrips(word).forEach((variant, i) => {
      const weight = PREFIX_STRIP_WEIGHT ** (i + 1);
      queries.push({ queries: [variant], fields: FIELDS, boost: BOOST, boostTerm: () => weight, prefix: typing && variant.length >= 3, fuzzy: false, weights: { fuzzy: 0.4, prefix: 0.6 } });
    });
  } else {
    const stem = englishStem(word);
    if (stem) queries.push({ queries: [stem], fields: ['titleAlt', 'bodyAlt'], boost: BOOST, boostTerm: () => STEM_WEIGHT, prefix: typing, fuzzy: stem.length >= 6 ? 1 : false, weights: { fuzzy: 0.4, prefix: 0.6 } });
  }
  return queries;
}

const hebrewStrips = (word: string): string[] => alternativeForms(word);
