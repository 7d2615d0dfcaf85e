import { DomainError, type Organisation, type Ticket } from '../../domain/index.js';
import type { DirectoryStore, TicketFilter } from '../../adapters/store.js';
import { partyOf, type Caller } from './caller.js';

// Who may see and do what. A ticket the caller may not see is answered exactly like one that
// does not exist (404, never 403): its existence is not the caller's business.

/**
 * R-TKT-6, R-PARTY-2: a customer sees its organisation's tickets; a partner its own and those of
 * the customers it serves (the ticket records that partner at opening); the center and the
 * administrator see all.
 */
export function canSeeTicket(caller: Caller, ticket: Ticket): boolean {
  switch (caller.role) {
    case 'customer': return ticket.organisationId === caller.organisationId;
    case 'partner': return ticket.organisationId === caller.organisationId || ticket.partnerId === caller.organisationId;
    default: return true;
  }
}

/** The administrator keeps the directory and may read tickets, but does not work them. */
export function assertMayWorkTickets(caller: Caller): void {
  if (caller.role === 'admin') throw new DomainError('not-allowed', 'an administrator reads tickets but does not work them', { role: caller.role });
}

/** R-CLOSE-2: confirming or rejecting a solution is the customer's (or its partner's) say. */
export function assertCustomerSide(caller: Caller): void {
  if (partyOf(caller.role) !== 'customer') throw new DomainError('not-allowed', 'the customer decides on a solution; the center changes status through transitions', { role: caller.role });
}

export function assertMayReadDirectory(caller: Caller): void {
  if (caller.role !== 'admin' && caller.role !== 'support-manager') throw new DomainError('not-allowed', 'the directory is for administrators and support managers', { role: caller.role });
}

export function assertMayAdministerDirectory(caller: Caller): void {
  if (caller.role !== 'admin') throw new DomainError('not-allowed', 'only an administrator changes the directory', { role: caller.role });
}

/** Whether the organisation is the caller's own or (for a partner) one of its customers (R-PARTY-2). */
const isCustomerSideOrg = (caller: Caller, org: Organisation) =>
  org.id === caller.organisationId || (caller.role === 'partner' && org.partnerId === caller.organisationId);

/**
 * The filter a caller's list is confined to, given the organisation it asked for; null when
 * nothing it may see can match (another organisation: an empty page, not a refusal).
 */
export async function listScope(caller: Caller, organisationId: string | undefined, directory: DirectoryStore): Promise<Pick<TicketFilter, 'organisationId' | 'partnerId'> | null> {
  if (partyOf(caller.role) === 'agent') return organisationId ? { organisationId } : {};
  if (organisationId === undefined) return caller.role === 'partner' ? { partnerId: caller.organisationId! } : { organisationId: caller.organisationId! };
  if (organisationId === caller.organisationId) return { organisationId };
  if (caller.role !== 'partner') return null;
  const org = await directory.getOrganisation(organisationId);
  return org && isCustomerSideOrg(caller, org) ? { organisationId } : null;
}

/**
 * The organisation a new ticket is opened for: a customer's own; a partner's own or one of its
 * customers' (R-PARTY-2); any, named, for the center. An organisation the caller may not open
 * for gets the same answer as an unknown one.
 */
export async function openingOrganisation(caller: Caller, requested: string | undefined, directory: DirectoryStore): Promise<Organisation> {
  assertMayWorkTickets(caller);
  const isCenter = partyOf(caller.role) === 'agent';
  if (isCenter && requested === undefined) throw new DomainError('invalid-input', 'the center names the organisation it opens a ticket for', { field: 'organisationId' });
  const org = await directory.getOrganisation(requested ?? caller.organisationId!);
  if (!org || (!isCenter && !isCustomerSideOrg(caller, org))) throw new DomainError('invalid-input', 'unknown organisation', { field: 'organisationId' });
  return org;
}

/** The work log (R-BILL-3) is the center's record: agents, managers and the administrator read it. */
export function assertMayReadWorkLog(caller: Caller): void {
  if (partyOf(caller.role) !== 'agent') throw new DomainError('not-allowed', 'the work log is for the center; customers see time spent in their report', { role: caller.role });
}

/**
 * A statement of billed work (R-BILL-3): support managers, customer officers and the administrator
 * read any; a customer or partner reads the one billed to its own organisation; another
 * organisation's is answered as if it did not exist.
 */
export function assertMayReadStatement(caller: Caller, billToOrganisationId: string): void {
  if (caller.role === 'support-manager' || caller.role === 'customer-officer' || caller.role === 'admin') return;
  if (partyOf(caller.role) === 'agent') throw new DomainError('not-allowed', 'statements are for managers and the organisation billed', { role: caller.role });
  if (caller.organisationId !== billToOrganisationId) throw new DomainError('not-found', 'organisation not found');
}

/** R-RPT-2: the center's own compliance report, for those who answer for it. */
export function assertMayReadComplianceReport(caller: Caller): void {
  if (caller.role !== 'support-manager' && caller.role !== 'customer-officer' && caller.role !== 'admin') {
    throw new DomainError('not-allowed', 'the compliance report is for support managers, customer officers and the administrator', { role: caller.role });
  }
}

/** Those of the center who keep other people's report subscriptions (R-RPT-1). */
const keepsSubscriptions = (caller: Caller) => caller.role === 'support-manager' || caller.role === 'customer-officer' || caller.role === 'admin';

/**
 * R-RPT-1: whose periodic report the caller may see or change on an organisation. A customer-side
 * person only its own, on an organisation whose tickets it follows (R-TKT-6, R-PARTY-2: a partner
 * its customers' too); support managers, customer officers and the administrator anyone's;
 * agents none. 'self' confines the caller to its own address; an organisation the caller does
 * not follow is answered as if it did not exist.
 */
export async function subscriptionScope(caller: Caller, organisationId: string, directory: DirectoryStore): Promise<'self' | 'any'> {
  if (keepsSubscriptions(caller)) return 'any';
  if (partyOf(caller.role) === 'agent') throw new DomainError('not-allowed', 'report subscriptions are kept by their owners, support managers, customer officers and the administrator', { role: caller.role });
  if (!(await listScope(caller, organisationId, directory))) throw new DomainError('not-found', 'organisation not found');
  return 'self';
}

/** Closing a month's statement (R-BILL-3) is for those who answer for billing. */
export function assertMayCloseStatement(caller: Caller): void {
  if (caller.role !== 'support-manager' && caller.role !== 'admin') throw new DomainError('not-allowed', 'support managers and the administrator close a month', { role: caller.role });
}
