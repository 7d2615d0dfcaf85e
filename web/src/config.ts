// The portal's runtime configuration, `/config.json` beside the app: written at deploy time by
// lib/portal.ts (the API URL and the Cognito managed login), served by the local stack locally.
// One build serves every stage; nothing about a stage is baked into the bundle.

export type LocalAuth = {
  readonly kind: 'local';
  /** GET: the seeded people one may sign in as (local stack only). */
  readonly peopleUrl: string;
  /** POST `{ email }`: an ID token signed by the local stack's key (local stack only). */
  readonly signInUrl: string;
};

export type CognitoAuth = {
  readonly kind: 'cognito';
  /** The managed-login (hosted UI) domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: string;
  readonly clientId: string;
  readonly userPoolId: string;
  readonly scopes: readonly string[];
};

export type PortalConfig = {
  readonly apiUrl: string;
  readonly auth: LocalAuth | CognitoAuth;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(raw: unknown): PortalConfig {
  const c = raw as Partial<PortalConfig> | null;
  if (!c || typeof c.apiUrl !== 'string' || !c.auth || (c.auth.kind !== 'local' && c.auth.kind !== 'cognito')) {
    throw new ConfigError('config.json must name apiUrl and auth.kind (local or cognito)');
  }
  return { ...c, apiUrl: c.apiUrl.replace(/\/+$/, '') } as PortalConfig;
}

export async function loadConfig(): Promise<PortalConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new ConfigError(`config.json answered ${response.status}`);
  return parseConfig(await response.json());
}
