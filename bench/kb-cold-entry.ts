/**
 * What a cold search function does before its first answer: load the search code, read the one
 * index object (here a file; S3 in AWS), parse it and rebuild MiniSearch's tree, then search.
 * bench/kb.ts bundles this file with esbuild, as Lambda's are, and runs it in fresh processes.
 */
const startMs = performance.now();
const startCpu = process.cpuUsage();
const { readFile } = await import('node:fs/promises');
const { ArticleIndex } = await import('../functions/adapters/search/article-index.js');
const importedMs = performance.now();
const bytes = await readFile(process.argv[2]!);
const readMs = performance.now();
const file = JSON.parse(bytes.toString('utf8'));
const parsedMs = performance.now();
const index = ArticleIndex.load(file);
const loadedMs = performance.now();
const loadCpu = process.cpuUsage(startCpu);
const hits = index.search({ q: 'התקנה', audience: 'customer', limit: 10 }).length;
const searchedMs = performance.now();

process.stdout.write(JSON.stringify({
  coldLoadMs: loadedMs - startMs,
  coldLoadCpuMs: (loadCpu.user + loadCpu.system) / 1000, // on a busy machine, the CPU time is the figure an idle one would show
  importMs: importedMs - startMs,
  readMs: readMs - importedMs,
  parseAndLoadMs: loadedMs - readMs,
  parseMs: parsedMs - readMs, // UTF-8 decoding and JSON.parse
  loadMs: loadedMs - parsedMs, // MiniSearch's tree of terms and the articles by id
  firstSearchMs: searchedMs - loadedMs,
  hits,
}));
