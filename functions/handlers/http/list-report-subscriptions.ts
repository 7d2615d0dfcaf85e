// GET /organisations/{id}/report-subscriptions (R-RPT-1): see report-subscriptions.ts.
import { makeListReportSubscriptionsHandler } from './report-subscriptions.js';
import { liveDirectory, liveNow } from './wiring.js';

export { makeListReportSubscriptionsHandler };
export const handler = makeListReportSubscriptionsHandler({ directory: liveDirectory, now: liveNow });
