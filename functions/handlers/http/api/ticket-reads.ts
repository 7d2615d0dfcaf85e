// ApiTicketReads: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as listTickets from '../list-tickets.js';
import * as getTicket from '../get-ticket.js';
import * as listWork from '../list-work.js';
import * as getQueue from '../get-queue.js';
import * as getPolicy from '../get-policy.js';
import * as getCalendar from '../get-calendar.js';
import * as getUploadLimits from '../get-upload-limits.js';
import * as getAttachment from '../get-attachment.js';

export const handler = serveRoutes({
  'GET /tickets': listTickets,
  'GET /tickets/{id}': getTicket,
  'GET /tickets/{id}/work': listWork,
  'GET /queue': getQueue,
  'GET /policy': getPolicy,
  'GET /calendar': getCalendar,
  'GET /uploads/limits': getUploadLimits,
  'GET /tickets/{id}/attachments/{attachmentId}': getAttachment,
});
