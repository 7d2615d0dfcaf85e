import type { MiddlewareObj } from '@middy/core';
import { readCaller } from './caller.js';
import { HttpProblem } from './problem.js';
import type { CallerContext, HttpEvent, HttpResult } from './types.js';

/**
 * Identifies the caller from the claims API Gateway's JWT authorizer verified and passed on
 * (`requestContext.authorizer.jwt.claims`); no known role means no caller: 401.
 */
export const authenticate = (): MiddlewareObj<HttpEvent, HttpResult, Error, CallerContext> => ({
  before: (request) => {
    const caller = readCaller(request.event.requestContext?.authorizer?.jwt?.claims);
    if (!caller) throw new HttpProblem('unauthorized', 'An ID token (token_use id) naming a known role is required', [], { 'www-authenticate': 'Bearer' });
    request.context.caller = caller;
  },
});
