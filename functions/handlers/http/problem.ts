import type { MiddlewareObj } from '@middy/core';
import { $ZodError } from '../../domain/zod.js';
import { DomainError } from '../../domain/index.js';
import { header } from './header.js';
import { DOMAIN_PROBLEMS, EDGE_PROBLEMS, type EdgeProblemCode, type FieldError, type HttpEvent, type HttpResult } from './types.js';

/** A refusal decided at the edge (no token, a body that is not JSON, a missing If-Match, ...). */
export class HttpProblem extends Error {
  constructor(readonly code: EdgeProblemCode, readonly detail: string, readonly errors: FieldError[] = [], readonly headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** RFC 9457 problem details. `type` is a tag URI: it names the problem and is not meant to be fetched. */
export type Problem = { type: string; title: string; status: number; detail: string; errors?: FieldError[]; requestId?: string };

const problemType = (code: string) => `tag:support-desk,2026:problem:${code}`;

const zodErrors = (err: $ZodError): FieldError[] =>
  err.issues.flatMap((issue) =>
    // A strict object's unknown keys come as one issue at the parent; name each key instead.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: 'unknown field' }))
      : [{ path: issue.path.map(String).join('.'), message: issue.message }]);

/** The problem for any error; only intended 4xx details leave the service [middy]. */
export function toProblem(err: unknown, event: HttpEvent | undefined): { problem: Problem; headers: Record<string, string> } {
  if (err instanceof HttpProblem) {
    const { status, title } = EDGE_PROBLEMS[err.code];
    return { problem: { type: problemType(err.code), title, status, detail: err.detail, ...(err.errors.length ? { errors: err.errors } : {}) }, headers: err.headers };
  }
  if (err instanceof DomainError) {
    const row = DOMAIN_PROBLEMS[err.code];
    const ifMatch = event !== undefined && header(event, 'if-match') !== undefined;
    const status = err.code === 'version-conflict' && !ifMatch ? 409 : row.status;
    const field = err.context.field;
    const errors = typeof field === 'string' ? { errors: [{ path: field, message: err.message }] } : {};
    return { problem: { type: problemType(err.code), title: row.title, status, detail: err.message, ...errors }, headers: {} };
  }
  if (err instanceof $ZodError) {
    const { status, title } = EDGE_PROBLEMS['invalid-request'];
    return { problem: { type: problemType('invalid-request'), title, status, detail: 'The request has fields at fault', errors: zodErrors(err) }, headers: {} };
  }
  const { status, title } = EDGE_PROBLEMS.internal;
  const requestId = event?.requestContext?.requestId;
  return { problem: { type: problemType('internal'), title, status, detail: 'An unexpected error occurred', ...(requestId ? { requestId } : {}) }, headers: {} };
}

export const problemResponse = (problem: Problem, headers: Record<string, string> = {}): HttpResult => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(problem),
});

/** The one middleware that turns every error into `application/problem+json`. Register it first. */
export const problemJson = (log: (message: string, err: unknown) => void = (m, e) => console.error(m, e)): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const { problem, headers } = toProblem(request.error, request.event);
    // An unexpected error is logged with its cause chain; the client sees only an opaque 500.
    if (problem.status >= 500) log(`unhandled error (request ${problem.requestId ?? 'unknown'})`, request.error);
    request.response = problemResponse(problem, headers);
  },
});
