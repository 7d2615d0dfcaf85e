import middy from '@middy/core';
import { describe, expect, it, vi } from 'vitest';
import { DomainError, type DomainErrorCode } from '../../../functions/domain/index.js';
import { HttpProblem, problemJson, toProblem } from '../../../functions/handlers/http/problem.js';
import { publicRoute } from '../../../functions/handlers/http/route.js';
import { logger } from '../../../functions/handlers/log.js';
import { CreateTicketRequestSchema } from '../../../functions/handlers/http/schemas.js';
import { DOMAIN_PROBLEMS, type HttpEvent, type HttpResult } from '../../../functions/handlers/http/types.js';
import { anHttpEvent, bodyOf } from '../../fixtures/http.js';

const EXPECTED: Record<DomainErrorCode, number> = {
  'not-found': 404, 'invalid-transition': 409, 'version-conflict': 412, 'not-allowed': 403,
  'invalid-input': 400, 'policy-mismatch': 409, 'idempotency-conflict': 422,
};

/** Runs a handler that throws `err` through the real middleware stack. */
const answerTo = (err: unknown, headers: Record<string, string> = {}) => ({ result: publicRoute(async () => { throw err; })(anHttpEvent({ headers })) });

describe('problem middleware: every error is application/problem+json', () => {
  it.each(Object.entries(EXPECTED))('maps the domain code %s to %i (with If-Match)', async (code, status) => {
    const { result } = answerTo(new DomainError(code as DomainErrorCode, 'refused'), { 'if-match': '"3"' });
    const res = await result;
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(bodyOf(res)).toMatchObject({ type: `tag:support-desk,2026:problem:${code}`, status, detail: 'refused' });
  });

  it('has a row for every domain code', () => {
    expect(Object.keys(DOMAIN_PROBLEMS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('answers a version conflict 412 when the client sent If-Match, 409 when it did not', () => {
    const conflict = new DomainError('version-conflict', 'lost the race');
    expect(toProblem(conflict, anHttpEvent({ headers: { 'If-Match': '"2"' } })).problem.status).toBe(412);
    expect(toProblem(conflict, anHttpEvent()).problem.status).toBe(409);
  });

  it('names the field of an invalid-input refusal', () => {
    const { problem } = toProblem(new DomainError('invalid-input', "the vendor's case number is required", { field: 'vendorCaseNumber' }), anHttpEvent());
    expect(problem.errors).toEqual([{ path: 'vendorCaseNumber', message: "the vendor's case number is required" }]);
  });

  it('turns a ZodError into a 400 naming each field at fault, unknown fields one by one', () => {
    const parsed = CreateTicketRequestSchema.safeParse({ type: 'incident', severity: 'critical', subject: '', description: 'x', colour: 'red', size: 1 });
    const { problem } = toProblem(parsed.error, anHttpEvent());
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['colour', 'severity', 'size', 'subject']);
    expect(problem.errors?.find((e) => e.path === 'colour')?.message).toBe('unknown field');
  });

  it('keeps an edge problem with its headers (401 carries WWW-Authenticate)', async () => {
    const res = await answerTo(new HttpProblem('unauthorized', 'no token', [], { 'www-authenticate': 'Bearer' })).result;
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers anything else with an opaque 500 and logs it with its cause', async () => {
    const cause = new Error('ProvisionedThroughputExceeded on table secret-table-name');
    const err = new Error('store failed', { cause });
    const log = vi.fn();
    const route = publicRoute(async () => { throw err; });
    const handler = middy<HttpEvent, HttpResult>().use(problemJson(log)).handler(async () => { throw err; });
    const res = await handler(anHttpEvent(), {} as never);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret-table-name');
    expect(res.body).not.toContain('store failed');
    expect(bodyOf(res)).toMatchObject({ status: 500, title: 'Internal error', requestId: 'ZQ3mXjYbDoEEJvA=' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ZQ3mXjYbDoEEJvA='), err);
    expect((log.mock.calls[0]![1] as Error).cause).toBe(cause);
    // the routes log it through Powertools' logger, at error level, with the error and its cause
    const spy = vi.spyOn(logger, 'error').mockImplementation(() => {});
    expect((await route(anHttpEvent())).statusCode).toBe(500);
    expect(spy).toHaveBeenCalledWith(expect.stringContaining('ZQ3mXjYbDoEEJvA='), { error: err });
    spy.mockRestore();
  });

  it('does not mistake a SyntaxError from our own code for a malformed body', async () => {
    const spy = vi.spyOn(logger, 'error').mockImplementation(() => {});
    expect((await answerTo(new SyntaxError('Unexpected token')).result).statusCode).toBe(500);
    spy.mockRestore();
  });
});
