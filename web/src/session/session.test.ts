// @vitest-environment jsdom
// Cognito cannot run here: its token endpoint is answered by a function of the request, which
// checks what the portal sends (the grant, the client, the PKCE verifier).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CognitoAuth, PortalConfig } from '../config.js';
import { personOf } from './claims.js';
import { completeCognitoSignIn, currentPerson, freshIdToken } from './session.js';

const AUTH: CognitoAuth = { kind: 'cognito', domain: 'https://desk.auth.eu-west-1.amazoncognito.com', clientId: 'client-1', userPoolId: 'pool', scopes: ['openid', 'email', 'profile'] };
const CONFIG: PortalConfig = { apiUrl: 'https://api.example', auth: AUTH };
const b64 = (v: unknown) => btoa(JSON.stringify(v)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const idToken = (expiresInS: number, extra: Record<string, unknown> = {}) =>
  [b64({ alg: 'RS256' }), b64({ email: 'dana@acme.example', 'cognito:groups': ['customer'], 'custom:organisation': 'acme', locale: 'he', exp: Math.floor(Date.now() / 1000) + expiresInS, ...extra }), 'sig'].join('.');

afterEach(() => { sessionStorage.clear(); vi.unstubAllGlobals(); });

describe('the ID token', () => {
  it('names the person, the most capable group counting', () => {
    const person = personOf(idToken(3600, { 'cognito:groups': ['customer', 'support-manager'] }))!;
    expect(person).toMatchObject({ email: 'dana@acme.example', role: 'support-manager', organisationId: 'acme', language: 'he' });
    expect(personOf('not-a-jwt')).toBeNull();
  });

  it('is refreshed with the refresh token before it expires, and kept while it is fresh', async () => {
    sessionStorage.setItem('portal.session', JSON.stringify({ idToken: idToken(60), refreshToken: 'refresh-1' }));
    const renewed = idToken(3600);
    const forms: URLSearchParams[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe(`${AUTH.domain}/oauth2/token`);
      forms.push(new URLSearchParams(String(init.body)));
      return new Response(JSON.stringify({ id_token: renewed }), { status: 200 });
    }));
    expect(await freshIdToken(CONFIG)).toBe(renewed);
    expect(Object.fromEntries(forms[0]!)).toEqual({ client_id: 'client-1', grant_type: 'refresh_token', refresh_token: 'refresh-1' });
    expect(await freshIdToken(CONFIG)).toBe(renewed); // fresh now: no second refresh
    expect(forms).toHaveLength(1);
  });

  it('trades the callback\'s code with the PKCE verifier, and refuses a state it did not send', async () => {
    sessionStorage.setItem('portal.pkce', JSON.stringify({ verifier: 'v-123', state: 's-1' }));
    const token = idToken(3600);
    let form: URLSearchParams | null = null;
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      form = new URLSearchParams(String(init.body));
      return new Response(JSON.stringify({ id_token: token, refresh_token: 'r' }), { status: 200 });
    }));
    await expect(completeCognitoSignIn(AUTH, '?code=c-9&state=forged')).rejects.toThrow(/does not match/);
    expect(form).toBeNull();
    sessionStorage.setItem('portal.pkce', JSON.stringify({ verifier: 'v-123', state: 's-1' }));
    await completeCognitoSignIn(AUTH, '?code=c-9&state=s-1');
    expect(Object.fromEntries(form!)).toMatchObject({ grant_type: 'authorization_code', code: 'c-9', code_verifier: 'v-123', client_id: 'client-1' });
    expect(currentPerson()?.email).toBe('dana@acme.example');
  });
});
