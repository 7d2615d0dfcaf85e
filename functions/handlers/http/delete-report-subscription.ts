// DELETE /organisations/{id}/report-subscriptions/{email} (R-RPT-1): see report-subscriptions.ts.
import { makeDeleteReportSubscriptionHandler } from './report-subscriptions.js';
import { liveDirectory, liveNow } from './wiring.js';

export { makeDeleteReportSubscriptionHandler };
export const handler = makeDeleteReportSubscriptionHandler({ directory: liveDirectory, now: liveNow });
