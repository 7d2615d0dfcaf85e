import { ContactSchema, DomainError } from '../../domain/index.js';
import { assertMayAdministerDirectory } from './access.js';
import { readJsonBody } from './body.js';
import type { Deps } from './deps.js';
import { contactEmailOf, organisationIdOf } from './params.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { PutContactRequestSchema } from './schemas.js';
import { toContactView } from './views.js';
import { liveDirectory } from './wiring.js';

/**
 * PUT /organisations/{id}/contacts/{email} (administrators): creates (201) or replaces (200) a
 * contact. An email is one person of one organisation: inbound mail finds its sender by it.
 */
export const makePutContactHandler = (deps: Pick<Deps, 'directory'>) => authedRoute(async (event, caller) => {
  assertMayAdministerDirectory(caller);
  const organisationId = organisationIdOf(event);
  const email = contactEmailOf(event);
  const body = readJsonBody(event, PutContactRequestSchema);
  if (!(await deps.directory.getOrganisation(organisationId))) throw new DomainError('not-found', 'organisation not found');
  const existing = await deps.directory.findContact(email);
  if (existing && existing.organisationId !== organisationId) {
    throw new DomainError('invalid-transition', 'this email is a contact of another organisation', { field: 'email' }); // as the store says it
  }
  const saved = await deps.directory.putContact(ContactSchema.parse({ ...body, email, organisationId }));
  const location = `/organisations/${organisationId}/contacts/${encodeURIComponent(email)}`;
  return json(existing ? 200 : 201, toContactView(saved), existing ? {} : { location });
});

export const handler = makePutContactHandler({ directory: liveDirectory });
