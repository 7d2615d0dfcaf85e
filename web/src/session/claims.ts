// What the portal reads from an ID token: who, which role, which organisation, which language.
// The API checks the token; the portal only decodes it to choose what to show.

export type Role = 'customer' | 'partner' | 'agent-tier1' | 'agent-tier2' | 'agent-tier3' | 'support-manager' | 'customer-officer' | 'admin';
export type Language = 'he' | 'en';

export type Person = {
  readonly email: string;
  readonly name: string | null;
  readonly role: Role;
  readonly organisationId: string | null;
  readonly language: Language | null;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
};

// The most capable group counts, as functions/handlers/http/caller.ts resolves several.
const ROLE_ORDER: readonly Role[] = ['admin', 'support-manager', 'customer-officer', 'agent-tier3', 'agent-tier2', 'agent-tier1', 'partner', 'customer'];

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The person an ID token names, or null when it is not a readable JWT with a known role. */
export function personOf(idToken: string): Person | null {
  const payload = idToken.split('.')[1];
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  const role = ROLE_ORDER.find((r) => groups.includes(r));
  if (!role || typeof claims.email !== 'string' || typeof claims.exp !== 'number') return null;
  const locale = typeof claims.locale === 'string' ? claims.locale.slice(0, 2).toLowerCase() : null;
  return {
    email: claims.email,
    name: typeof claims.name === 'string' ? claims.name : null,
    role,
    organisationId: typeof claims['custom:organisation'] === 'string' ? claims['custom:organisation'] : null,
    language: locale === 'he' || locale === 'en' ? locale : null,
    expiresAt: claims.exp,
  };
}

export const isCustomerSide = (role: Role): boolean => role === 'customer' || role === 'partner';
