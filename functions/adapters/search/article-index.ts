// The knowledge base's full-text index (issue 11, design §Knowledge base): MiniSearch (BM25+,
// prefix and fuzzy matching, serialisable) over the published articles, with our analyzer. One
// JSON object holds the whole index; it is built from the table and read once per cold start.
import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchResult } from 'minisearch';
import { visibilitiesFor, type ArticleLanguage, type ArticleVisibility, type Audience } from '../../domain/kb/index.js';
import { englishStem, hebrewQueryForms, isHebrew, isStopWord, tokenize } from './analyzer.js';
import { compactIndexOf, loadCompactIndex, type CompactIndex } from './postings.js';
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

/** The stored index: the articles it holds, the version of every article it was built from, and MiniSearch's index compactly. */
export type IndexFile = {
  format: 2;
  builtAt: string;
  /** Each article the build read (published or not) at its version: a stream record for a version at or below it is already built. */
  versions: Record<string, number>;
  articles: IndexedArticle[];
  index: CompactIndex;
};

/** The index as first stored, with MiniSearch's own form: still read, until the next build replaces it. */
export type IndexFileV1 = Omit<IndexFile, 'format' | 'index'> & { format: 1; index: AsPlainObject };

export type SearchHit = { id: string; title: string; snippet: string; language: ArticleLanguage; score: number; tags: string[] };
export type SearchRequest = { q: string; audience: Audience; language?: ArticleLanguage; tag?: string; limit: number };

const FIELDS = ['title', 'body'];
const MAX_QUERY_WORDS = 12;
// The title counts three times the body (issue 11: title weighted above body).
const BOOST = { title: 3, body: 1 };
// Below the word as written: its English stem (Hebrew forms carry their own weights, hebrewQueryForms).
const STEM_WEIGHT = 0.7;

// The words as written, nothing else: a word's other forms are the query's business (its English
// stem matched as a prefix, its Hebrew prefix and suffix forms), which keeps the index small.
const OPTIONS: Options<IndexedArticle> = {
  fields: FIELDS,
  storeFields: [],
  tokenize: (text) => tokenize(text),
  extractField: (doc, field) => (field === 'title' ? doc.title : field === 'body' ? doc.text : (doc as Record<string, unknown>)[field] as string),
  processTerm: (term) => (isStopWord(term) ? null : term),
};

/** Builds the index of `articles` (the published ones: the caller filters). */
export function buildIndexFile(articles: readonly IndexedArticle[], versions: Record<string, number>, builtAt: string, keepTextChars = Infinity): IndexFile {
  const ms = new MiniSearch<IndexedArticle>(OPTIONS);
  ms.addAll(articles as IndexedArticle[]);
  // The whole text is indexed; only its opening is kept for snippets.
  const kept = articles.map((a) => (a.text.length > keepTextChars ? { ...a, text: a.text.slice(0, keepTextChars) } : a));
  return { format: 2, builtAt, versions, articles: kept, index: compactIndexOf(ms.toJSON()) };
}

/** A loaded index, ready to search. */
export class ArticleIndex {
  private readonly byId: Map<string, IndexedArticle>;

  private constructor(private readonly articles: readonly IndexedArticle[], private readonly ms: MiniSearch<IndexedArticle>) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
  }

  static load(file: IndexFile | IndexFileV1): ArticleIndex {
    return new ArticleIndex(file.articles, file.format === 1 ? MiniSearch.loadJS(file.index, OPTIONS) : loadCompactIndex(file.index, OPTIONS));
  }

  static empty(): ArticleIndex {
    return ArticleIndex.load(buildIndexFile([], {}, '1970-01-01T00:00:00.000Z'));
  }

  get size(): number {
    return this.byId.size;
  }

  /** The articles best matching `q` that `audience` may read, best first, each with a marked snippet. */
  search(req: SearchRequest): SearchHit[] {
    const all = tokenize(req.q);
    // Stop words are not indexed; a query of nothing else still looks for them as prefixes of longer words.
    const words = (all.some((w) => !isStopWord(w)) ? all.filter((w, i) => !isStopWord(w) || i === all.length - 1) : all).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return [];
    const allowed = new Set(visibilitiesFor(req.audience));
    const wordOf = new Map<string, number>(); // each term searched, to the query word it stands for
    const queries = words.flatMap((w, i) => subqueries(w, i === words.length - 1).map((q) => {
      for (const term of (q as { queries: string[] }).queries) if (!wordOf.has(term)) wordOf.set(term, i);
      return q;
    }));
    const results = this.ms.search({ combineWith: 'OR', queries }, {
      tokenize: (s) => [s],
      processTerm: (t) => t,
      filter: (r) => this.mayShow(r, allowed, req),
    });
    // MiniSearch multiplies a score by the number of query terms matched; here a word's other
    // forms are terms of their own, so the factor counts the query's words matched instead
    // (else "בהתקנה" found as a typo and as a form would outrank "התקנה" found as written).
    const rescored = results.map((r) => {
      const matchedWords = new Set(r.queryTerms.map((t) => wordOf.get(t) ?? -1)).size;
      return { r, score: (r.score / Math.max(1, r.queryTerms.length)) * matchedWords };
    }).sort((a, b) => b.score - a.score);
    return rescored.slice(0, req.limit).map(({ r, score }) => this.hit(r, score));
  }

  /** Browsing without a query: the articles `audience` may read, by title, optionally of one tag. */
  browse(req: Omit<SearchRequest, 'q'>): SearchHit[] {
    const allowed = new Set(visibilitiesFor(req.audience));
    return this.articles
      .filter((a) => allowed.has(a.visibility) && (!req.language || a.language === req.language) && (!req.tag || a.tags.includes(req.tag)))
      .sort((a, b) => a.title.localeCompare(b.title))
      .slice(0, req.limit)
      .map((a) => ({ id: a.id, title: a.title, snippet: snippetOf(a.text, new Set()), language: a.language, score: 0, tags: [...a.tags] }));
  }

  private mayShow(r: SearchResult, allowed: Set<ArticleVisibility>, req: Omit<SearchRequest, 'q'>): boolean {
    const a = this.byId.get(r.id as string);
    return !!a && allowed.has(a.visibility) && (!req.language || a.language === req.language) && (!req.tag || a.tags.includes(req.tag));
  }

  private hit(r: SearchResult, score: number): SearchHit {
    const a = this.byId.get(r.id as string)!;
    return { id: a.id, title: a.title, snippet: snippetOf(a.text, new Set(r.terms)), language: a.language, score: Math.round(score * 1000) / 1000, tags: [...a.tags] };
  }
}

/** One query word: as written (prefix matching while it is the word being typed, one typo from 5 letters), then its other forms. */
function subqueries(word: string, typing: boolean): Query[] {
  // A typo's match counts 0.3 of the word's: with a form's weight (at most 0.6) it stays below the word as written.
  const weights = { fuzzy: 0.3, prefix: 0.6 };
  const queries: Query[] = [{
    queries: [word], fields: ['title', 'body'], boost: BOOST, prefix: typing && word.length >= 3, fuzzy: word.length >= 5 ? 1 : false, weights,
  }];
  if (isHebrew(word)) {
    const forms = hebrewQueryForms(word);
    if (forms.size > 0) queries.push({ queries: [...forms.keys()], fields: ['title', 'body'], boost: BOOST, boostTerm: (term) => forms.get(term) ?? 0, prefix: false, fuzzy: false });
  } else {
    const stem = englishStem(word);
    // The stem as a prefix finds the word's inflections as the article wrote them ("instal":
    // install, installing, installation); a short stem only as itself.
    // A word that is its own stem ("connector") still finds its plural as written ("connectors").
    if (stem && stem.length >= 4 && (stem !== word || typing)) queries.push({ queries: [stem], fields: FIELDS, boost: BOOST, boostTerm: () => STEM_WEIGHT, prefix: true, fuzzy: false, weights });
    else if (stem === word) queries.push({ queries: [`${word}s`, `${word}es`], fields: FIELDS, boost: BOOST, boostTerm: () => STEM_WEIGHT, prefix: false, fuzzy: false });
  }
  return queries;
}
