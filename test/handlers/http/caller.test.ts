import { describe, expect, it } from 'vitest';
import { actorOf, groupsOf, isStaff, partyOf, readCaller } from '../../../functions/handlers/http/caller.js';
import { authedRoute } from '../../../functions/handlers/http/route.js';
import { json } from '../../../functions/handlers/http/respond.js';
import { anHttpEvent, bodyOf, claimsFor } from '../../fixtures/http.js';

describe('readCaller: the caller from the JWT authorizer claims', () => {
  it('reads the captured event: role from cognito:groups, organisation, lower-cased email', () => {
    const claims = anHttpEvent().requestContext.authorizer?.jwt?.claims;
    expect(readCaller(claims)).toEqual({ sub: '7c4e2b1a-9d8f-4e6c-b5a4-3f2e1d0c9b8a', email: 'dana@acme.example', role: 'customer', organisationId: 'acme' });
  });
  it('takes the most capable of several groups, in the string form and as a real array', () => {
    expect(readCaller({ ...claimsFor('customer'), 'cognito:groups': '[agent-tier1 admin]' })?.role).toBe('admin');
    expect(readCaller({ ...claimsFor('customer'), 'cognito:groups': ['partner', 'agent-tier2'] })?.role).toBe('agent-tier2');
  });
  it('knows no caller without claims, without a known role or without a subject', () => {
    expect(readCaller(undefined)).toBeNull();
    expect(readCaller({ ...claimsFor('customer', 'acme'), 'cognito:groups': '[visitors]' })).toBeNull();
    const { sub: _sub, ...noSub } = claimsFor('agent-tier1')!;
    expect(readCaller(noSub)).toBeNull();
  });
  it('matches group names exactly: a group named customer,admin is not the admin role', () => {
    expect(readCaller({ ...claimsFor('customer', 'acme'), 'cognito:groups': '[customer,admin]' })).toBeNull();
    expect(readCaller({ ...claimsFor('customer', 'acme'), 'cognito:groups': ['customer,admin'] })).toBeNull();
    expect(readCaller({ ...claimsFor('customer', 'acme'), 'cognito:groups': '[customer,admin customer]' })?.role).toBe('customer');
    expect(readCaller({ ...claimsFor('customer', 'acme'), 'cognito:groups': '[Admin]' })).toBeNull();
    expect(readCaller({ ...claimsFor('customer', 'acme'), 'cognito:groups': '[ admin]' })?.role).toBe('admin'); // a stray space is no name
  });
  it('reads the authorizer form [a b] and a real array; a bare string is one name', () => {
    expect(groupsOf('[agent-tier1 admin]')).toEqual(['agent-tier1', 'admin']);
    expect(groupsOf('[]')).toEqual([]);
    expect(groupsOf(['partner', 'x,y'])).toEqual(['partner', 'x,y']);
    expect(groupsOf('agent-tier1,admin')).toEqual(['agent-tier1,admin']);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf(42)).toEqual([]);
  });
  it('accepts only ID tokens: token_use access, or none, is no caller', () => {
    expect(readCaller({ ...claimsFor('admin'), token_use: 'access' })).toBeNull();
    const { token_use: _use, ...noUse } = claimsFor('admin')!;
    expect(readCaller(noUse)).toBeNull();
    expect(readCaller({ ...claimsFor('admin'), token_use: 'id' })?.role).toBe('admin');
  });
  it('R-PARTY-2: refuses a customer-side role without an organisation; the center needs none', () => {
    expect(readCaller(claimsFor('customer', null))).toBeNull();
    expect(readCaller(claimsFor('partner', null))).toBeNull();
    expect(readCaller(claimsFor('support-manager', null))).toMatchObject({ role: 'support-manager', organisationId: null });
  });
  it('maps roles to the charter parties', () => {
    expect(partyOf('customer')).toBe('customer');
    expect(partyOf('partner')).toBe('customer');
    for (const role of ['agent-tier1', 'agent-tier2', 'agent-tier3', 'support-manager', 'customer-officer', 'admin'] as const) expect(partyOf(role)).toBe('agent');
    expect(actorOf({ sub: 's', email: 'a@b.test', role: 'partner', organisationId: 'p' })).toEqual({ party: 'customer', id: 'a@b.test' });
    expect(isStaff({ sub: 's', email: 'a@b.test', role: 'agent-tier3', organisationId: null })).toBe(true);
  });
});

describe('authenticate middleware', () => {
  const echo = authedRoute(async (_event, caller) => json(200, caller));
  it('passes the caller to the handler', async () => {
    const res = await echo(anHttpEvent({ claims: claimsFor('partner', 'reseller-1') }));
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toMatchObject({ role: 'partner', organisationId: 'reseller-1' });
  });
  it('answers 401 problem+json with WWW-Authenticate when there is no token or no known role', async () => {
    for (const claims of [undefined, { sub: 'x', token_use: 'id', 'cognito:groups': '[guests]' }, { ...claimsFor('admin'), token_use: 'access' }]) {
      const res = await echo(anHttpEvent({ claims }));
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });
});
