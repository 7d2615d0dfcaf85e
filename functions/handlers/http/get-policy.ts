import { defaultPolicy, DomainError, type Policy } from '../../domain/index.js';
import { policyRegistry, type Deps } from './deps.js';
import { PolicyQuerySchema } from './desk-schemas.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';

/**
 * GET /policy?versions=a,b: the policy new tickets open under, and the policies of the versions
 * asked for, so a client counts business time on a ticket's own calendar (R-CAL-1..3, R-SLA-6)
 * with the domain code the server runs. The charter's numbers are no secret: anyone signed in.
 */
export const makeGetPolicyHandler = (deps: Pick<Deps, 'policies'>) => authedRoute(async (event) => {
  const { versions } = PolicyQuerySchema.parse(event.queryStringParameters ?? {});
  const current = deps.policies.current;
  const byVersion: Record<string, Policy> = { [current.version]: current };
  for (const version of versions?.split(',') ?? []) {
    const policy = deps.policies.byVersion(version);
    if (!policy) throw new DomainError('invalid-input', `no policy of version ${version}`, { field: 'versions' });
    byVersion[version] = policy;
  }
  return json(200, { current, versions: byVersion });
});

// No table: the function reads only the policy (routes.ts: table 'none'), so it needs no TABLE_NAME.
export const handler = makeGetPolicyHandler({ policies: policyRegistry(defaultPolicy) });
