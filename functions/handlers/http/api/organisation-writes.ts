// ApiOrganisationWrites: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as putOrganisation from '../put-organisation.js';
import * as putContact from '../put-contact.js';
import * as deleteContact from '../delete-contact.js';
import * as closeStatement from '../close-statement.js';
import * as emailReport from '../email-report.js';
import * as putReportSubscription from '../put-report-subscription.js';
import * as deleteReportSubscription from '../delete-report-subscription.js';

export const handler = serveRoutes({
  'PUT /organisations/{id}': putOrganisation,
  'PUT /organisations/{id}/contacts/{email}': putContact,
  'DELETE /organisations/{id}/contacts/{email}': deleteContact,
  'POST /organisations/{id}/statements/{month}/close': closeStatement,
  'POST /organisations/{id}/report-emails': emailReport,
  'PUT /organisations/{id}/report-subscriptions/{email}': putReportSubscription,
  'DELETE /organisations/{id}/report-subscriptions/{email}': deleteReportSubscription,
});
