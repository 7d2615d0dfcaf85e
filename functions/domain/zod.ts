// zod/mini for every schema of the functions (issue 13, cold starts): classic zod's schemas carry
// every method and the JSON Schema processors, about 100 KB of each bundle; mini's are plain
// functions esbuild tree-shakes. Every file of functions/ takes zod from here, never from the package.
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// Classic zod installs the English messages by itself; mini leaves every issue "Invalid input"
// unless told. The API's problem+json `errors` quote these messages, so they stay as they were.
z.config(en());

export * from 'zod/mini';
// What a failed parse throws (mini has no ZodError class of its own); problem.ts turns it into a 400.
export { $ZodError } from 'zod/v4/core';

/**
 * A schema built where it is declared, and left out of a bundle that does not use it: written
 * `/* @__PURE__ *\/ z.schema(() => …)`, since esbuild cannot tell that a chain such as
 * `z.string().check(…)` has no side effects and would otherwise keep, and build at every cold
 * start, every schema of each module a function imports (issue 13). `build` runs at once; this
 * changes nothing but what a bundler may drop.
 */
export function schema<T>(build: () => T): T {
  return build();
}
