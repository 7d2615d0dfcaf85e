import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { authenticate } from './auth.js';
import type { Caller } from './caller.js';
import { identifyOptionally, liveTokenVerifier, type MaybeCallerContext, type TokenVerifier } from './optional-auth.js';
import { problemJson } from './problem.js';
import type { CallerContext, HttpEvent, HttpResult } from './types.js';

export type HttpHandler = (event: HttpEvent, context?: Context) => Promise<HttpResult>;

/** A route behind the JWT authorizer: problems first (so every error is one), then the caller. */
export function authedRoute(fn: (event: HttpEvent, caller: Caller) => Promise<HttpResult>): HttpHandler {
  const handler = middy<HttpEvent, HttpResult, Error, CallerContext>()
    .use(problemJson())
    .use(authenticate())
    .handler((event, context) => fn(event, context.caller));
  // middy makes its own context when none is given (tests, the local stack).
  return (event, context) => handler(event, (context ?? {}) as CallerContext);
}

/** A route without authentication (the OpenAPI document). */
export function publicRoute(fn: (event: HttpEvent) => Promise<HttpResult>): HttpHandler {
  const handler = middy<HttpEvent, HttpResult>().use(problemJson()).handler((event) => fn(event));
  return (event, context) => handler(event, (context ?? {}) as Context);
}

/**
 * A route anyone may call, signed in or not (auth: false, tokenOptional: true in routes.ts): the
 * caller is null without a token; a token sent is verified (optional-auth.ts).
 */
export function optionalAuthRoute(
  fn: (event: HttpEvent, caller: Caller | null) => Promise<HttpResult>,
  verify: TokenVerifier | null = liveTokenVerifier(),
): HttpHandler {
  const handler = middy<HttpEvent, HttpResult, Error, MaybeCallerContext>()
    .use(problemJson())
    .use(identifyOptionally(verify))
    .handler((event, context) => fn(event, context.caller));
  return (event, context) => handler(event, (context ?? {}) as MaybeCallerContext);
}
