import { assertMayReadDirectory } from './access.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Deps } from './deps.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { ListOrganisationsQuerySchema } from './schemas.js';
import { toOrganisationView } from './views.js';
import { liveDirectory } from './wiring.js';

/** GET /organisations: the directory, a page at a time (administrators and support managers); `partnerId` lists a partner's customers. */
export const makeListOrganisationsHandler = (deps: Pick<Deps, 'directory'>) => authedRoute(async (event, caller) => {
  assertMayReadDirectory(caller);
  const { limit, cursor, partnerId } = ListOrganisationsQuerySchema.parse(event.queryStringParameters ?? {});
  const query = { partnerId };
  const storeCursor = decodeCursor(cursor, query);
  const page = await deps.directory.listOrganisations({ limit, ...(storeCursor ? { cursor: storeCursor } : {}), ...(partnerId ? { partnerId } : {}) });
  return json(200, { items: page.items.map(toOrganisationView), cursor: encodeCursor(page.cursor, query) });
});

export const handler = makeListOrganisationsHandler({ directory: liveDirectory });
