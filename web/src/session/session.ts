// Sign-in and the session (issue 9 item 4). In AWS: Cognito managed login with the authorization
// code and PKCE; no Cognito SDK in the bundle, MFA and forgotten passwords handled by managed
// login, the ID token refreshed with the refresh token before it expires. Locally: the local
// stack's own sign-in endpoints (config.json names them), which the deployed portal has none of.
// The tokens live in sessionStorage: gone with the tab, never in a cookie the API would trust.
import type { CognitoAuth, LocalAuth, PortalConfig } from '../config.js';
import { personOf, type Person } from './claims.js';

const SESSION_KEY = 'portal.session';
const RETURN_KEY = 'portal.returnTo';
const PKCE_KEY = 'portal.pkce';
/** Refresh this long before the ID token expires, so no request carries a token about to lapse. */
export const REFRESH_MARGIN_S = 300;
export const CALLBACK_PATH = '/auth/callback';

type Stored = { idToken: string; refreshToken: string | null };

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

type Listener = () => void;
const listeners = new Set<Listener>();
let cached: { raw: string | null; person: Person | null } = { raw: null, person: null };

const nowS = () => Math.floor(Date.now() / 1000);

function read(): Stored | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

function write(stored: Stored | null): void {
  if (stored) sessionStorage.setItem(SESSION_KEY, JSON.stringify(stored));
  else sessionStorage.removeItem(SESSION_KEY);
  for (const l of listeners) l();
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in person (even with an expired token: the API's 401 sends them to sign in again). */
export function currentPerson(): Person | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (raw !== cached.raw) {
    const stored = read();
    cached = { raw, person: stored ? personOf(stored.idToken) : null };
  }
  return cached.person;
}

/** Where to go after signing in: the page the person was on when asked to sign in. */
export function takeReturnTo(): string {
  const to = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return to && to.startsWith('/') && !to.startsWith('//') ? to : '/';
}

export function rememberReturnTo(path: string): void {
  if (!path.startsWith('/sign-in') && !path.startsWith(CALLBACK_PATH)) sessionStorage.setItem(RETURN_KEY, path);
}

// ---- local stack ----------------------------------------------------------------------------

export type LocalPerson = { email: string; name: string; role: string; organisationId: string | null; language: string };

export async function localPeople(auth: LocalAuth): Promise<LocalPerson[]> {
  const response = await fetch(auth.peopleUrl);
  if (!response.ok) throw new SignInError(`the local sign-in answered ${response.status}`);
  return (await response.json()) as LocalPerson[];
}

export async function localSignIn(auth: LocalAuth, email: string): Promise<Person> {
  const response = await fetch(auth.signInUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }),
  });
  if (!response.ok) throw new SignInError(`no seeded person ${email}`);
  const { idToken } = (await response.json()) as { idToken: string };
  const person = personOf(idToken);
  if (!person) throw new SignInError('the local sign-in gave an unreadable token');
  write({ idToken, refreshToken: null });
  return person;
}

// ---- Cognito managed login, authorization code + PKCE (RFC 7636) ------------------------------

const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const randomString = (): string => base64Url(crypto.getRandomValues(new Uint8Array(32)));

const redirectUri = (): string => `${location.origin}${CALLBACK_PATH}`;

/** Sends the browser to managed login; it comes back to CALLBACK_PATH with a code. */
export async function beginCognitoSignIn(auth: CognitoAuth): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: auth.clientId, redirect_uri: redirectUri(), scope: auth.scopes.join(' '),
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${auth.domain}/oauth2/authorize?${query}`);
}

async function tokenRequest(auth: CognitoAuth, form: Record<string, string>): Promise<{ id_token: string; refresh_token?: string }> {
  const response = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: auth.clientId, ...form }),
  });
  if (!response.ok) throw new SignInError(`the sign-in service answered ${response.status}`);
  return (await response.json()) as { id_token: string; refresh_token?: string };
}

/** Trades the callback's code for tokens; refuses a state it did not send (a forged callback). */
export async function completeCognitoSignIn(auth: CognitoAuth, search: string): Promise<Person> {
  const params = new URLSearchParams(search);
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  const code = params.get('code');
  if (params.get('error')) throw new SignInError(params.get('error_description') ?? params.get('error')!);
  if (!saved || !code || params.get('state') !== saved.state) throw new SignInError('the sign-in answer does not match the request: sign in again');
  const tokens = await tokenRequest(auth, { grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: saved.verifier });
  const person = personOf(tokens.id_token);
  if (!person) throw new SignInError('the sign-in service gave an unreadable token');
  write({ idToken: tokens.id_token, refreshToken: tokens.refresh_token ?? null });
  return person;
}

let refreshing: Promise<string | null> | null = null;

async function refresh(auth: CognitoAuth, stored: Stored): Promise<string | null> {
  if (!stored.refreshToken) return null;
  try {
    const tokens = await tokenRequest(auth, { grant_type: 'refresh_token', refresh_token: stored.refreshToken });
    write({ idToken: tokens.id_token, refreshToken: tokens.refresh_token ?? stored.refreshToken });
    return tokens.id_token;
  } catch {
    return null; // the refresh token expired or was revoked: the API's 401 sends the person to sign in
  }
}

/** The ID token to send, refreshed first when it expires within REFRESH_MARGIN_S (Cognito). */
export async function freshIdToken(config: PortalConfig): Promise<string | null> {
  const stored = read();
  if (!stored) return null;
  const person = personOf(stored.idToken);
  if (person && person.expiresAt - REFRESH_MARGIN_S > nowS()) return stored.idToken;
  if (config.auth.kind !== 'cognito') return stored.idToken; // the local token lives 12 hours; a 401 says when it lapsed
  refreshing ??= refresh(config.auth, stored).finally(() => { refreshing = null; });
  return refreshing;
}

/** The token is gone or refused: remember the page and go to sign in (drafts stay in sessionStorage). */
export async function signInAgain(config: PortalConfig, returnTo: string): Promise<void> {
  write(null);
  rememberReturnTo(returnTo);
  if (config.auth.kind === 'cognito') await beginCognitoSignIn(config.auth);
  else location.assign('/sign-in');
}

export function signOut(config: PortalConfig): void {
  write(null);
  if (config.auth.kind === 'cognito') {
    const query = new URLSearchParams({ client_id: config.auth.clientId, logout_uri: `${location.origin}/` });
    location.assign(`${config.auth.domain}/logout?${query}`);
  } else {
    location.assign('/sign-in');
  }
}
