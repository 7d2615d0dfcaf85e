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
  'list-organisations': listOrganisations, // GET /organisations
  'get-organisation': getOrganisation, // GET /organisations/{id}
  'list-contacts': listContacts, // GET /organisations/{id}/contacts
  'get-statement': getStatement, // GET /organisations/{id}/statements/{month}
  'get-ticket-report': getTicketReport, // GET /organisations/{id}/report
  'list-report-subscriptions': listReportSubscriptions, // GET /organisations/{id}/report-subscriptions
  'get-compliance-report': getComplianceReport, // GET /reports/compliance
});
