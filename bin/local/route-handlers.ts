// The handler factory of every route in routes.ts, by entry. Static imports would run each
// module's live wiring before the local stack sets TABLE_NAME, so each is a lazy import (still
// resolved by esbuild and tsc); loadRouteHandlers fails when routes.ts names an entry not here.
import type { Deps } from '../../functions/handlers/http/deps.js';
import type { HttpHandler } from '../../functions/handlers/http/route.js';
import { ROUTES, type Route } from '../../functions/handlers/http/routes.js';

type Factory = (deps: Deps) => Promise<HttpHandler>;

const FACTORIES: Record<string, Factory> = {
  'create-ticket': async (d) => (await import('../../functions/handlers/http/create-ticket.js')).makeCreateTicketHandler(d),
  'list-tickets': async (d) => (await import('../../functions/handlers/http/list-tickets.js')).makeListTicketsHandler(d),
  'get-ticket': async (d) => (await import('../../functions/handlers/http/get-ticket.js')).makeGetTicketHandler(d),
  'update-ticket': async (d) => (await import('../../functions/handlers/http/update-ticket.js')).makeUpdateTicketHandler(d),
  'add-message': async (d) => (await import('../../functions/handlers/http/add-message.js')).makeAddMessageHandler(d),
  'change-status': async (d) => (await import('../../functions/handlers/http/change-status.js')).makeChangeStatusHandler(d),
  'decide-resolution': async (d) => (await import('../../functions/handlers/http/decide-resolution.js')).makeDecideResolutionHandler(d),
  'escalate-ticket': async (d) => (await import('../../functions/handlers/http/escalate-ticket.js')).makeEscalateTicketHandler(d),
  'log-work': async (d) => (await import('../../functions/handlers/http/log-work.js')).makeLogWorkHandler(d),
  'list-work': async (d) => (await import('../../functions/handlers/http/list-work.js')).makeListWorkHandler(d),
  'get-statement': async (d) => (await import('../../functions/handlers/http/get-statement.js')).makeGetStatementHandler(d),
  'close-statement': async (d) => (await import('../../functions/handlers/http/close-statement.js')).makeCloseStatementHandler(d),
  'get-ticket-report': async (d) => (await import('../../functions/handlers/http/get-ticket-report.js')).makeGetTicketReportHandler(d),
  'email-report': async (d) => (await import('../../functions/handlers/http/email-report.js')).makeEmailReportHandler(d),
  'list-report-subscriptions': async (d) => (await import('../../functions/handlers/http/list-report-subscriptions.js')).makeListReportSubscriptionsHandler(d),
  'put-report-subscription': async (d) => (await import('../../functions/handlers/http/put-report-subscription.js')).makePutReportSubscriptionHandler(d),
  'delete-report-subscription': async (d) => (await import('../../functions/handlers/http/delete-report-subscription.js')).makeDeleteReportSubscriptionHandler(d),
  'get-compliance-report': async (d) => (await import('../../functions/handlers/http/get-compliance-report.js')).makeGetComplianceReportHandler(d),
  'list-organisations': async (d) => (await import('../../functions/handlers/http/list-organisations.js')).makeListOrganisationsHandler(d),
  'get-organisation': async (d) => (await import('../../functions/handlers/http/get-organisation.js')).makeGetOrganisationHandler(d),
  'put-organisation': async (d) => (await import('../../functions/handlers/http/put-organisation.js')).makePutOrganisationHandler(d),
  'list-contacts': async (d) => (await import('../../functions/handlers/http/list-contacts.js')).makeListContactsHandler(d),
  'put-contact': async (d) => (await import('../../functions/handlers/http/put-contact.js')).makePutContactHandler(d),
  'delete-contact': async (d) => (await import('../../functions/handlers/http/delete-contact.js')).makeDeleteContactHandler(d),
  'get-openapi': async () => (await import('../../functions/handlers/http/get-openapi.js')).makeGetOpenApiHandler(),
  'create-article': async (d) => (await import('../../functions/handlers/http/create-article.js')).makeCreateArticleHandler(d),
  'search-articles': async (d) => (await import('../../functions/handlers/http/search-articles.js')).makeSearchArticlesHandler(d),
  'get-article': async (d) => (await import('../../functions/handlers/http/get-article.js')).makeGetArticleHandler(d),
  'update-article': async (d) => (await import('../../functions/handlers/http/update-article.js')).makeUpdateArticleHandler(d),
  'publish-article': async (d) => (await import('../../functions/handlers/http/publish-article.js')).makePublishArticleHandler(d),
  'withdraw-article': async (d) => (await import('../../functions/handlers/http/withdraw-article.js')).makeWithdrawArticleHandler(d),
  'article-feedback': async (d) => (await import('../../functions/handlers/http/article-feedback.js')).makeArticleFeedbackHandler(d),
  'link-article': async (d) => (await import('../../functions/handlers/http/link-article.js')).makeLinkArticleHandler(d),
  'get-queue': async (d) => (await import('../../functions/handlers/http/get-queue.js')).makeGetQueueHandler(d),
  'get-policy': async (d) => (await import('../../functions/handlers/http/get-policy.js')).makeGetPolicyHandler(d),
  'get-calendar': async (d) => (await import('../../functions/handlers/http/get-calendar.js')).makeGetCalendarHandler(d),
  'create-upload': async (d) => (await import('../../functions/handlers/http/create-upload.js')).makeCreateUploadHandler(d),
  'get-upload-limits': async () => (await import('../../functions/handlers/http/get-upload-limits.js')).makeGetUploadLimitsHandler(),
  'get-attachment': async (d) => (await import('../../functions/handlers/http/get-attachment.js')).makeGetAttachmentHandler(d),
};

export type MountedRoute = Route & { readonly routeKey: string; readonly pattern: RegExp; readonly names: string[]; readonly handler: HttpHandler };

/** Every route of routes.ts with its handler built on `deps`; TABLE_NAME must be set first. */
export async function loadRouteHandlers(deps: Deps): Promise<MountedRoute[]> {
  return Promise.all(ROUTES.map(async (route) => {
    const factory = FACTORIES[route.entry];
    if (!factory) throw new Error(`local stack: routes.ts names ${route.entry}, which bin/local/route-handlers.ts does not mount`);
    const names: string[] = [];
    // API Gateway syntax: {name} is one path segment.
    const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => { names.push(name); return '([^/]+)'; });
    return { ...route, routeKey: `${route.method} ${route.path}`, pattern: new RegExp(`^${source}$`), names, handler: await factory(deps) };
  }));
}

/** The route for a method and raw path, with its decoded path parameters. */
export function matchRoute(routes: readonly MountedRoute[], method: string, rawPath: string): { route: MountedRoute; pathParameters: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(rawPath);
    if (!m) continue;
    try {
      return { route, pathParameters: Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(m[i + 1]!)])) };
    } catch {
      return null; // a malformed %-escape matches no route
    }
  }
  return null;
}
