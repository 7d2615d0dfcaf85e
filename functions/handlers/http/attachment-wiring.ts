import { S3AttachmentStorage } from '../../adapters/attachment-storage.js';
import { S3Bucket } from '../../adapters/s3.js';
import { DynamoUploadStore } from '../../adapters/upload-store.js';
import type { Deps } from './deps.js';
import { liveClient, liveConfig, liveDirectory, liveNewId, liveNow, livePolicies, liveTickets } from './wiring.js';

// The live dependencies of the attachment routes (uploads, attaching, downloads), each part on its
// own like wiring.ts's, so a route's bundle holds the parts it names.
const { tableName, attachmentBucket } = liveConfig;
export const liveUploads = /* @__PURE__ */ new DynamoUploadStore(liveClient, tableName);
export const liveAttachments = attachmentBucket ? /* @__PURE__ */ new S3AttachmentStorage(/* @__PURE__ */ new S3Bucket(attachmentBucket)) : undefined;

/** What creating a ticket and replying use (attachments included). */
export type TicketWriteDeps = Pick<Deps, 'tickets' | 'directory' | 'policies' | 'now' | 'newId' | 'uploads' | 'attachments'>;

/** Those parts, live: a function, so a bundle without those routes drops it. */
export function liveTicketWriteDeps(): TicketWriteDeps {
  return {
    tickets: liveTickets, directory: liveDirectory, policies: livePolicies, now: liveNow, newId: liveNewId,
    uploads: liveUploads, ...(liveAttachments ? { attachments: liveAttachments } : {}),
  };
}
