// The local stack's identity provider: one ES256 key kept in the data folder signs tokens
// (`npm run token`) and the local HTTP server verifies them as the HTTP API's JWT authorizer
// verifies Cognito's: signature, issuer, audience, expiry.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { DataFolderError } from './data-folder.js';

export const LOCAL_ISSUER = 'https://127.0.0.1/support-desk-local';
export const LOCAL_AUDIENCE = 'support-desk-local';
const KEY_FILE = 'signing-key.json';
const ALG = 'ES256';

type KeyLike = Awaited<ReturnType<typeof importJWK>>;
export type LocalSigningKey = { readonly privateKey: KeyLike; readonly publicKey: KeyLike; readonly kid: string };

/** Reads the signing key from `dataDir`, creating it (and the folder) when absent. */
export async function loadSigningKey(dataDir: string): Promise<LocalSigningKey> {
  const file = path.join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), alg: ALG, kid: `local-${Date.now().toString(36)}` };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  }
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const { d: _d, ...publicJwk } = jwk;
    return { privateKey: await importJWK(jwk, ALG), publicKey: await importJWK(publicJwk, ALG), kid: jwk.kid ?? 'local' };
  } catch (error) {
    throw new DataFolderError(file, 'not a usable signing key', { cause: error });
  }
}

export type TokenRequest = {
  role: string; organisationId?: string | null; email: string; hours?: number;
  /** The person's language and name, as Cognito's standard `locale` and `name` attributes (the portal reads them). */
  locale?: string; name?: string;
};

/** A Cognito-shaped ID token: groups as an array, the organisation as a custom attribute. */
export async function signToken(key: LocalSigningKey, req: TokenRequest): Promise<string> {
  const claims: JWTPayload = {
    'cognito:groups': [req.role],
    email: req.email.toLowerCase(),
    email_verified: true,
    token_use: 'id',
    ...(req.organisationId ? { 'custom:organisation': req.organisationId } : {}),
    ...(req.locale ? { locale: req.locale } : {}),
    ...(req.name ? { name: req.name } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid: key.kid })
    .setSubject(`local-${req.email.toLowerCase()}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${req.hours ?? 12}h`)
    .sign(key.privateKey);
}

/**
 * The claims API Gateway passes on after verifying `authorization` (a Bearer token), or null
 * (then it answers 401 itself). Like the real authorizer it flattens every claim to a string,
 * an array as `[a b]`. Expiry is checked against the system clock, as AWS would.
 */
export async function verifyBearer(key: LocalSigningKey, authorization: string | undefined): Promise<Record<string, string> | null> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key.publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: [ALG] });
    return flattenClaims(payload);
  } catch {
    return null;
  }
}

export const flattenClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([name, value]) => [
    name,
    Array.isArray(value) ? `[${value.map(String).join(' ')}]` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
  ]));
