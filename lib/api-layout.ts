// Which Lambda function serves which HTTP route (README "Layout of the API functions").
// bench/coldstart.ts models the alternatives; this is the layout deployed. Each group's entry file,
// functions/handlers/http/api/<group>.ts, imports exactly its routes' modules (`npm run -s
// api:entries` writes them from this file; a test fails when one is stale), so a function's bundle
// holds its routes and what they use, nothing else.
import type { Route } from '../functions/handlers/http/routes.js';

export type ApiFunctionGroup = {
  /** PascalCase, part of the construct id. */
  readonly name: string;
  /** kebab-case: the entry file functions/handlers/http/api/<file>.ts. */
  readonly file: string;
  readonly routes: readonly Route[];
};

type Area = 'Ticket' | 'Organisation' | 'Knowledge' | 'Docs';

/** The writers that take files (uploads, attaching them): they alone hold the attachment bucket's write grants (SupportApi.grantAttachments). */
const INTAKE = new Set(['create-ticket', 'add-message', 'create-upload']);

/** The part of the desk a route belongs to, by its path: what its code loads (bundle size, cold start). */
function areaOf(route: Route): Area {
  if (route.path === '/openapi.json') return 'Docs';
  if (route.path.startsWith('/articles')) return 'Knowledge';
  if (route.path.startsWith('/organisations') || route.path.startsWith('/reports')) return 'Organisation';
  return 'Ticket'; // /tickets (linking an article to a ticket included), /queue, /policy, /calendar, /uploads
}

/**
 * One function per part of the desk and set of grants. Routes that write the table share a
 * function apart from those that only read it, so no route holds a table grant it would not
 * hold alone, with one exception: the knowledge base's token-optional routes (search, reading an
 * article, feedback on it) share one function, since reading an article counts the view (a
 * write) and they all verify an optional token (aws-jwt-verify); the search therefore may write
 * the table. The attachment routes' object grants (SupportApi.grantAttachments) are shared within
 * a function. Parts apart keep each bundle to what its routes use: the ticket routes load the SLA
 * calendar, the organisation routes billing and reports, the knowledge base's writers Markdown
 * and its readers the search index; the OpenAPI document, which needs every schema and no table,
 * has a function of its own. The ticket writers that take files (opening a ticket, replying,
 * uploading) are apart from the other ticket writers: they alone load the upload checks and the
 * S3 client and hold the bucket's grants.
 */
export function apiFunctionGroups(routes: readonly Route[]): ApiFunctionGroup[] {
  const groups = new Map<string, { name: string; file: string; routes: Route[] }>();
  for (const route of routes) {
    const area = areaOf(route);
    const role = area === 'Docs' ? '' : area === 'Knowledge' ? (route.tokenOptional ? 'Readers' : 'Writers')
      : INTAKE.has(route.entry) ? 'Intake' : route.table === 'write' ? 'Writes' : 'Reads';
    const name = `Api${area}${role}`;
    const file = `${area}${role ? `-${role}` : ''}`.toLowerCase();
    const group = groups.get(name) ?? { name, file, routes: [] };
    group.routes.push(route);
    groups.set(name, group);
  }
  return [...groups.values()];
}

/** Where an entry file imports from: by default the files beside functions/handlers/http/api/. */
export type EntryImports = { readonly router: string; readonly route: (entry: string) => string };
const BESIDE: EntryImports = { router: '../router.js', route: (entry) => `../${entry}.js` };

/** The source of a group's entry file (functions/handlers/http/api/<file>.ts; bench:coldstart writes its alternatives' with absolute imports). */
export function apiEntrySource(group: ApiFunctionGroup, imports: EntryImports = BESIDE): string {
  const id = (entry: string) => entry.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  return [
    `// ${group.name}: written by \`npm run -s api:entries\` from lib/api-layout.ts; do not edit.`,
    `// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).`,
    `import { serveRoutes } from '${imports.router}';`,
    ...group.routes.map((r) => `import * as ${id(r.entry)} from '${imports.route(r.entry)}';`),
    '',
    `export const handler = serveRoutes({`,
    ...group.routes.map((r) => `  '${r.method} ${r.path}': ${id(r.entry)},`),
    `});`,
    '',
  ].join('\n');
}
