import { HttpProblem } from './problem.js';
import { allowedMethods } from './route-match.js';
import { publicRoute } from './route.js';

/**
 * The `$default` route: whatever no route of routes.ts takes. A known path with another method is
 * a 405 naming the methods it has (Allow); anything else a 404. Both problem+json, as every error.
 */
export const makeRouteNotFoundHandler = () => publicRoute(async (event) => {
  const method = event.requestContext.http.method;
  const allowed = allowedMethods(event.rawPath);
  if (allowed.length > 0) {
    throw new HttpProblem('method-not-allowed', `${event.rawPath} takes ${allowed.join(', ')}, not ${method}`, [], { allow: allowed.join(', ') });
  }
  throw new HttpProblem('route-not-found', `No route ${method} ${event.rawPath}`);
});

export const handler = makeRouteNotFoundHandler();
