import { DomainError } from '../../domain/index.js';
import { assertMayReadDirectory } from './access.js';
import type { Deps } from './deps.js';
import { organisationIdOf } from './params.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { toOrganisationView } from './views.js';
import { liveDirectory } from './wiring.js';

/** GET /organisations/{id}: kind, partner, subscription and packages (R-PARTY-1, R-ENT-1..3); ETag for a replacing PUT. */
export const makeGetOrganisationHandler = (deps: Pick<Deps, 'directory'>) => authedRoute(async (event, caller) => {
  assertMayReadDirectory(caller);
  const org = await deps.directory.getOrganisation(organisationIdOf(event));
  if (!org) throw new DomainError('not-found', 'organisation not found');
  return versioned(200, toOrganisationView(org));
});

export const handler = makeGetOrganisationHandler({ directory: liveDirectory });
