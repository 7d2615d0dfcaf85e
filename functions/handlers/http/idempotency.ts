import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/index.js';
import type { IdempotencyRecord, TicketStore } from '../../adapters/store.js';
import type { Caller } from './caller.js';
import { header } from './header.js';
import { HttpProblem } from './problem.js';
import { versioned } from './respond.js';
import { IdempotencyKeySchema } from './schemas.js';
import { stableJson } from './stable-json.js';
import type { HttpEvent, HttpResult } from './types.js';
import { toTicketView } from './views.js';

/** The `Idempotency-Key` header, if sent; a malformed one is a 400 naming it. */
export function idempotencyKeyOf(event: Pick<HttpEvent, 'headers'>): string | null {
  const raw = header(event, 'idempotency-key');
  if (raw === undefined) return null;
  const parsed = IdempotencyKeySchema.safeParse(raw);
  if (!parsed.success) throw new HttpProblem('invalid-request', 'Invalid Idempotency-Key', [{ path: 'Idempotency-Key', message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}

/** The validated request, hashed: the same key with another request is a 422. */
export const requestHashOf = (request: unknown): string => createHash('sha256').update(stableJson(request)).digest('base64url');

/** A request's Idempotency-Key, scoped to the caller, with the hash that tells a retry from another request. */
export type IdempotencyRequest = { scope: string; key: string; requestHash: string };

const bodyOf = (event: Pick<HttpEvent, 'body' | 'isBase64Encoded'>): unknown => {
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '';
  try {
    return JSON.parse(text); // parsed, so a retry that serialises the same body differently is the same request
  } catch {
    return text;
  }
};

/**
 * The Idempotency-Key of a ticket command (every POST that changes a ticket), or null without
 * one. A key is the caller's own; the same key with another route, ticket or body is a 422.
 */
export function commandIdempotency(event: HttpEvent, caller: Caller, ticketId: string): IdempotencyRequest | null {
  const key = idempotencyKeyOf(event);
  if (!key) return null;
  const route = event.routeKey && event.routeKey !== '$default' ? event.routeKey : `${event.requestContext.http.method} ${event.rawPath}`;
  return { scope: `command#${caller.sub}`, key, requestHash: requestHashOf({ route, ticketId, body: bodyOf(event) }) };
}

/** The record to write with the command's effect, holding the answer it gives. */
export const idempotencyRecord = (request: IdempotencyRequest, ticketId: string, answer: HttpResult): IdempotencyRecord => ({
  ...request, ticketId, response: { status: answer.statusCode, headers: answer.headers, body: answer.body ?? '' },
});

/** The first answer to a key again (same status and body), or 422 when the request differs. */
export async function replay(tickets: TicketStore, caller: Caller, seen: IdempotencyRecord, requestHash: string): Promise<HttpResult> {
  if (seen.requestHash !== requestHash) {
    throw new DomainError('idempotency-conflict', 'this Idempotency-Key was used with another request', { field: 'Idempotency-Key' });
  }
  if (seen.response) {
    const { status, headers, body } = seen.response;
    return { statusCode: status, headers: { ...headers, 'idempotent-replayed': 'true' }, body };
  }
  const record = await tickets.get(seen.ticketId); // a store that keeps no response: rebuild it
  if (!record) throw new DomainError('not-found', 'ticket not found', { id: seen.ticketId });
  return versioned(201, toTicketView(record.ticket, caller), { location: `/tickets/${seen.ticketId}`, 'idempotent-replayed': 'true' });
}
