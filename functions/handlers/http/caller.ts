import * as z from '../../domain/zod.js';
import type { Actor, Party } from '../../domain/index.js';

/** The roles of the desk, as Cognito groups (design §Security). */
export const RoleSchema = /* @__PURE__ */ z.schema(() => z.enum(['customer', 'partner', 'agent-tier1', 'agent-tier2', 'agent-tier3', 'support-manager', 'customer-officer', 'admin']));
export type Role = z.infer<typeof RoleSchema>;

/** Who is calling, from the JWT claims API Gateway's JWT authorizer passes on. */
export type Caller = { sub: string; email: string; role: Role; organisationId: string | null };

/** The claim names: `cognito:groups` for the role, `custom:organisation` for the caller's organisation. */
export const CLAIMS = { groups: 'cognito:groups', organisation: 'custom:organisation', email: 'email', tokenUse: 'token_use' } as const;

/** When a person holds several groups, the most capable one counts. */
const ROLE_ORDER: readonly Role[] = ['admin', 'support-manager', 'customer-officer', 'agent-tier3', 'agent-tier2', 'agent-tier1', 'partner', 'customer'];

/**
 * The group names of a `cognito:groups` claim, each exactly as Cognito holds it. HTTP API's JWT
 * authorizer passes an array claim as one string, `[agent-tier1 admin]`: the names inside the
 * brackets, separated by single spaces (a Cognito group name has no whitespace, but may hold a
 * comma, so `customer,admin` is one group, not two). A real array (a local token decoded
 * without the authorizer) is taken as it is. Anything else names no group.
 */
export function groupsOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === 'string');
  if (typeof raw !== 'string') return [];
  const inner = /^\[(.*)\]$/s.exec(raw)?.[1];
  return inner === undefined ? [raw] : inner.split(' ').filter((g) => g !== '');
}

/**
 * Reads the caller from the claims. Null when the token is not an ID token (`token_use` must be
 * `id`: an access token carries neither `custom:organisation` nor an `aud` the authorizer
 * checks the same way), when its groups name no known role, or for a customer-side role
 * without an organisation.
 */
export function readCaller(claims: Record<string, unknown> | undefined): Caller | null {
  if (!claims || claims[CLAIMS.tokenUse] !== 'id') return null;
  const groups = groupsOf(claims[CLAIMS.groups]);
  const role = ROLE_ORDER.find((r) => groups.includes(r));
  const sub = typeof claims.sub === 'string' ? claims.sub : null;
  if (!role || !sub) return null;
  const organisation = typeof claims[CLAIMS.organisation] === 'string' && claims[CLAIMS.organisation] !== '' ? String(claims[CLAIMS.organisation]) : null;
  if ((role === 'customer' || role === 'partner') && organisation === null) return null;
  const email = typeof claims[CLAIMS.email] === 'string' ? String(claims[CLAIMS.email]).toLowerCase() : sub;
  return { sub, email, role, organisationId: organisation };
}

/** The charter's party for a role: customer-side people, or the center. */
export const partyOf = (role: Role): Party => (role === 'customer' || role === 'partner' ? 'customer' : 'agent');

export const actorOf = (caller: Caller): Actor => ({ party: partyOf(caller.role), id: caller.email });

export const isStaff = (caller: Caller): boolean => partyOf(caller.role) === 'agent';
