// The node:stream/web stand-in of lib/bundle-aliases.ts (issue 13, cold starts): @middy/core only
// asks `instanceof ReadableStream`, so the stand-in answers that from Node's own class, and an API
// function's bundle no longer loads node:stream/web at its cold start.
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ReadableStream as StandIn } from '../../functions/adapters/mail/bundle-stubs/stream-web.js';
import { BUNDLE_ALIASES } from '../../lib/bundle-aliases.js';
import { PROJECT_ROOT } from '../../lib/support-function.js';

describe('the node:stream/web stand-in', () => {
  it('answers instanceof as Node\'s ReadableStream does', () => {
    expect(new globalThis.ReadableStream() instanceof StandIn).toBe(true);
    expect({} instanceof StandIn).toBe(false);
    expect(new globalThis.WritableStream() instanceof StandIn).toBe(false);
  });

  it('cannot be constructed: it says what to use instead', () => {
    expect(() => new StandIn()).toThrow(/not bundled.*globalThis\.ReadableStream/);
  });

  it('an API function\'s bundle imports no node:stream/web, and middy there still tells a stream from a body', async () => {
    const result = await build({
      entryPoints: [join(PROJECT_ROOT, 'functions', 'handlers', 'http', 'api', 'ticket-writes.ts')], bundle: true, platform: 'node',
      format: 'esm', target: 'node24', mainFields: ['module', 'main'], write: false, outfile: 'x.mjs', logLevel: 'error', alias: { ...BUNDLE_ALIASES },
    });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/from\s*"node:stream\/web"/);
    expect(code).toMatch(/instanceof ReadableStream/); // middy's streaming check, now against the stand-in
  }, 60_000);
});
