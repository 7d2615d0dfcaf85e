// ApiTicketWrites: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as updateTicket from '../update-ticket.js';
import * as changeStatus from '../change-status.js';
import * as decideResolution from '../decide-resolution.js';
import * as escalateTicket from '../escalate-ticket.js';
import * as logWork from '../log-work.js';
import * as linkArticle from '../link-article.js';

export const handler = serveRoutes({
  'PATCH /tickets/{id}': updateTicket,
  'POST /tickets/{id}/transitions': changeStatus,
  'POST /tickets/{id}/resolution': decideResolution,
  'POST /tickets/{id}/escalations': escalateTicket,
  'POST /tickets/{id}/work': logWork,
  'POST /tickets/{id}/articles': linkArticle,
});
