import { DomainError } from '../../domain/index.js';
import { assertMayAdministerDirectory } from './access.js';
import type { Deps } from './deps.js';
import { contactEmailOf, organisationIdOf } from './params.js';
import { noContent } from './respond.js';
import { authedRoute } from './route.js';
import { liveDirectory } from './wiring.js';

/** DELETE /organisations/{id}/contacts/{email} (administrators): 204; 404 when it is not a contact of that organisation. */
export const makeDeleteContactHandler = (deps: Pick<Deps, 'directory'>) => authedRoute(async (event, caller) => {
  assertMayAdministerDirectory(caller);
  const organisationId = organisationIdOf(event);
  const email = contactEmailOf(event);
  const existing = await deps.directory.findContact(email);
  if (existing?.organisationId !== organisationId) throw new DomainError('not-found', 'contact not found');
  await deps.directory.deleteContact(organisationId, email);
  return noContent();
});

export const handler = makeDeleteContactHandler({ directory: liveDirectory });
