import { assertMayWorkTickets } from './access.js';
import { ATTACHMENT_LIMITS, UPLOAD_KEPT_SECONDS, UPLOAD_URL_SECONDS } from './attachment-rules.js';
import { readJsonBody } from './body.js';
import { attachmentDeps, type Deps } from './deps.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { CreateUploadRequestSchema } from './schemas.js';
import { liveAttachments, liveUploads } from './attachment-wiring.js';
import { liveNewId, liveNow } from './wiring.js';

/**
 * POST /uploads: a short-lived URL to PUT one file to, signed for its exact type and size, and
 * the upload's id to attach it with (POST /tickets, POST /tickets/{id}/messages). The bytes
 * never pass through the API; what is not attached within a day is removed (the bucket's
 * lifecycle rule on uploads/).
 */
export const makeCreateUploadHandler = (deps: Pick<Deps, 'uploads' | 'attachments' | 'now' | 'newId'>) => authedRoute(async (event, caller) => {
  assertMayWorkTickets(caller); // who may not write on a ticket has nothing to attach
  const req = readJsonBody(event, CreateUploadRequestSchema);
  const { uploads, attachments } = attachmentDeps(deps);
  const id = deps.newId();
  const now = deps.now();
  const key = `uploads/${id}`;
  const signed = await attachments.signUpload(key, { contentType: req.contentType, size: req.size, now, expiresInSeconds: UPLOAD_URL_SECONDS });
  await uploads.put({
    id, ownerSub: caller.sub, fileName: req.fileName, contentType: req.contentType, size: req.size, key, createdAt: now,
    expiresAt: new Date(Date.parse(now) + UPLOAD_KEPT_SECONDS * 1000).toISOString(),
  });
  return json(201, { uploadId: id, uploadUrl: signed.url, uploadHeaders: signed.headers, expiresAt: signed.expiresAt, limits: ATTACHMENT_LIMITS });
});

export const handler = makeCreateUploadHandler({ uploads: liveUploads, ...(liveAttachments ? { attachments: liveAttachments } : {}), now: liveNow, newId: liveNewId });
