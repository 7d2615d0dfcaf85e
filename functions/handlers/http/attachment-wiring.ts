import { S3Client } from '@aws-sdk/client-s3';
import { S3AttachmentStorage } from '../../adapters/attachment-storage.js';
import { DynamoUploadStore } from '../../adapters/upload-store.js';
import type { Deps } from './deps.js';
import { liveClient, liveConfig, liveDeps } from './wiring.js';

// The live dependencies of the attachment routes only (uploads, attaching, downloads): the S3
// client is bundled into those four functions, not into every route's cold start.
export const liveAttachmentDeps: Deps = {
  ...liveDeps,
  uploads: new DynamoUploadStore(liveClient, liveConfig.tableName),
  ...(liveConfig.attachmentBucket ? { attachments: new S3AttachmentStorage(new S3Client({}), liveConfig.attachmentBucket) } : {}),
};
