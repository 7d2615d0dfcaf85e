import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../domain/index.js';
import { fromBase64UrlJson, toBase64UrlJson } from './base64url-json.js';

/**
 * Turns a cancelled transaction into the domain's words (style §4): the item at `guardedIndex`
 * failing its condition is a lost race; anything else stays the SDK's error.
 */
export function translateCancellation(error: unknown, guarded: Record<number, () => DomainError>): never {
  if (error instanceof TransactionCanceledException) {
    const reasons = error.CancellationReasons ?? [];
    for (const [index, make] of Object.entries(guarded)) {
      if (reasons[Number(index)]?.Code === 'ConditionalCheckFailed') {
        const domainError = make();
        throw new DomainError(domainError.code, domainError.message, domainError.context, { cause: error });
      }
    }
  }
  throw error;
}

/** An opaque page cursor: base64url JSON of DynamoDB's LastEvaluatedKey. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? toBase64UrlJson(key) : null;

/**
 * Reads a cursor back; anything that is not one of ours is a 400 naming `cursor`, never a 500.
 * DynamoDB refuses (ValidationException) an ExclusiveStartKey that lacks a key attribute of the
 * index, holds an empty or oversized key value, or sits in another partition than the one queried,
 * so a cursor must name exactly `keyNames`, and the `pinned` ones (the queried partition) as given.
 */
export function decodeCursor(cursor: string | undefined, keyNames: readonly string[], pinned: Readonly<Record<string, string>> = {}): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const bad = () => new DomainError('invalid-input', 'the cursor is not one this API gave out', { field: 'cursor' });
  const value = fromBase64UrlJson(cursor);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad();
  const entries = Object.entries(value);
  const isKeyValue = (v: unknown) => typeof v === 'string' && v !== '' && Buffer.byteLength(v, 'utf8') <= 1024; // a sort key's limit
  if (entries.length !== keyNames.length || entries.some(([k, v]) => !keyNames.includes(k) || !isKeyValue(v))) throw bad();
  if (Object.entries(pinned).some(([k, v]) => (value as Record<string, unknown>)[k] !== v)) throw bad();
  return Object.fromEntries(entries) as Record<string, string>;
}
