// node:stream/web in bundles (lib/bundle-aliases.ts): @middy/core imports its ReadableStream at
// the top for response streaming, which the API does not use, and loading node:stream/web costs
// ~3 ms of CPU of every API function's cold start (issue 13). Middy only asks `instanceof
// ReadableStream`, which this answers from Node's own class, reached only then. Anything else a
// bundle would want from node:stream/web is not bundled and says so.

/** Answers `instanceof` as Node's ReadableStream does; it cannot be constructed. */
export class ReadableStream {
  constructor() {
    throw new Error('node:stream/web is not bundled (lib/bundle-aliases.ts): use globalThis.ReadableStream');
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof globalThis.ReadableStream;
  }
}
