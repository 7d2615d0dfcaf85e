// GET /organisations/{id}/report-subscriptions (R-RPT-1): see report-subscriptions.ts.
import { makeListReportSubscriptionsHandler } from './report-subscriptions.js';
import { liveDeps } from './wiring.js';

export { makeListReportSubscriptionsHandler };
export const handler = makeListReportSubscriptionsHandler(liveDeps);
