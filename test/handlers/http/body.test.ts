import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readJsonBody } from '../../../functions/handlers/http/body.js';
import { HttpProblem } from '../../../functions/handlers/http/problem.js';
import { AddMessageRequestSchema } from '../../../functions/handlers/http/schemas.js';
import { $ZodError } from '../../../functions/domain/zod.js';

const read = (body: string | undefined, isBase64Encoded = false, headers: Record<string, string> = {}) => () => readJsonBody({ body, isBase64Encoded, headers }, AddMessageRequestSchema);
const problemCode = (fn: () => unknown) => {
  try { fn(); } catch (err) { return err instanceof HttpProblem ? err.code : err instanceof $ZodError ? 'zod' : 'other'; }
  return 'none';
};

describe('readJsonBody', () => {
  it('parses and validates, applying defaults', () => {
    expect(read('{"body":"  hello  "}')()).toEqual({ body: 'hello', visibility: 'public', attachments: [] });
  });
  it('reads a base64-encoded body', () => {
    expect(read(Buffer.from('{"body":"שלום"}').toString('base64'), true)().body).toBe('שלום');
  });
  it('refuses a missing or empty body and malformed JSON as malformed-json (400)', () => {
    expect(problemCode(read(undefined))).toBe('malformed-json');
    expect(problemCode(read('   '))).toBe('malformed-json');
    expect(problemCode(read('{"body":'))).toBe('malformed-json');
  });
  it('refuses a body over 64 KiB (413) before parsing it, counting bytes not characters', () => {
    expect(problemCode(read(`{"body":"${'x'.repeat(MAX_BODY_BYTES)}"}`))).toBe('payload-too-large');
    const hebrew = 'ש'.repeat(MAX_BODY_BYTES / 2); // 2 bytes each in UTF-8
    expect(problemCode(read(`{"body":"${hebrew}"}`))).toBe('payload-too-large');
  });
  it('refuses unknown fields and wrong types with a ZodError (400 naming them)', () => {
    expect(problemCode(read('{"body":"hi","cc":"x"}'))).toBe('zod');
    expect(problemCode(read('{"body":42}'))).toBe('zod');
    expect(problemCode(read('[]'))).toBe('zod');
    expect(problemCode(read('null'))).toBe('zod');
  });
  it('refuses a body declared as anything but JSON (415), and reads one with no Content-Type or a JSON-based one', () => {
    const body = '{"body":"hi"}';
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json']) {
      expect(problemCode(read(body, false, { 'content-type': type })), type).toBe('unsupported-media-type');
    }
    for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/merge-patch+json', 'application/problem+json']) {
      expect(read(body, false, { 'Content-Type': type })(), type).toEqual({ body: 'hi', visibility: 'public', attachments: [] });
    }
    expect(read(body)()).toEqual({ body: 'hi', visibility: 'public', attachments: [] });
  });
});
