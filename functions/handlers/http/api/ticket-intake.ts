// ApiTicketIntake: written by `npm run -s api:entries` from lib/api-layout.ts; do not edit.
// Static imports: the bundle holds these routes and what they use (esbuild tree-shakes them).
import { serveRoutes } from '../router.js';
import * as createTicket from '../create-ticket.js';
import * as addMessage from '../add-message.js';
import * as createUpload from '../create-upload.js';

export const handler = serveRoutes({
  'POST /tickets': createTicket,
  'POST /tickets/{id}/messages': addMessage,
  'POST /uploads': createUpload,
});
