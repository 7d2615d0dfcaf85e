// ApiOrganisationReads: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as listOrganisations from '../list-organisations.js';
import * as getOrganisation from '../get-organisation.js';
import * as listContacts from '../list-contacts.js';
import * as getStatement from '../get-statement.js';
import * as getTicketReport from '../get-ticket-report.js';
import * as listReportSubscriptions from '../list-report-subscriptions.js';
import * as getComplianceReport from '../get-compliance-report.js';

export const handler = serveRoutes({
  'GET /organisations': listOrganisations,
  'GET /organisations/{id}': getOrganisation,
  'GET /organisations/{id}/contacts': listContacts,
  'GET /organisations/{id}/statements/{month}': getStatement,
  'GET /organisations/{id}/report': getTicketReport,
  'GET /organisations/{id}/report-subscriptions': listReportSubscriptions,
  'GET /reports/compliance': getComplianceReport,
});
