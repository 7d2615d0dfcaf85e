// ApiTicketWrites: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as createTicket from '../create-ticket.js';
import * as updateTicket from '../update-ticket.js';
import * as addMessage from '../add-message.js';
import * as changeStatus from '../change-status.js';
import * as decideResolution from '../decide-resolution.js';
import * as escalateTicket from '../escalate-ticket.js';
import * as logWork from '../log-work.js';
import * as linkArticle from '../link-article.js';
import * as createUpload from '../create-upload.js';

export const handler = serveRoutes({
  'create-ticket': createTicket, // POST /tickets
  'update-ticket': updateTicket, // PATCH /tickets/{id}
  'add-message': addMessage, // POST /tickets/{id}/messages
  'change-status': changeStatus, // POST /tickets/{id}/transitions
  'decide-resolution': decideResolution, // POST /tickets/{id}/resolution
  'escalate-ticket': escalateTicket, // POST /tickets/{id}/escalations
  'log-work': logWork, // POST /tickets/{id}/work
  'link-article': linkArticle, // POST /tickets/{id}/articles
  'create-upload': createUpload, // POST /uploads
});
