import * as z from '../../domain/zod.js';
import { DomainError } from '../../domain/index.js';
import { DOWNLOAD_URL_SECONDS } from './attachment-rules.js';
import { loadTicketFor } from './command.js';
import { attachmentDeps, type Deps } from './deps.js';
import { ticketIdOf } from './params.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { attachmentIdOf, visibleMessages } from './views.js';
import { liveAttachments, liveUploads } from './attachment-wiring.js';
import { liveNow, liveTickets } from './wiring.js';

const AttachmentIdSchema = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^[\w-]{1,64}$/)));

/**
 * GET /tickets/{id}/attachments/{attachmentId}: a short-lived download URL of a file on a message
 * the caller may read (R-TKT-6): an internal note's attachments never reach customers, and any
 * other is answered 404 like a file that is not there. Email attachments are downloaded the same way.
 */
export const makeGetAttachmentHandler = (deps: Pick<Deps, 'tickets' | 'uploads' | 'attachments' | 'now'>) => authedRoute(async (event, caller) => {
  const record = await loadTicketFor(deps.tickets, caller, ticketIdOf(event));
  const wanted = AttachmentIdSchema.safeParse(event.pathParameters?.attachmentId ?? '');
  const found = wanted.success ? visibleMessages(record, caller).flatMap((m) => m.attachments).find((a) => attachmentIdOf(a) === wanted.data) : undefined;
  if (!found) throw new DomainError('not-found', 'attachment not found');
  const signed = await attachmentDeps(deps).attachments.signDownload(found.key, {
    fileName: found.name, contentType: found.contentType, now: deps.now(), expiresInSeconds: DOWNLOAD_URL_SECONDS,
  });
  return json(200, { url: signed.url, fileName: found.name, contentType: found.contentType, size: found.size, expiresAt: signed.expiresAt });
});

export const handler = makeGetAttachmentHandler({ tickets: liveTickets, uploads: liveUploads, ...(liveAttachments ? { attachments: liveAttachments } : {}), now: liveNow });
