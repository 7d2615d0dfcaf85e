import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { jsonLog, logger, withLogKeys } from '../log.js';
import { authenticate } from './auth.js';
import type { Caller } from './caller.js';
import { problemJson } from './problem.js';
import type { CallerContext, HttpEvent, HttpResult } from './types.js';

export type HttpHandler = (event: HttpEvent, context?: Context) => Promise<HttpResult>;

// Unexpected errors go to the log with their cause chain, under the request's keys.
export const logProblem = (message: string, error: unknown) => jsonLog('error', message, { error });

/** A route behind the JWT authorizer: problems first (so every error is one), then the caller. */
export function authedRoute(fn: (event: HttpEvent, caller: Caller) => Promise<HttpResult>): HttpHandler {
  const handler = middy<HttpEvent, HttpResult, Error, CallerContext>()
    .use(problemJson(logProblem))
    .use(authenticate())
    .handler((event, context) => fn(event, context.caller));
  // middy makes its own context when none is given (tests, the local stack).
  return observed((event, context) => handler(event, (context ?? {}) as CallerContext));
}

/** A route without authentication (the OpenAPI document). */
export function publicRoute(fn: (event: HttpEvent) => Promise<HttpResult>): HttpHandler {
  const handler = middy<HttpEvent, HttpResult>().use(problemJson(logProblem)).handler((event) => fn(event));
  return observed((event, context) => handler(event, (context ?? {}) as Context));
}

const TICKET_PATH = /^\/tickets\/([^/]+)/;

/**
 * Every request's log: the Lambda context (request id, cold start) on each line, the ticket's id on
 * each line of a ticket's route, and one `request` line with the route, status and ticket (a new
 * ticket's id and number from the 201), which the operations guide's queries read.
 */
export function observed(handler: HttpHandler): HttpHandler {
  return async (event, context) => {
    if (context?.awsRequestId) logger.addContext(context);
    const ticketId = TICKET_PATH.exec(event.rawPath ?? '')?.[1];
    return withLogKeys({ ticketId, apiRequestId: event.requestContext?.requestId }, async () => {
      const result = await handler(event, context);
      jsonLog(result.statusCode >= 500 ? 'error' : 'info', 'request', { routeKey: event.routeKey, status: result.statusCode, ...createdTicketOf(result) });
      return result;
    });
  };
}

function createdTicketOf(result: HttpResult): { ticketId?: string; ticketNumber?: string } {
  const created = result.statusCode === 201 ? TICKET_PATH.exec(result.headers.location ?? '')?.[1] : undefined;
  if (!created) return {};
  try {
    const number = (JSON.parse(result.body ?? '{}') as { number?: unknown }).number;
    return { ticketId: created, ...(typeof number === 'string' ? { ticketNumber: number } : {}) };
  } catch {
    return { ticketId: created };
  }
}
