import { S3AttachmentStorage } from '../../adapters/attachment-storage.js';
import { S3Bucket } from '../../adapters/s3.js';
import { DynamoUploadStore } from '../../adapters/upload-store.js';
import type { Deps } from './deps.js';
import { liveClient, liveConfig, liveDeps } from './wiring.js';

// The live dependencies of the attachment routes (uploads, attaching, downloads).
export const liveAttachmentDeps: Deps = {
  ...liveDeps,
  uploads: new DynamoUploadStore(liveClient, liveConfig.tableName),
  ...(liveConfig.attachmentBucket ? { attachments: new S3AttachmentStorage(new S3Bucket(liveConfig.attachmentBucket)) } : {}),
};
