import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { DomainErrorCode } from '../../domain/index.js';
import type { Caller } from './caller.js';

/**
 * An HTTP API (payload 2.0) event. The JWT authorizer's claims are optional here: the public
 * route has none, and the auth middleware, not the type, decides whether a caller is present.
 */
export type HttpEvent = Omit<APIGatewayProxyEventV2, 'requestContext'> & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};
export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

/** The Lambda context once the auth middleware has identified the caller. */
export type CallerContext = Context & { caller: Caller };

export type ProblemRow = { status: number; title: string };

/** Every domain refusal as an HTTP status; a new code without a row here does not compile. */
export const DOMAIN_PROBLEMS = {
  'not-found': { status: 404, title: 'Not found' },
  'invalid-transition': { status: 409, title: 'Not possible in the current state' },
  // 412 when the client sent If-Match (its precondition failed), else 409 (problem.ts decides).
  'version-conflict': { status: 412, title: 'Changed since you read it' },
  'not-allowed': { status: 403, title: 'Not allowed' },
  'invalid-input': { status: 400, title: 'Invalid request' },
  'policy-mismatch': { status: 409, title: 'Ticket runs on another policy' },
  'idempotency-conflict': { status: 422, title: 'Idempotency key reused with another request' },
} as const satisfies Record<DomainErrorCode, ProblemRow>;

/** Problems found at the edge, before the domain is asked. */
export const EDGE_PROBLEMS = {
  unauthorized: { status: 401, title: 'Authentication required' },
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  'invalid-request': { status: 400, title: 'Invalid request' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'precondition-required': { status: 428, title: 'If-Match required' },
  'route-not-found': { status: 404, title: 'Not found' }, // no route has this path (the $default route, the local API)
  'method-not-allowed': { status: 405, title: 'Method not allowed' }, // the path is known; Allow names its methods
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, ProblemRow>;
export type EdgeProblemCode = keyof typeof EDGE_PROBLEMS;

/** One field at fault: a dotted path into the body (or the query, or a header name) and why. */
export type FieldError = { path: string; message: string };
