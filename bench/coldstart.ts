/**
 * `npm run bench:coldstart`: every function's bundle (built with lib/support-function.ts's esbuild
 * options, as synth builds it), its size, and its module initialisation in a fresh Node.js process
 * (median of several), beside a bare handler that imports and constructs the DynamoDB client;
 * then a model of one working day of a center giving the share of API requests that meet a cold
 * instance under each layout. The last line is one JSON object for the layout chosen.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROUTES, type Route } from '../functions/handlers/http/routes.js';
import { apiEntrySource, apiFunctionGroups } from '../lib/api-layout.js';
import { BUNDLING, PROJECT_ROOT } from '../lib/support-function.js';
import { BUNDLE_ALIASES } from '../lib/bundle-aliases.js';
import { modelDay, type Layout } from './coldstart-model.js';

const RUNS = Number(process.env.COLDSTART_RUNS ?? 7);
const handlers = join(PROJECT_ROOT, 'functions', 'handlers');

const out = mkdtempSync(join(tmpdir(), 'coldstart-'));

type Fn = { name: string; entry: string; kind: 'bare' | 'api' | 'inbound' | 'background' | 'router' | 'alternative'; routeKey?: string; layout?: string };
const FUNCTIONS: Fn[] = [
  { name: 'bare-dynamodb', entry: join(PROJECT_ROOT, 'bench', 'bare-dynamodb-handler.ts'), kind: 'bare' },
  ...ROUTES.map((r): Fn => ({ name: r.entry, entry: join(handlers, 'http', `${r.entry}.ts`), kind: 'api', routeKey: `${r.method} ${r.path}` })),
  // The chosen layout's functions (lib/api-layout.ts), each from its entry file, which imports all
  // its routes' modules: its cold path is that import plus a first request (its first route's).
  ...apiFunctionGroups(ROUTES).map((g): Fn => ({
    name: g.name, entry: join(handlers, 'http', 'api', `${g.file}.ts`), kind: 'router', routeKey: `${g.routes[0]!.method} ${g.routes[0]!.path}`,
  })),
  // The alternatives the model weighs, built the same way (entry files written for the run).
  ...alternativeEntries(),
  { name: 'inbound-mail', entry: join(handlers, 'inbound-mail.ts'), kind: 'inbound' },
  ...['timer', 'outbox', 'mail-events', 'report-schedule'].map((n): Fn => ({ name: n, entry: join(handlers, `${n}.ts`), kind: 'background' })),
];

// The wiring each module reads at import; values only need to parse.
const ENV: Record<string, string> = {
  TABLE_NAME: 'bench', SCHEDULE_GROUP: 'bench', AWS_REGION: 'eu-west-1',
  TIMER_TARGET_ARN: 'arn:aws:lambda:eu-west-1:000000000000:function:timer', SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/s',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:000000000000:dlq', MAIL_FROM: 'Support <support@center.example>', MAIL_REPLY_TO_DOMAIN: 'center.example',
  SES_CONFIGURATION_SET: 'bench', INBOUND_MAIL_BUCKET: 'b', ATTACHMENT_BUCKET: 'a', MAIL_DOMAINS: 'center.example', KB_INDEX_BUCKET: 'k',
  USER_POOL_ID: 'eu-west-1_bench0000', USER_POOL_CLIENT_ID: 'bench',
  STAFF_ROSTER: JSON.stringify({ tierDuty: Object.fromEntries([1, 2, 3, 4].map((t) => [t, { email: `t${t}@center.example`, name: `T${t}`, language: 'en' }])), hos: { email: 'hos@center.example', name: 'H', language: 'en' }, cco: { email: 'cco@center.example', name: 'C', language: 'en' } }),
  NODE_OPTIONS: '--enable-source-maps', // as every function runs (lib/support-function.ts): ~15 ms of a cold start here
  POWERTOOLS_SERVICE_NAME: 'support-desk', POWERTOOLS_METRICS_NAMESPACE: 'SupportDesk', POWERTOOLS_LOG_LEVEL: 'WARN', NODE_NO_WARNINGS: '1', // the SDK's Node.js 20 notice is no part of a cold start on nodejs24.x
};


/** Entry files for the layouts not chosen: readers and writers apart (2), and every route in one. */
function alternativeEntries(): Fn[] {
  const entryOf = (name: string, routes: readonly Route[]): string => {
    const file = join(out, `${name}.ts`);
    const imports = { router: join(handlers, 'http', 'router.ts'), route: (entry: string) => join(handlers, 'http', `${entry}.ts`) };
    writeFileSync(file, apiEntrySource({ name, file: name, routes }, imports));
    return file;
  };
  const first = (routes: readonly Route[]) => `${routes[0]!.method} ${routes[0]!.path}`;
  const readers = ROUTES.filter((r) => r.table !== 'write');
  const writers = ROUTES.filter((r) => r.table === 'write');
  return [
    { name: 'alt: readers', entry: entryOf('readers', readers), kind: 'alternative', routeKey: first(readers), layout: 'readers and writers (2)' },
    { name: 'alt: writers', entry: entryOf('writers', writers), kind: 'alternative', routeKey: first(writers), layout: 'readers and writers (2)' },
    { name: 'alt: every route', entry: entryOf('all', ROUTES), kind: 'alternative', routeKey: first(ROUTES), layout: 'one function for every route' },
  ];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bundle(fn: Fn): Promise<string> {
  const outfile = join(out, `${fn.name.replace(/\W+/g, '-')}.mjs`);
  await build({
    entryPoints: [fn.entry], outfile, bundle: true, platform: 'node', logLevel: 'error',
    format: BUNDLING.format, target: BUNDLING.target, mainFields: [...BUNDLING.mainFields], minify: BUNDLING.minify, charset: BUNDLING.charset,
    sourcemap: BUNDLING.sourceMap, sourcesContent: BUNDLING.sourcesContent, banner: { js: BUNDLING.banner }, external: [...BUNDLING.externalModules],
    alias: { ...BUNDLE_ALIASES }, // what BUNDLING.esbuildArgs passes to synth's esbuild
  });
  return outfile;
}

/**
 * The module's import in a fresh process, as a cold Lambda instance does before its first event,
 * and for an API function its first request too (unauthenticated: a 401, no network), since the
 * router loads a route's module then:
 * the median CPU time (user + system, every thread) over RUNS processes, and the median wall time.
 * The ratios use CPU time: on a shared machine (here 2 cores for many processes) wall time
 * mostly measures the neighbours.
 */
function initMs(file: string, event?: unknown): { cpu: number; wall: number } {
  const call = event === undefined ? '' : `await m.handler(${JSON.stringify(event)}, {});`;
  const script = `const c = process.cpuUsage(); const t0 = performance.now(); const m = await import(${JSON.stringify(`file://${file}`)}); ${call} const d = process.cpuUsage(c); process.stdout.write(JSON.stringify([(d.user + d.system) / 1000, performance.now() - t0]));`;
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [c, w] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', ...ENV }, encoding: 'utf8' })) as [number, number];
    cpu.push(c);
    wall.push(w);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

try {
  const rows: { fn: Fn; bytes: number; ms: number; wallMs: number }[] = [];
  for (const fn of FUNCTIONS) {
    const file = await bundle(fn);
    const event = fn.kind === 'bare' ? {} : fn.routeKey ? anEvent(fn.routeKey) : undefined;
    const init = initMs(file, event);
    rows.push({ fn, bytes: statSync(file).size, ms: init.cpu, wallMs: init.wall });
  }
  const bare = rows.find((r) => r.fn.kind === 'bare')!;
  const ratio = (r: { bytes: number; ms: number }) => ({ bundle: r.bytes / bare.bytes, init: r.ms / bare.ms });
  console.log(`function                              bundle KB  init ms cpu  (wall)   bundle x   init x   (median of ${RUNS} fresh processes; node ${process.version})`);
  for (const r of rows) {
    const x = ratio(r);
    console.log(`${r.fn.name.padEnd(36)} ${(r.bytes / 1024).toFixed(0).padStart(10)} ${r.ms.toFixed(1).padStart(12)} ${`(${r.wallMs.toFixed(0)})`.padStart(8)} ${x.bundle.toFixed(2).padStart(10)} ${x.init.toFixed(2).padStart(8)}`);
  }
  // The AWS SDK left to the runtime (externalModules ['@aws-sdk/*']): the same bare handler, its SDK
  // loaded file by file from node_modules as Lambda's runtime copy would be.
  const external = join(PROJECT_ROOT, 'node_modules', '.coldstart', 'bare-external.mjs');
  await build({ entryPoints: [FUNCTIONS[0]!.entry], outfile: external, bundle: true, platform: 'node', logLevel: 'error', format: 'esm', target: BUNDLING.target, minify: true, external: ['@aws-sdk/*'] });
  const ext = initMs(external);
  rmSync(join(PROJECT_ROOT, 'node_modules', '.coldstart'), { recursive: true, force: true });
  console.log(`\nbare-dynamodb with the SDK external (loaded from node_modules): ${ext.cpu.toFixed(1)} ms cpu (${ext.wall.toFixed(0)} wall), ${(ext.cpu / bare.ms).toFixed(2)}x the bundled SDK's init`);

  const api = rows.filter((r) => r.fn.kind === 'api');
  const routers = rows.filter((r) => r.fn.kind === 'router');
  const inbound = rows.find((r) => r.fn.kind === 'inbound')!;
  const day = modelDay();
  console.log(`\n${day.description}`);
  for (const layout of day.layouts) {
    console.log(`  ${layout.name.padEnd(34)} ${(layout.coldShare * 100).toFixed(2).padStart(6)}% of ${day.requests} API requests meet a cold instance (${layout.coldStarts} cold starts; ${(layout.coldShareOfPeople * 100).toFixed(2)}% of those not the desk's polling); grants widened: ${layout.grantsWidened}`);
  }
  const worst = (xs: typeof rows) => `largest bundle ${Math.max(...xs.map((r) => ratio(r).bundle)).toFixed(2)}x, slowest init ${Math.max(...xs.map((r) => ratio(r).init)).toFixed(2)}x`;
  console.log(`\nvs the bare handler: one function per route: ${worst(api)}; the chosen layout: ${worst(routers)}`);
  for (const name of new Set(rows.flatMap((r) => (r.fn.layout ? [r.fn.layout] : [])))) console.log(`  ${name}: ${worst(rows.filter((r) => r.fn.layout === name))}`);
  const chosen: Layout = day.chosen;
  const apiRows = chosen.functions === 'per-route' ? api : routers;
  console.log(`\nchosen: ${chosen.name} (lib/api-layout.ts)`);
  console.log(JSON.stringify({
    maxApiBundleRatio: round(Math.max(...apiRows.map((r) => ratio(r).bundle))),
    maxApiInitRatio: round(Math.max(...apiRows.map((r) => ratio(r).init))),
    inboundBundleRatio: round(ratio(inbound).bundle),
    inboundInitRatio: round(ratio(inbound).init),
    coldShare: Number(chosen.coldShare.toFixed(4)),
  }));
} finally {
  rmSync(out, { recursive: true, force: true });
}

/**
 * An API Gateway (HTTP API, payload 2.0) event for `routeKey` whose answer needs no network: no
 * authorizer claims (a 401 on the routes behind the authorizer) and a token that is not a JWT (a
 * 401 from the token-optional routes' verifier before it would fetch any key).
 */
function anEvent(routeKey: string): unknown {
  const [method, path] = routeKey.split(' ') as [string, string];
  const rawPath = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
  return { version: '2.0', routeKey, rawPath, rawQueryString: '', headers: { authorization: 'Bearer not-a-token' }, isBase64Encoded: false, requestContext: { requestId: 'bench', http: { method, path: rawPath } } };
}

function round(x: number): number {
  return Number(x.toFixed(2));
}
