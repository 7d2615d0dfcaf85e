// 50 concurrent requests on one ticket through the real handlers and DynamoDB Local: every
// command is one transaction conditioned on the ticket's version (design §1). A request without
// If-Match that loses a race is re-read and re-decided (command.ts), so every reply commits; a
// status change no longer allowed on the newer ticket is refused (409); a stale If-Match is 412.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRouteModules, makeApi, type Api, type ApiResponse, type ManualClock } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;

/** A clock that moves one second per reading, so history times follow commit order. */
function tickingClock(start: string): ManualClock {
  let ms = Date.parse(start);
  return {
    now: () => new Date((ms += 1000)).toISOString(),
    set: (at) => { ms = Date.parse(at); },
    advanceMinutes: (m) => new Date((ms += m * 60_000)).toISOString(),
  };
}

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, tickingClock(SUN_0900));
  await seedWorld(api.deps.directory);
});

const AGENTS = [PEOPLE.tier1, PEOPLE.tier2, PEOPLE.tier3];
const REPLIES = 38;
const RESOLVES = 5;
const VENDOR_CASES = 4;
const STALE = 3;

type Sent = { kind: 'reply' | 'resolve' | 'vendor' | 'stale'; text: string; res?: ApiResponse };

describe('50 concurrent replies and status changes on one ticket', () => {
  let ticketId: string;
  let sent: Sent[];
  let detail: any;

  beforeAll(async () => {
    const opened = await api.call('POST /tickets', { as: PEOPLE.dana, body: { type: 'incident', severity: 'high', subject: 'Reload fails under load', description: 'Every night since Sunday' } });
    expect(opened.statusCode).toBe(201);
    ticketId = opened.json.id;
    // Version 2 before the burst, so If-Match "1" below is stale for sure.
    const assigned = await api.call('PATCH /tickets/{id}', { as: PEOPLE.tier1, params: { id: ticketId }, headers: { 'if-match': opened.headers.etag! }, body: { assignee: PEOPLE.tier1.email } });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json.version).toBe(2);

    // Interleaved so every kind of request is in flight at once.
    const plan: Sent[] = [
      ...Array.from({ length: REPLIES }, (_, i) => ({ kind: 'reply' as const, text: `reply ${i}` })),
      ...Array.from({ length: RESOLVES }, (_, i) => ({ kind: 'resolve' as const, text: `solution ${i}` })),
      ...Array.from({ length: VENDOR_CASES }, (_, i) => ({ kind: 'vendor' as const, text: `Q-${1000 + i}` })),
      ...Array.from({ length: STALE }, (_, i) => ({ kind: 'stale' as const, text: `stale ${i}` })),
    ];
    sent = plan.map((_, i) => plan[(i * 17) % plan.length]!); // 17 is prime to 50: a fixed shuffle
    expect(new Set(sent).size).toBe(50);

    await Promise.all(sent.map(async (s, i) => {
      const as = AGENTS[i % AGENTS.length]!;
      const params = { id: ticketId };
      s.res = s.kind === 'reply' ? await api.call('POST /tickets/{id}/messages', { as, params, body: { body: s.text } })
        : s.kind === 'resolve' ? await api.call('POST /tickets/{id}/transitions', { as, params, body: { to: 'resolved', solution: s.text } })
        : s.kind === 'vendor' ? await api.call('POST /tickets/{id}/transitions', { as, params, body: { to: 'pending-vendor', vendorCaseNumber: s.text } })
        : i % 2 === 0 ? await api.call('POST /tickets/{id}/messages', { as, params, headers: { 'if-match': '"1"' }, body: { body: s.text } })
        : await api.call('POST /tickets/{id}/transitions', { as, params, headers: { 'if-match': '"1"' }, body: { to: 'pending-customer' } });
    }));
    detail = (await api.call('GET /tickets/{id}', { as: PEOPLE.tier1, params: { id: ticketId } })).json;
  }, 60_000);

  const of = (kind: Sent['kind']) => sent.filter((s) => s.kind === kind);
  const committed = () => sent.filter((s) => s.res!.statusCode === 200);
  const wonVendor = () => of('vendor').filter((s) => s.res!.statusCode === 200);

  it('every reply without If-Match commits (lost races are re-read and re-decided)', () => {
    expect(of('reply').map((s) => s.res!.statusCode)).toEqual(Array(REPLIES).fill(200));
  });

  it('R-CLOSE-1: exactly one concurrent resolve commits; the others, re-decided on the Resolved ticket, get 409', () => {
    const codes = of('resolve').map((s) => s.res!.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409]);
    for (const s of of('resolve').filter((r) => r.res!.statusCode === 409)) {
      expect(s.res!.headers['content-type']).toBe('application/problem+json');
      expect(s.res!.json).toMatchObject({ status: 409, type: expect.stringMatching(/invalid-transition$/) });
    }
  });

  it('R-VEND-1: at most one pending-vendor commits (only before the resolve); the rest are refused as no longer allowed', () => {
    expect(wonVendor().length).toBeLessThanOrEqual(1);
    for (const s of of('vendor').filter((r) => r.res!.statusCode !== 200)) {
      expect(s.res!.json).toMatchObject({ status: 409, type: expect.stringMatching(/invalid-transition$/) });
    }
    const statusChanges = detail.history.filter((h: any) => h.type === 'status-changed').map((h: any) => h.data.to);
    expect(statusChanges.at(-1)).toBe('resolved'); // nothing follows Resolved: a vendor case after it was refused
  });

  it('a stale If-Match gets 412 and writes nothing', () => {
    for (const s of of('stale')) {
      expect(s.res!.statusCode).toBe(412);
      expect(s.res!.json).toMatchObject({ status: 412, type: expect.stringMatching(/version-conflict$/) });
    }
    expect(detail.messages.filter((m: any) => m.body.startsWith('stale'))).toEqual([]);
    expect(detail.history.some((h: any) => h.data?.to === 'pending-customer')).toBe(false);
  });

  it('the history holds exactly the committed commands: one version each, consecutive, none lost, none twice', () => {
    const versionOf = (h: { id: string }) => Number(h.id.split('#')[1]);
    const expectedFinal = 2 + REPLIES + 1 + wonVendor().length;
    expect(detail.version).toBe(expectedFinal);
    expect(detail.status).toBe('resolved');
    // Each committed answer names its own version; together they are 3..final, each once.
    expect(committed().map((s) => s.res!.json.version).sort((a, b) => a - b)).toEqual(Array.from({ length: expectedFinal - 2 }, (_, i) => i + 3));
    const versions = detail.history.map(versionOf);
    expect([...new Set(versions)]).toEqual(Array.from({ length: expectedFinal }, (_, i) => i + 1));
    expect(new Set(detail.history.map((h: any) => h.id)).size).toBe(detail.history.length);
    // Commit order is time order: each commit decided on the newest version it read.
    const ats = detail.history.map((h: any) => h.at);
    expect(ats).toEqual([...ats].sort());
  });

  it("every reply is one 'agent-replied' event and one public message, present once", () => {
    const replied = detail.history.filter((h: any) => h.type === 'agent-replied');
    expect(replied).toHaveLength(REPLIES);
    expect(new Set(replied.map((h: any) => h.id.split('#')[1])).size).toBe(REPLIES); // in distinct versions
    const replyMessages = detail.messages.filter((m: any) => m.visibility === 'public' && m.body.startsWith('reply '));
    expect(replyMessages.map((m: any) => m.body).sort()).toEqual(of('reply').map((s) => s.text).sort());
    expect(new Set(detail.messages.map((m: any) => m.id)).size).toBe(detail.messages.length);
    // The description, each reply, and the one solution (R-CLOSE-1): nothing else is public.
    const solution = of('resolve').find((s) => s.res!.statusCode === 200)!.text;
    expect(detail.messages.filter((m: any) => m.visibility === 'public').map((m: any) => m.body).sort())
      .toEqual(['Every night since Sunday', solution, ...of('reply').map((s) => s.text)].sort());
  });

  it('R-SLA-2: the first response is met once, by the first reply or the solution', () => {
    expect(detail.history.filter((h: any) => h.type === 'sla-met' && h.data.target === 'firstResponse')).toHaveLength(1);
    expect(detail.sla.firstResponse.metAt).not.toBeNull();
  });
});
