// PUT /organisations/{id}/report-subscriptions/{email} (R-RPT-1): see report-subscriptions.ts.
import { makePutReportSubscriptionHandler } from './report-subscriptions.js';
import { liveDirectory, liveNow } from './wiring.js';

export { makePutReportSubscriptionHandler };
export const handler = makePutReportSubscriptionHandler({ directory: liveDirectory, now: liveNow });
