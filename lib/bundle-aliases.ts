import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STUBS = fileURLToPath(new URL('../functions/adapters/mail/bundle-stubs/', import.meta.url));

/**
 * Packages replaced in every bundle (esbuild `alias`) by small local modules, because mailauth's
 * DKIM verifier pulls them in for almost nothing (issue 13, the inbound-mail cold start):
 * libmime (a MIME-type table, and code-page tables through iconv-lite and encoding-japanese, for
 * one header parse) and joi (one base64 check); semver, of which Powertools' Tracer (through
 * aws-xray-sdk-core) needs only `gte`; and tldts becomes tldts-experimental, the list our own
 * code reads. Only bundles are affected: vitest, tsx and the local stack load the real
 * packages; test/adapters/mail/bundle-aliases.test.ts runs DKIM verification through a bundle.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  libmime: join(STUBS, 'libmime.ts'),
  joi: join(STUBS, 'joi.ts'),
  semver: join(STUBS, 'semver.ts'),
  // mailauth's own alignment helper reads the same list as functions/adapters/mail/authenticate-sender.ts: one copy, ~1.5 ms to load
  tldts: 'tldts-experimental',
  // @middy/core's ReadableStream, for response streaming the API does not use: node:stream/web
  // loaded at every API function's cold start cost ~3 ms of CPU; the stand-in answers instanceof.
  'node:stream/web': join(STUBS, 'stream-web.ts'),
};

/** The same map as NodejsFunction's esbuildArgs (each entry becomes `--alias:name=path`). */
export const BUNDLE_ALIAS_ARGS: { '--alias': string[] } = {
  '--alias': Object.entries(BUNDLE_ALIASES).map(([name, path]) => `${name}=${path}`),
};
