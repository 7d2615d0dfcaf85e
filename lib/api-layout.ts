// Which Lambda function serves which HTTP route (README "Layout of the API functions").
// bench/coldstart.ts models the alternatives; this is the layout deployed.
import type { Route } from '../functions/handlers/http/routes.js';

export type ApiFunctionGroup = {
  /** PascalCase, part of the construct id. */
  readonly name: string;
  readonly routes: readonly Route[];
};

/**
 * One function per set of grants: the routes that write the table share one function, those that
 * only read it share another, so no route holds a table grant it would not hold alone, and a
 * center's traffic keeps two instances warm instead of twenty-five. The attachment routes' object
 * grants (SupportApi.grantAttachments) are shared the same way: every writer may put uploads and
 * every reader may read attachments. The public OpenAPI route, which needs no table, joins the readers (a pool of its own would start cold nearly every time): its code reads
 * nothing, but its function may.
 */
export function apiFunctionGroups(routes: readonly Route[]): ApiFunctionGroup[] {
  const writes = routes.filter((r) => r.table === 'write');
  const reads = routes.filter((r) => r.table !== 'write');
  return [{ name: 'ApiReads', routes: reads }, { name: 'ApiWrites', routes: writes }].filter((g) => g.routes.length > 0);
}
