// Routes open to anonymous readers (R-KB-1): in AWS no authorizer runs on them, so the function
// verifies a token itself (aws-jwt-verify against the user pool's keys). A forged, expired or
// foreign token must never widen what is shown: it is a 401, never a signed-in or anonymous call.
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { identifyIfPresent, type TokenVerifier } from '../../../functions/handlers/http/optional-auth.js';
import { anHttpEvent, claimsFor } from '../../fixtures/http.js';

const POOL = 'eu-west-1_KbTest01';
const CLIENT = 'portal-client';
const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let poolKey: Key;
let forgerKey: Key;
let verify: TokenVerifier;

beforeAll(async () => {
  const pool = await generateKeyPair('RS256', { extractable: true });
  poolKey = pool.privateKey;
  forgerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pool.publicKey)), kid: 'pool-key', alg: 'RS256', use: 'sig' };
  const verifier = CognitoJwtVerifier.create({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'id' });
  verifier.cacheJwks({ keys: [jwk as never] }); // the pool's keys, as the verifier would fetch them
  verify = async (token) => (await verifier.verify(token)) as unknown as Record<string, unknown>;
});

const token = (over: { key?: Key; iss?: string; aud?: string; use?: string; exp?: string; groups?: string[] } = {}) =>
  new SignJWT({ 'cognito:groups': over.groups ?? ['customer'], 'custom:organisation': 'acme', email: 'dana@acme.example', token_use: over.use ?? 'id' })
    .setProtectedHeader({ alg: 'RS256', kid: 'pool-key' }).setSubject('sub-dana').setIssuer(over.iss ?? ISSUER).setAudience(over.aud ?? CLIENT)
    .setIssuedAt().setExpirationTime(over.exp ?? '1h').sign(over.key ?? poolKey);

const withBearer = (value: string) => anHttpEvent({ claims: undefined, headers: { authorization: value } });
const status = async (p: Promise<unknown>) => p.then(() => 200, (e: { code?: string }) => (e.code === 'unauthorized' ? 401 : 500));

describe('R-KB-1: a token on a route open to anonymous readers', () => {
  it('none: an anonymous caller', async () => {
    const event = anHttpEvent({ claims: undefined });
    delete event.headers.authorization; // the captured event carries one
    expect(await identifyIfPresent(event, verify)).toBeNull();
  });
  it('a valid ID token of the pool: that caller', async () => {
    expect(await identifyIfPresent(withBearer(`Bearer ${await token()}`), verify)).toMatchObject({ role: 'customer', organisationId: 'acme', email: 'dana@acme.example' });
  });
  it('claims an authorizer verified (the local stack\'s server): that caller, no second check', async () => {
    expect(await identifyIfPresent(anHttpEvent({ claims: claimsFor('agent-tier1') }), null)).toMatchObject({ role: 'agent-tier1' });
  });
  it.each([
    ['signed with another key', () => token({ key: forgerKey, groups: ['support-manager'] })],
    ['expired', () => token({ exp: '-1m' })],
    ['of another pool', () => token({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' })],
    ['for another client', () => token({ aud: 'another-client' })],
    ['an access token, not an ID token', () => token({ use: 'access' })],
    ['naming no known role', () => token({ groups: ['auditor'] })],
  ])('a token %s: 401, never a caller and never anonymous', async (_what, make) => {
    expect(await status(identifyIfPresent(withBearer(`Bearer ${await make()}`), verify))).toBe(401);
  });
  it.each(['Bearer', 'Basic ZGFuYTpwdw==', 'Bearer not.a.jwt', 'Bearer a b'])('a malformed Authorization %j: 401', async (value) => {
    expect(await status(identifyIfPresent(withBearer(value), verify))).toBe(401);
  });
  it('any token when no verifier is configured: 401 (refused, not trusted)', async () => {
    expect(await status(identifyIfPresent(withBearer(`Bearer ${await token()}`), null))).toBe(401);
  });
});
