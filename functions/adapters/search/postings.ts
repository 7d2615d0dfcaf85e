// The index's postings in a compact stored form (issue 11: cold load under 300 ms). MiniSearch's
// own form keeps every term's postings as objects keyed by document number, which a cold start
// parses and then copies into Maps: 700,000 postings at 5,000 articles, most of the load time.
// Here a term's postings are one short string, parsed as a string and decoded into the same Maps
// only when a search first reaches the term: most terms are never searched in a process's life.
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';

/** MiniSearch's own form with its postings (`index`) left out, and those postings compactly. */
export type CompactIndex = {
  minisearch: Omit<AsPlainObject, 'index'>;
  /** The terms, in MiniSearch's own order. */
  terms: string[];
  /** Each term's postings by field number, the fields apart by "|"; see encodePostings. */
  postings: string[];
};

/** One term's postings by field (MiniSearch's field number to document number to term count). */
type TermPostings = Map<number, Map<number, number>>;

const FIELD = '|'.charCodeAt(0);
const POSTING = ','.charCodeAt(0);
const COUNT = ':'.charCodeAt(0);

/**
 * One term's postings as text: per field, its documents in ascending order, each as the base-36
 * step from the previous one, then ":" and the base-36 count when the term occurs more than once.
 * Field 0 "1,3:2" and field 1 "2" give "1,3:2|2": documents 1 (once) and 4 (twice), and 2.
 */
export function encodePostings(byField: Record<string, Record<string, number>>, fieldCount: number): string {
  const fields: string[] = [];
  for (let field = 0; field < fieldCount; field++) {
    const counts = byField[field];
    if (!counts) { fields.push(''); continue; }
    const docs = Object.keys(counts).map(Number).sort((a, b) => a - b);
    let previous = 0;
    fields.push(docs.map((doc) => {
      const step = (doc - previous).toString(36);
      previous = doc;
      const count = counts[doc]!;
      return count === 1 ? step : `${step}:${count.toString(36)}`;
    }).join(','));
  }
  return fields.join('|').replace(/\|+$/, '');
}

const digit = (c: number): number => (c <= 57 ? c - 48 : c - 87); // 0-9, a-z

/** The postings encodePostings wrote, into `into` (field number to document number to term count). */
export function decodePostings(text: string, into: TermPostings = new Map()): TermPostings {
  let field = 0;
  let counts = new Map<number, number>();
  let doc = 0;
  let n = 0;
  let step = -1; // the step read, while its count is being read
  const flush = () => {
    if (step < 0) { doc += n; counts.set(doc, 1); } else { doc += step; counts.set(doc, n); }
    n = 0;
    step = -1;
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : FIELD;
    if (c === COUNT) { step = n; n = 0; } else if (c === POSTING) flush();
    else if (c === FIELD) {
      if (i > 0 && text.charCodeAt(i - 1) !== FIELD) flush();
      if (counts.size > 0) into.set(field, counts);
      field++;
      counts = new Map();
      doc = 0;
    } else n = n * 36 + digit(c);
  }
  return into;
}

/** A term's postings, decoded from their text on first use (MiniSearch reads them with get). */
class LazyTermPostings extends Map<number, Map<number, number>> {
  private text: string | undefined;

  constructor(text: string) {
    super();
    this.text = text;
  }

  private decoded(): void {
    if (this.text === undefined) return;
    const text = this.text;
    this.text = undefined;
    decodePostings(text, this);
  }

  override get(field: number) { this.decoded(); return super.get(field); }
  override has(field: number) { this.decoded(); return super.has(field); }
  override get size() { this.decoded(); return super.size; }
  override forEach(...args: Parameters<Map<number, Map<number, number>>['forEach']>) { this.decoded(); super.forEach(...args); }
  override entries() { this.decoded(); return super.entries(); }
  override keys() { this.decoded(); return super.keys(); }
  override values() { this.decoded(); return super.values(); }
  override [Symbol.iterator]() { this.decoded(); return super[Symbol.iterator](); }
}

/** MiniSearch's own form as a compact index. */
export function compactIndexOf(plain: AsPlainObject): CompactIndex {
  const { index, ...minisearch } = plain;
  const fieldCount = Object.keys(plain.fieldIds).length;
  return { minisearch, terms: index.map(([term]) => term), postings: index.map(([, byField]) => encodePostings(byField, fieldCount)) };
}

// MiniSearch's radix tree of terms, which loadJS fills; not in its typings.
type WithTermTree = { _index: Map<string, TermPostings> };

/** A MiniSearch holding the compact index: the same documents, terms and postings as the index it was made from. */
export function loadCompactIndex<T>(compact: CompactIndex, options: Options<T>): MiniSearch<T> {
  const ms = MiniSearch.loadJS<T>({ ...compact.minisearch, index: [] }, options);
  const tree = (ms as unknown as WithTermTree)._index;
  const { terms, postings } = compact;
  for (let i = 0; i < terms.length; i++) tree.set(terms[i]!, new LazyTermPostings(postings[i]!));
  return ms;
}
