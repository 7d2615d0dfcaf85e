import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES } from '../../lib/bundle-aliases.js';
import { PROJECT_ROOT, SupportFunction } from '../../lib/support-function.js';
import { newApp, SYNTH_TIMEOUT_MS } from './cdk-app.js';

// The inbound-mail, timer and an API function bundled by synth (NodejsFunction running the esbuild
// CLI): the aliases of lib/bundle-aliases.ts must reach them as --alias flags (issue 13). The timer
// carries Powertools' Tracer, whose semver the stand-in replaces; the API function middy, whose
// node:stream/web the stand-in replaces; inbound mail the rest.
const ENTRIES = ['inbound-mail.ts', 'timer.ts', 'http/api/ticket-writes.ts'].map((name) => join(PROJECT_ROOT, 'functions', 'handlers', name));

let sources: string[];
let code: string;

beforeAll(() => {
  const app = newApp();
  const stack = new Stack(app, 'Aliases-test');
  ENTRIES.forEach((entry, i) => new SupportFunction(stack, `Fn${i}`, { entry, memorySize: 1024 }));
  Template.fromStack(stack);
  const outdir = app.synth().directory;
  const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
  expect(assets).toHaveLength(ENTRIES.length);
  code = assets.map((asset) => readFileSync(join(outdir, asset, 'index.mjs'), 'utf8')).join('\n');
  sources = assets.flatMap((asset) => (JSON.parse(readFileSync(join(outdir, asset, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources);
}, SYNTH_TIMEOUT_MS);

describe('synth bundles the inbound-mail, timer and an API function with the stand-ins of lib/bundle-aliases.ts', () => {
  it('each stand-in is in a bundle, and none of the packages it replaces', () => {
    for (const path of Object.values(BUNDLE_ALIASES).filter((p) => p.startsWith(PROJECT_ROOT))) {
      expect(sources.some((s) => s.endsWith(path.slice(PROJECT_ROOT.length)))).toBe(true);
    }
    expect(sources.filter((s) => /node_modules\/(?:libmime|iconv-lite|encoding-japanese|joi|@hapi|tldts|semver)\//.test(s))).toEqual([]);
    expect(sources.some((s) => s.includes('mailauth/lib/dkim/dkim-verifier.js'))).toBe(true);
    expect(code).toContain('is not bundled (lib/bundle-aliases.ts)');
    expect(code).not.toMatch(/from\s*"node:stream\/web"/); // a builtin: replaced, not imported
  });
});
