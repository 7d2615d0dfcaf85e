import { etagOf } from './preconditions.js';
import type { HttpResult } from './types.js';

/** A JSON answer. Responses are private to the caller's role and organisation: never cached. */
export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

/** A versioned resource: its ETag lets the client send If-Match on its next change. */
export const versioned = (statusCode: number, body: { version: number }, headers: Record<string, string> = {}): HttpResult =>
  json(statusCode, body, { etag: etagOf(body.version), ...headers });

export const noContent = (): HttpResult => ({ statusCode: 204, headers: { 'cache-control': 'no-store' } });
