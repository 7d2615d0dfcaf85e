import { DomainError } from '../../domain/index.js';
import { assertMayReadDirectory } from './access.js';
import type { Deps } from './deps.js';
import { organisationIdOf } from './params.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { toContactView } from './views.js';
import { liveDirectory } from './wiring.js';

/** GET /organisations/{id}/contacts: the people who may write to and hear from the desk for it. */
export const makeListContactsHandler = (deps: Pick<Deps, 'directory'>) => authedRoute(async (event, caller) => {
  assertMayReadDirectory(caller);
  const id = organisationIdOf(event);
  if (!(await deps.directory.getOrganisation(id))) throw new DomainError('not-found', 'organisation not found');
  const contacts = await deps.directory.listContacts(id);
  return json(200, { items: contacts.map(toContactView) });
});

export const handler = makeListContactsHandler({ directory: liveDirectory });
