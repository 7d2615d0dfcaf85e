import * as z from 'zod';
import type { Actor, Party } from '../../domain/index.js';

/** The roles of the desk, as Cognito groups (design §Security). */
export const RoleSchema = z.enum(['customer', 'partner', 'agent-tier1', 'agent-tier2', 'agent-tier3', 'support-manager', 'customer-officer', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Who is calling, from the JWT claims API Gateway's JWT authorizer passes on. */
export type Caller = { sub: string; email: string; role: Role; organisationId: string | null };

/** The claim names: `cognito:groups` for the role, `custom:organisation` for the caller's organisation. */
export const CLAIMS = { groups: 'cognito:groups', organisation: 'custom:organisation', email: 'email' } as const;

/** When a person holds several groups, the most capable one counts. */
const ROLE_ORDER: readonly Role[] = ['admin', 'support-manager', 'customer-officer', 'agent-tier3', 'agent-tier2', 'agent-tier1', 'partner', 'customer'];

/**
 * Reads the caller from the claims. HTTP API's JWT authorizer passes an array claim as a
 * string such as `[agent-tier1 admin]`; a local token may pass a real array. Null when the
 * claims name no known role (or a customer-side role without an organisation).
 */
export function readCaller(claims: Record<string, unknown> | undefined): Caller | null {
  if (!claims) return null;
  const raw = claims[CLAIMS.groups];
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
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
