// Text hygiene (issue 12) on the directory: an organisation's, a CSM's and a contact's name is one
// line without control characters or bidi overrides, whichever way it enters; one that is nothing
// else is a 400 naming it. Names appear in emails and on the agents' screens ("Trojan Source").
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRouteModules, makeApi, manualClock, type Api } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { ORGS, PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
});

const putAcme = (changes: Record<string, unknown>) => api.call('PUT /organisations/{id}', {
  as: PEOPLE.admin, params: { id: 'acme' }, headers: { 'if-match': '*' }, body: { ...structuredClone(ORGS.acme), ...changes },
});

describe('names in the directory are cleaned as they enter', () => {
  it("an organisation's name and its CSM's lose line breaks, controls and bidi overrides", async () => {
    const res = await putAcme({ name: '  Acme\u202e Industries\u0007\n Ltd ', csm: { name: 'Noa\u2066 Levi\r\n', email: 'noa@center.example' } });
    expect(res.statusCode, JSON.stringify(res.json)).toBe(200);
    const stored = await api.call('GET /organisations/{id}', { as: PEOPLE.admin, params: { id: 'acme' } });
    expect(stored.json.name).toBe('Acme Industries Ltd');
    expect(stored.json.csm.name).toBe('Noa Levi');
  });

  it('a name that is nothing but controls and overrides is a 400 naming it, and nothing is written', async () => {
    const before = (await api.call('GET /organisations/{id}', { as: PEOPLE.admin, params: { id: 'acme' } })).json;
    const res = await putAcme({ name: '\u202e\u0000\u2069 \n' });
    expect(res.statusCode).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain('name');
    expect((await api.call('GET /organisations/{id}', { as: PEOPLE.admin, params: { id: 'acme' } })).json).toEqual(before);
  });
});
