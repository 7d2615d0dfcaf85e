import { DomainError, type Organisation } from '../../domain/index.js';
import type { DirectoryStore } from '../../adapters/store.js';
import { assertMayAdministerDirectory } from './access.js';
import { readJsonBody } from './body.js';
import type { Deps } from './deps.js';
import { organisationIdOf } from './params.js';
import { assertIfMatch, readIfMatch } from './preconditions.js';
import { HttpProblem } from './problem.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { PutOrganisationRequestSchema } from './schemas.js';
import { toOrganisationView } from './views.js';
import { liveDirectory } from './wiring.js';

/** R-PARTY-2: a partner's customer names an organisation that is a partner. */
async function assertPartnerExists(directory: DirectoryStore, org: Organisation): Promise<void> {
  if (org.partnerId === null) return;
  const partner = await directory.getOrganisation(org.partnerId);
  if (partner?.kind !== 'partner') throw new DomainError('invalid-input', 'partnerId must name an organisation of kind partner', { field: 'partnerId' });
}

/**
 * PUT /organisations/{id} (administrators): creates the organisation when absent (201); replacing
 * one needs If-Match with its ETag (428 without, 412 when stale); a lost race is 412 (409 on create).
 */
export const makePutOrganisationHandler = (deps: Pick<Deps, 'directory'>) => authedRoute(async (event, caller) => {
  assertMayAdministerDirectory(caller);
  const id = organisationIdOf(event);
  const org = readJsonBody(event, PutOrganisationRequestSchema);
  if (org.id !== id) throw new DomainError('invalid-input', 'the id must be the one in the path', { field: 'id' });
  const ifMatch = readIfMatch(event);
  const existing = await deps.directory.getOrganisation(id);
  if (existing && !ifMatch) throw new HttpProblem('precondition-required', 'Replacing an organisation needs If-Match with its ETag', [{ path: 'If-Match', message: 'required' }]);
  if (!existing && ifMatch) throw new DomainError('version-conflict', 'there is no organisation to replace', { id });
  assertIfMatch(ifMatch, existing?.version ?? 0);
  await assertPartnerExists(deps.directory, org);
  const saved = await deps.directory.putOrganisation(org, existing?.version ?? 0);
  return versioned(existing ? 200 : 201, toOrganisationView(saved), existing ? {} : { location: `/organisations/${id}` });
});

export const handler = makePutOrganisationHandler({ directory: liveDirectory });
