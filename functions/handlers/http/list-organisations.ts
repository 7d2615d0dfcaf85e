import { assertMayReadDirectory } from './access.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Deps } from './deps.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { ListOrganisationsQuerySchema } from './schemas.js';
import { toOrganisationView } from './views.js';
import { liveDirectory } from './wiring.js';

/**
 * GET /organisations: the directory, a page at a time (administrators and support managers);
 * `partnerId` lists a partner's customers. A partner lists its own customers (R-PARTY-2: it opens
 * and follows tickets for them), whatever it asks: another partner's are an empty page.
 */
export const makeListOrganisationsHandler = (deps: Pick<Deps, 'directory'>) => authedRoute(async (event, caller) => {
  const { limit, cursor, partnerId: asked } = ListOrganisationsQuerySchema.parse(event.queryStringParameters ?? {});
  let partnerId = asked;
  if (caller.role === 'partner') {
    if (asked !== undefined && asked !== caller.organisationId) return json(200, { items: [], cursor: null });
    partnerId = caller.organisationId!;
  } else {
    assertMayReadDirectory(caller);
  }
  const query = { partnerId };
  const storeCursor = decodeCursor(cursor, query);
  const page = await deps.directory.listOrganisations({ limit, ...(storeCursor ? { cursor: storeCursor } : {}), ...(partnerId ? { partnerId } : {}) });
  return json(200, { items: page.items.map(toOrganisationView), cursor: encodeCursor(page.cursor, query) });
});

export const handler = makeListOrganisationsHandler({ directory: liveDirectory });
