// The token-optional routes' wrapper, apart from route.ts so that only the functions serving them
// bundle the token verifier (aws-jwt-verify): lib/api-layout.ts puts them in one function.
import middy from '@middy/core';
import type { Caller } from './caller.js';
import { identifyOptionally, liveTokenVerifier, type MaybeCallerContext, type TokenVerifier } from './optional-auth.js';
import { problemJson } from './problem.js';
import { logProblem, observed, type HttpHandler } from './route.js';
import type { HttpEvent, HttpResult } from './types.js';

/**
 * A route anyone may call, signed in or not (auth: false, tokenOptional: true in routes.ts): the
 * caller is null without a token; a token sent is verified (optional-auth.ts).
 */
export function optionalAuthRoute(
  fn: (event: HttpEvent, caller: Caller | null) => Promise<HttpResult>,
  verify: TokenVerifier | null = liveTokenVerifier(),
): HttpHandler {
  const handler = middy<HttpEvent, HttpResult, Error, MaybeCallerContext>()
    .use(problemJson(logProblem))
    .use(identifyOptionally(verify))
    .handler((event, context) => fn(event, context.caller));
  // Logged like every other route: the request line and the Lambda context the operations guide reads.
  return observed((event, context) => handler(event, (context ?? {}) as MaybeCallerContext));
}
