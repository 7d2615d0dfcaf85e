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
  'list-tickets': listTickets, // GET /tickets
  'get-ticket': getTicket, // GET /tickets/{id}
  'list-work': listWork, // GET /tickets/{id}/work
  'get-queue': getQueue, // GET /queue
  'get-policy': getPolicy, // GET /policy
  'get-calendar': getCalendar, // GET /calendar
  'get-upload-limits': getUploadLimits, // GET /uploads/limits
  'get-attachment': getAttachment, // GET /tickets/{id}/attachments/{attachmentId}
});
