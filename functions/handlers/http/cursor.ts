import { createHash } from 'node:crypto';
import { fromBase64UrlJson, toBase64UrlJson } from '../../adapters/base64url-json.js';
import { DomainError } from '../../domain/index.js';
import { stableJson } from './stable-json.js';

// The API's cursor wraps the store's with the query it belongs to: a cursor that was not made
// here, or was made for another filter (or another caller's confinement), is a 400 naming
// `cursor` before the store sees it.

const queryTag = (query: unknown) => createHash('sha256').update(stableJson(query)).digest('base64url').slice(0, 16);

export function encodeCursor(storeCursor: string | null, query: unknown): string | null {
  if (storeCursor === null) return null;
  return toBase64UrlJson({ q: queryTag(query), c: storeCursor });
}

export function decodeCursor(cursor: string | undefined, query: unknown): string | undefined {
  if (cursor === undefined) return undefined;
  const bad = () => new DomainError('invalid-input', 'the cursor is not one this query returned', { field: 'cursor' });
  const { q, c } = (fromBase64UrlJson(cursor) ?? {}) as { q?: unknown; c?: unknown };
  if (q !== queryTag(query) || typeof c !== 'string' || c === '') throw bad();
  return c;
}
