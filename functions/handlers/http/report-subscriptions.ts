import { DomainError } from '../../domain/index.js';
import type { ReportSubscription } from '../../adapters/store.js';
import { subscriptionScope } from './access.js';
import { readJsonBody } from './body.js';
import type { Caller } from './caller.js';
import type { Deps } from './deps.js';
import { contactEmailOf, organisationIdOf } from './params.js';
import { reportRecipient } from './report-recipient.js';
import { json, noContent } from './respond.js';
import { authedRoute } from './route.js';
import type { HttpEvent } from './types.js';
import { ReportSubscriptionRequestSchema } from './schemas.js';

// R-RPT-1: a person's ticket report by email on the schedule they choose (weekly or monthly).
// Customers and partners keep their own; support managers, customer officers and the
// administrator keep any contact's (subscriptionScope in access.ts).

type SubscriptionDeps = Pick<Deps, 'directory' | 'now'>;

/** The organisation and address of a subscription route (a malformed one is 404 before any read). */
const subscriptionOf = (event: HttpEvent) => ({ organisationId: organisationIdOf(event), email: contactEmailOf(event) });

/** Refuses a caller who may not act on this subscription. */
async function assertMayKeep(deps: SubscriptionDeps, { organisationId, email }: { organisationId: string; email: string }, caller: Caller): Promise<void> {
  const scope = await subscriptionScope(caller, organisationId, deps.directory);
  if (scope === 'self' && email !== caller.email) throw new DomainError('not-allowed', 'a person subscribes only itself', { field: 'email' });
  if (scope === 'any' && (await deps.directory.findContact(email))?.organisationId !== organisationId) throw new DomainError('not-found', 'contact not found');
}

/** GET /organisations/{id}/report-subscriptions: a customer-side caller sees its own; the center everyone's. */
export const makeListReportSubscriptionsHandler = (deps: SubscriptionDeps) => authedRoute(async (event, caller) => {
  const organisationId = organisationIdOf(event);
  const scope = await subscriptionScope(caller, organisationId, deps.directory);
  if (!(await deps.directory.getOrganisation(organisationId))) throw new DomainError('not-found', 'organisation not found');
  const items = await deps.directory.listReportSubscriptions(organisationId);
  return json(200, { items: scope === 'any' ? items : items.filter((s) => s.email === caller.email) });
});

/** PUT /organisations/{id}/report-subscriptions/{email}: subscribes, or changes the frequency (200 when it existed, 201 when new). */
export const makePutReportSubscriptionHandler = (deps: SubscriptionDeps) => authedRoute(async (event, caller) => {
  const { organisationId, email } = subscriptionOf(event);
  const { frequency } = readJsonBody(event, ReportSubscriptionRequestSchema);
  await assertMayKeep(deps, { organisationId, email }, caller);
  const existing = (await deps.directory.listReportSubscriptions(organisationId)).find((s) => s.email === email);
  const { name, language } = await reportRecipient(deps.directory, email, caller);
  const subscription: ReportSubscription = { organisationId, email, name, language, frequency, createdAt: existing?.createdAt ?? deps.now() };
  return json(existing ? 200 : 201, await deps.directory.putReportSubscription(subscription));
});

/** DELETE /organisations/{id}/report-subscriptions/{email}: 204, or 404 when there was none. */
export const makeDeleteReportSubscriptionHandler = (deps: SubscriptionDeps) => authedRoute(async (event, caller) => {
  const { organisationId, email } = subscriptionOf(event);
  await assertMayKeep(deps, { organisationId, email }, caller);
  if (!(await deps.directory.deleteReportSubscription(organisationId, email))) throw new DomainError('not-found', 'no such subscription');
  return noContent();
});
