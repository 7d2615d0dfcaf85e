import { defaultPolicy, listClosedDays } from '../../domain/index.js';
import { policyRegistry, type Deps } from './deps.js';
import { CalendarQuerySchema } from './desk-schemas.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';

/**
 * GET /calendar?from&to: the closed days of a period under the current policy, each with its
 * reason (R-CAL-1 weekends; R-CAL-2 holidays, eves and operator closures), the hours (R-CAL-3)
 * and the operator's own additions and removals. Anyone signed in.
 */
export const makeGetCalendarHandler = (deps: Pick<Deps, 'policies'>) => authedRoute(async (event) => {
  const { from, to } = CalendarQuerySchema.parse(event.queryStringParameters ?? {});
  const p = deps.policies.current;
  return json(200, {
    from, to, policyVersion: p.version, timeZone: p.timeZone, workingWeekdays: p.workingWeekdays, hours: p.hours,
    closures: p.closures, days: listClosedDays(from, to, p),
  });
});

// No table: the function reads only the policy (routes.ts: table 'none'), so it needs no TABLE_NAME.
export const handler = makeGetCalendarHandler({ policies: policyRegistry(defaultPolicy) });
