/**
 * The knowledge base's search at scale (issue 11): 5,000 generated articles in Hebrew and
 * English, the index build time and size, the cold load of a fresh process (bundled as Lambda's
 * are), and warm search latency p50/p99 over 1,000 queries (prefixed Hebrew, inflected English,
 * typos, partial words). Targets: p99 under 20 ms warm, cold load under 300 ms.
 * Last line: {"buildMs":…, "indexKB":…, "coldLoadMs":…, "searchP50Ms":…, "searchP99Ms":…}
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ArticleIndex } from '../functions/adapters/search/article-index.js';
import { indexFileOf } from '../functions/adapters/search/build-index.js';
import { renderArticleBody } from '../functions/adapters/search/markdown.js';
import { tokenize } from '../functions/adapters/search/analyzer.js';
import { createArticle, publishArticle, type Article, type ArticleVisibility } from '../functions/domain/kb/index.js';
import { SEED_ARTICLES } from '../bin/local/seed-articles.js';

const ARTICLES = 5_000;
const QUERIES = 1_000;
const COLD_RUNS = 5;
const AT = '2026-01-04T08:00:00.000Z';

// A fixed-seed generator (mulberry32): the same articles and queries on every run.
let seed = 20261204;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
// Zipf-like: a few words often, most rarely, as in real text.
const zipf = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 3)]!;

// The vocabulary: the seeded articles' real words, and a long tail of made-up words in each script.
const real = { he: new Set<string>(), en: new Set<string>() };
for (const a of SEED_ARTICLES) for (const w of `${a.title} ${a.body}`.split(/[^\p{L}\p{N}]+/u)) if (w.length > 1) real[/[\u05D0-\u05EA]/.test(w) ? 'he' : 'en'].add(w);
const madeUp = (letters: string, n: number) => Array.from({ length: n }, () => Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick([...letters])).join(''));
const vocabulary = {
  he: [...real.he, ...madeUp('אבגדהוזחטיכלמנסעפצקרשת', 6_000)],
  en: [...real.en, ...madeUp('abcdefghijklmnopqrstuvwxyz', 6_000)],
};
const VISIBILITIES: ArticleVisibility[] = ['public', 'public', 'customers', 'internal'];

const sentence = (language: 'he' | 'en', words: number) => Array.from({ length: words }, () => zipf(vocabulary[language])).join(' ');
const articles: Article[] = Array.from({ length: ARTICLES }, (_, i) => {
  const language = i % 2 === 0 ? 'he' : 'en';
  const body = Array.from({ length: 3 + Math.floor(random() * 4) }, () => sentence(language, 20 + Math.floor(random() * 30))).join('\n\n');
  const draft = createArticle(`bench-${i}`, { title: sentence(language, 4 + Math.floor(random() * 5)), body, ...renderArticleBody(body), language, visibility: pick(VISIBILITIES), tags: [] }, 'bench@center.example', AT);
  return publishArticle(draft.article, 'bench@center.example', AT).article;
});

// Queries as people type them: a word with Hebrew prefix letters, an English inflection, a typo, a partial word.
const typo = (w: string) => (w.length < 5 ? w : `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`);
const queries = Array.from({ length: QUERIES }, (_, i) => {
  const a = pick(articles);
  const words = tokenize(`${a.title} ${a.body}`).filter((w) => w.length > 3);
  const w1 = pick(words);
  const w2 = pick(words);
  switch (i % 4) {
    case 0: return a.language === 'he' ? `${pick(['ב', 'ה', 'ל', 'וה', 'מה', 'וכשה'])}${w1} ${w2}` : `${w1}ing ${w2}s`;
    case 1: return `${typo(w1)} ${w2}`;
    case 2: return `${w1} ${w2.slice(0, Math.max(2, w2.length - 2))}`; // the last word still being typed
    default: return w1;
  }
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]!;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

// --- build ---
const builds: number[] = [];
const buildCpus: number[] = [];
let json = '';
for (let run = 0; run < 3; run++) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  json = JSON.stringify(indexFileOf(articles, AT));
  builds.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  buildCpus.push((used.user + used.system) / 1000);
}
const buildMs = median(builds);
const indexKB = Buffer.byteLength(json) / 1024;

// --- cold: a bundled entry in fresh processes ---
const dir = mkdtempSync(join(tmpdir(), 'kb-bench-'));
let cold: Record<string, number>;
try {
  const indexPath = join(dir, 'articles-index.json');
  writeFileSync(indexPath, json);
  await build({
    entryPoints: [fileURLToPath(new URL('./kb-cold-entry.ts', import.meta.url))], bundle: true, format: 'esm', platform: 'node', minify: true,
    outfile: join(dir, 'kb-cold-entry.mjs'), logLevel: 'warning',
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // tsx runs this bench; the measured processes must not inherit its loader
  const runs = Array.from({ length: COLD_RUNS }, () => JSON.parse(execFileSync(process.execPath, [join(dir, 'kb-cold-entry.mjs'), indexPath], { env, encoding: 'utf8' })) as Record<string, number>);
  cold = Object.fromEntries(Object.keys(runs[0]!).map((k) => [k, median(runs.map((r) => r[k]!))]));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// --- warm search ---
const index = ArticleIndex.load(JSON.parse(json));
for (const q of queries.slice(0, 100)) index.search({ q, audience: 'customer', limit: 10 }); // warm-up
const latencies: number[] = [];
const cpuLatencies: number[] = [];
let hits = 0;
for (const [i, q] of queries.entries()) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  hits += index.search({ q, audience: i % 3 === 0 ? 'anonymous' : i % 3 === 1 ? 'customer' : 'staff', limit: 10 }).length;
  latencies.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  cpuLatencies.push((used.user + used.system) / 1000);
}
// This machine may be shared (the load average is printed): CPU time shows what an idle one would.
const [load1] = loadavg();

console.log(`knowledge base search, ${ARTICLES} generated articles (half Hebrew, half English), MiniSearch with the Hebrew/English analyzer; load average ${load1!.toFixed(1)} on ${availableParallelism()} cores:`);
console.log(`  build ${round(buildMs, 0)} ms wall, ${round(median(buildCpus), 0)} ms CPU (median of 3, Markdown to text included); index ${round(indexKB / 1024, 1)} MB as one JSON object`);
console.log(`  cold (bundled, fresh process, median of ${COLD_RUNS}): ${round(cold.coldLoadMs!, 1)} ms wall (${round(cold.coldLoadCpuMs!, 1)} ms CPU) = import ${round(cold.importMs!, 1)} + read ${round(cold.readMs!, 1)} + parse and load ${round(cold.parseAndLoadMs!, 1)} (JSON ${round(cold.parseMs!, 1)}, index ${round(cold.loadMs!, 1)}); first search ${round(cold.firstSearchMs!, 1)} ms`);
console.log(`  warm search over ${QUERIES} queries: p50 ${round(percentile(latencies, 0.5))} ms, p99 ${round(percentile(latencies, 0.99))} ms wall (CPU p50 ${round(percentile(cpuLatencies, 0.5))}, p99 ${round(percentile(cpuLatencies, 0.99))} ms); ${(hits / QUERIES).toFixed(1)} hits per query`);
console.log(`  targets: p99 < 20 ms warm ${percentile(latencies, 0.99) < 20 ? 'met' : 'MISSED'}; cold load < 300 ms ${cold.coldLoadMs! < 300 ? 'met' : 'MISSED'}`);
console.log(JSON.stringify({
  buildMs: round(buildMs, 0), indexKB: round(indexKB, 0), coldLoadMs: round(cold.coldLoadMs!, 1), searchP50Ms: round(percentile(latencies, 0.5)), searchP99Ms: round(percentile(latencies, 0.99)),
  coldLoadCpuMs: round(cold.coldLoadCpuMs!, 1), searchP99CpuMs: round(percentile(cpuLatencies, 0.99)), loadAverage: round(load1!, 1),
}));
