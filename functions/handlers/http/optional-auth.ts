// Routes anyone may call, signed in or not (the knowledge base's public articles, issue 11). API
// Gateway runs no JWT authorizer on them (it would refuse a request without a token), so the
// function reads the token itself when one is sent. A forged, expired or foreign token never
// widens what is shown: it is a 401, as on the other routes, never "signed in" and never quietly
// anonymous (a portal whose session lapsed learns it, rather than seeing fewer articles).
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { readCaller, type Caller } from './caller.js';
import { header } from './header.js';
import { HttpProblem } from './problem.js';
import type { HttpEvent, HttpResult } from './types.js';

/** Verifies a bearer token (signature, issuer, audience, expiry, token use) and returns its claims; throws when it fails. */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

export type MaybeCallerContext = Context & { caller: Caller | null };

const refuse = (detail: string) => new HttpProblem('unauthorized', detail, [], { 'www-authenticate': 'Bearer error="invalid_token"' });

/**
 * The caller, or null when no token was sent. Claims an authorizer verified (the local stack's
 * server verifies a token sent to these routes as API Gateway's authorizer would) come first;
 * otherwise the Authorization header is verified here, and with no verifier configured a token
 * is refused rather than trusted.
 */
export async function identifyIfPresent(event: HttpEvent, verify: TokenVerifier | null): Promise<Caller | null> {
  const verified = event.requestContext?.authorizer?.jwt?.claims;
  if (verified) {
    const caller = readCaller(verified);
    if (!caller) throw refuse('The token names no known role');
    return caller;
  }
  const authorization = header(event, 'authorization');
  if (authorization === undefined || authorization.trim() === '') return null;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!token || !verify) throw refuse('The token could not be verified');
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token);
  } catch {
    throw refuse('The token is not valid');
  }
  const caller = readCaller(claims);
  if (!caller) throw refuse('The token names no known role');
  return caller;
}

export const identifyOptionally = (verify: TokenVerifier | null): MiddlewareObj<HttpEvent, HttpResult, Error, MaybeCallerContext> => ({
  before: async (request) => {
    request.context.caller = await identifyIfPresent(request.event, verify);
  },
});

let live: TokenVerifier | null | undefined;

/**
 * The Cognito ID-token verifier of the deployed API (USER_POOL_ID, USER_POOL_CLIENT_ID), built
 * once per cold start; its signing keys are fetched on first use and cached. Null without them
 * (tests, the local stack, whose server verifies tokens before the handler runs).
 */
export function liveTokenVerifier(env: Record<string, string | undefined> = process.env): TokenVerifier | null {
  if (live !== undefined) return live;
  const userPoolId = env.USER_POOL_ID;
  const clientId = env.USER_POOL_CLIENT_ID;
  if (!userPoolId || !clientId) return (live = null);
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  return (live = async (token) => (await verifier.verify(token)) as unknown as Record<string, unknown>);
}
