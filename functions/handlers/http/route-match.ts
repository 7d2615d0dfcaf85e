// Which routes of routes.ts a path names, whatever the method: how a wrong method is told from
// an unknown path (405 with Allow, not 404), in the $default function and the local API alike.
import { ROUTES, type Route } from './routes.js';

const patternOf = (path: string) => new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`);
const PATTERNS = ROUTES.map((route) => ({ route, pattern: patternOf(route.path) }));

/** The methods routes.ts serves at `rawPath` (sorted); empty when no route has that path. */
export function allowedMethods(rawPath: string, routes: readonly Pick<Route, 'method' | 'path'>[] = ROUTES): string[] {
  const patterns = routes === ROUTES ? PATTERNS : routes.map((route) => ({ route, pattern: patternOf(route.path) }));
  return [...new Set(patterns.filter((p) => p.pattern.test(rawPath)).map((p) => p.route.method))].sort();
}
