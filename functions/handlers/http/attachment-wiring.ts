import type { AttachmentStorage } from '../../adapters/attachment-storage.js';
import { DynamoUploadStore } from '../../adapters/upload-store.js';
import type { Deps } from './deps.js';
import { liveClient, liveConfig, liveDeps } from './wiring.js';

/**
 * The attachment bucket through the SDK, loaded on first use: opening a ticket or replying
 * without files (most requests) never evaluates the S3 client or its presigner at a cold start.
 */
function lazyS3Storage(bucket: string): AttachmentStorage {
  let real: Promise<AttachmentStorage> | undefined;
  const load = () => (real ??= Promise.all([import('@aws-sdk/client-s3'), import('../../adapters/attachment-storage.js')])
    .then(([{ S3Client }, { S3AttachmentStorage }]) => new S3AttachmentStorage(new S3Client({}), bucket)));
  return {
    signUpload: async (...a) => (await load()).signUpload(...a),
    signDownload: async (...a) => (await load()).signDownload(...a),
    head: async (...a) => (await load()).head(...a),
    readStart: async (...a) => (await load()).readStart(...a),
    copy: async (...a) => (await load()).copy(...a),
  };
}

// The live dependencies of the attachment routes (uploads, attaching, downloads).
export const liveAttachmentDeps: Deps = {
  ...liveDeps,
  uploads: new DynamoUploadStore(liveClient, liveConfig.tableName),
  ...(liveConfig.attachmentBucket ? { attachments: lazyS3Storage(liveConfig.attachmentBucket) } : {}),
};
