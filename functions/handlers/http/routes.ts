// Every HTTP route, once: the CDK stack makes one Lambda function per entry, the local stack
// mounts the same handlers, and the OpenAPI document lists the same paths. Plain data only:
// the CDK app reads it without loading any runtime code.

/** What a route's function may do to the table (least privilege, design §Security). */
export type TableAccess = 'none' | 'read' | 'write';

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string; // API Gateway syntax: /tickets/{id}
  entry: string; // functions/handlers/http/<entry>.ts exports `handler`
  table: TableAccess;
  auth: boolean; // behind the JWT authorizer
  /** With auth: false, a token may still be sent: the function verifies it (optional-auth.ts) and answers anonymous callers too. */
  tokenOptional?: true;
};

export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/tickets', entry: 'create-ticket', table: 'write', auth: true },
  { method: 'GET', path: '/tickets', entry: 'list-tickets', table: 'read', auth: true },
  { method: 'GET', path: '/tickets/{id}', entry: 'get-ticket', table: 'read', auth: true },
  { method: 'PATCH', path: '/tickets/{id}', entry: 'update-ticket', table: 'write', auth: true },
  { method: 'POST', path: '/tickets/{id}/messages', entry: 'add-message', table: 'write', auth: true },
  { method: 'POST', path: '/tickets/{id}/transitions', entry: 'change-status', table: 'write', auth: true },
  { method: 'POST', path: '/tickets/{id}/resolution', entry: 'decide-resolution', table: 'write', auth: true },
  { method: 'POST', path: '/tickets/{id}/escalations', entry: 'escalate-ticket', table: 'write', auth: true },
  { method: 'POST', path: '/tickets/{id}/work', entry: 'log-work', table: 'write', auth: true },
  { method: 'GET', path: '/tickets/{id}/work', entry: 'list-work', table: 'read', auth: true },
  { method: 'GET', path: '/organisations', entry: 'list-organisations', table: 'read', auth: true },
  { method: 'GET', path: '/organisations/{id}', entry: 'get-organisation', table: 'read', auth: true },
  { method: 'PUT', path: '/organisations/{id}', entry: 'put-organisation', table: 'write', auth: true },
  { method: 'GET', path: '/organisations/{id}/contacts', entry: 'list-contacts', table: 'read', auth: true },
  { method: 'PUT', path: '/organisations/{id}/contacts/{email}', entry: 'put-contact', table: 'write', auth: true },
  { method: 'DELETE', path: '/organisations/{id}/contacts/{email}', entry: 'delete-contact', table: 'write', auth: true },
  { method: 'GET', path: '/organisations/{id}/statements/{month}', entry: 'get-statement', table: 'read', auth: true },
  { method: 'POST', path: '/organisations/{id}/statements/{month}/close', entry: 'close-statement', table: 'write', auth: true },
  { method: 'GET', path: '/organisations/{id}/report', entry: 'get-ticket-report', table: 'read', auth: true },
  { method: 'POST', path: '/organisations/{id}/report-emails', entry: 'email-report', table: 'write', auth: true },
  { method: 'GET', path: '/organisations/{id}/report-subscriptions', entry: 'list-report-subscriptions', table: 'read', auth: true },
  { method: 'PUT', path: '/organisations/{id}/report-subscriptions/{email}', entry: 'put-report-subscription', table: 'write', auth: true },
  { method: 'DELETE', path: '/organisations/{id}/report-subscriptions/{email}', entry: 'delete-report-subscription', table: 'write', auth: true },
  { method: 'GET', path: '/reports/compliance', entry: 'get-compliance-report', table: 'read', auth: true },
  { method: 'GET', path: '/openapi.json', entry: 'get-openapi', table: 'none', auth: false },
  // The knowledge base (R-KB-1, issue 11): public articles are read and searched without a token.
  { method: 'POST', path: '/articles', entry: 'create-article', table: 'write', auth: true },
  { method: 'GET', path: '/articles', entry: 'search-articles', table: 'read', auth: false, tokenOptional: true },
  { method: 'GET', path: '/articles/{id}', entry: 'get-article', table: 'write', auth: false, tokenOptional: true }, // write: a reader's view is counted
  { method: 'PUT', path: '/articles/{id}', entry: 'update-article', table: 'write', auth: true },
  { method: 'POST', path: '/articles/{id}/publish', entry: 'publish-article', table: 'write', auth: true },
  { method: 'POST', path: '/articles/{id}/withdraw', entry: 'withdraw-article', table: 'write', auth: true },
  { method: 'POST', path: '/articles/{id}/feedback', entry: 'article-feedback', table: 'write', auth: false, tokenOptional: true },
  { method: 'POST', path: '/tickets/{id}/articles', entry: 'link-article', table: 'write', auth: true },
  // The agent desk (issue 10): the queue by next deadline, the policy and calendar its countdown needs.
  { method: 'GET', path: '/queue', entry: 'get-queue', table: 'read', auth: true },
  { method: 'GET', path: '/policy', entry: 'get-policy', table: 'none', auth: true },
  { method: 'GET', path: '/calendar', entry: 'get-calendar', table: 'none', auth: true },
  { method: 'POST', path: '/uploads', entry: 'create-upload', table: 'write', auth: true },
  { method: 'GET', path: '/uploads/limits', entry: 'get-upload-limits', table: 'none', auth: false },
  { method: 'GET', path: '/tickets/{id}/attachments/{attachmentId}', entry: 'get-attachment', table: 'read', auth: true },
];

/**
 * The header CloudFront adds to every request it passes to the API (Portal.serveApi), holding a
 * secret the API's functions also know (env ORIGIN_VERIFY): where it is set, a request that
 * reached the execute-api URL directly, around the web ACL's rate rules, is refused (router.ts).
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** The headers a browser may send the API across origins (CORS), and those it may read: the ETag for If-Match, a new resource's Location, and Date, from which the desk's countdowns take the API's clock. */
export const CORS_ALLOW_HEADERS: readonly string[] = ['authorization', 'content-type', 'if-match', 'idempotency-key'];
export const CORS_EXPOSE_HEADERS: readonly string[] = ['etag', 'location', 'date'];
