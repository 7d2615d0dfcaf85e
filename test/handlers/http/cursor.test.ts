import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../functions/handlers/http/cursor.js';

describe('API cursors', () => {
  const filter = { organisationId: 'acme', status: 'new' };
  it('round-trips the store cursor for the same filter, whatever the key order', () => {
    const cursor = encodeCursor('c3RvcmUtY3Vyc29y', filter)!;
    expect(decodeCursor(cursor, { status: 'new', organisationId: 'acme' })).toBe('c3RvcmUtY3Vyc29y');
  });
  it('is null at the end, and absent when not sent', () => {
    expect(encodeCursor(null, filter)).toBeNull();
    expect(decodeCursor(undefined, filter)).toBeUndefined();
  });
  it('refuses (invalid-input naming cursor) garbage, a forged one and one from another filter', () => {
    const other = encodeCursor('abc', { organisationId: 'globex' })!;
    for (const bad of ['%%%', 'bm90IGpzb24', Buffer.from('{"q":"x","c":"abc"}').toString('base64url'), other]) {
      expect(() => decodeCursor(bad, filter)).toThrow(expect.objectContaining({ code: 'invalid-input', context: { field: 'cursor' } }));
    }
  });
});
