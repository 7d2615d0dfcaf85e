import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonLog, logger } from '../../../functions/handlers/log.js';
import { publicRoute } from '../../../functions/handlers/http/route.js';
import { anHttpEvent, TICKET_ID } from '../../fixtures/http.js';

let lines: Record<string, unknown>[];
let levelBefore: ReturnType<typeof logger.getLevelName>;

beforeEach(() => {
  lines = [];
  levelBefore = logger.getLevelName();
  logger.setLogLevel('INFO'); // the tests' default is WARN (vitest.config.ts)
  const keep = (chunk: unknown) => { for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>); return true; };
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
});
afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel(levelBefore);
});

const context = { awsRequestId: 'lambda-req-1', functionName: 'SupportDesk-test-ApiWrites', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:f', memoryLimitInMB: '512' } as never;

describe('the routes\' log lines', () => {
  it('put the ticket id of a /tickets/{id} route and the request ids on every line the work logs, and end with one request line', async () => {
    const route = publicRoute(async () => { jsonLog('info', 'inside the work'); return { statusCode: 200, headers: {}, body: '{}' }; });
    await route({ ...anHttpEvent({ path: `/tickets/${TICKET_ID}/messages` }), routeKey: 'POST /tickets/{id}/messages' }, context);
    jsonLog('info', 'after the request');
    vi.restoreAllMocks();
    const inside = lines.find((l) => l.message === 'inside the work');
    expect(inside).toMatchObject({ ticketId: TICKET_ID, function_request_id: 'lambda-req-1', service: 'support-desk', level: 'INFO' });
    expect(inside?.apiRequestId).toEqual(expect.any(String));
    expect(lines.find((l) => l.message === 'request')).toMatchObject({ routeKey: 'POST /tickets/{id}/messages', status: 200, ticketId: TICKET_ID });
    expect(lines.find((l) => l.message === 'after the request')).not.toHaveProperty('ticketId');
  });

  it('a 201 that created a ticket names it (id and number) on its request line', async () => {
    const route = publicRoute(async () => ({ statusCode: 201, headers: { location: `/tickets/${TICKET_ID}` }, body: JSON.stringify({ id: TICKET_ID, number: 'T-1042' }) }));
    await route({ ...anHttpEvent({ path: '/tickets' }), routeKey: 'POST /tickets' });
    vi.restoreAllMocks();
    expect(lines.find((l) => l.message === 'request')).toMatchObject({ status: 201, ticketId: TICKET_ID, ticketNumber: 'T-1042' });
  });

  it('logs an unexpected error at error level with its cause, and its request line as an error', async () => {
    const route = publicRoute(async () => { throw new Error('store failed', { cause: new Error('throttled') }); });
    expect((await route({ ...anHttpEvent({ path: '/organisations' }), routeKey: 'GET /organisations' })).statusCode).toBe(500);
    vi.restoreAllMocks();
    const error = lines.find((l) => l.level === 'ERROR' && l.message !== 'request') as { error: { message: string; cause: { message: string } } };
    expect(error.error).toMatchObject({ message: 'store failed', cause: { message: 'throttled' } });
    expect(lines.find((l) => l.message === 'request')).toMatchObject({ level: 'ERROR', status: 500 });
    expect(lines.find((l) => l.message === 'request')).not.toHaveProperty('ticketId');
  });
});
