import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultPolicy } from '../../domain/index.js';
import { DynamoDirectoryStore } from '../../adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../../adapters/dynamo-ticket-store.js';
import { DynamoReportRequests } from '../../adapters/report-requests.js';
import type { AttachmentStorage } from '../../adapters/attachment-storage.js';
import { DynamoUploadStore } from '../../adapters/upload-store.js';
import { readRuntimeConfig } from './config.js';
import { policyRegistry, type Deps } from './deps.js';

// The live dependencies of every table-backed route, built once per cold start outside any
// handler (style §3). Importing a route module therefore needs TABLE_NAME set: tests and the
// local stack call the make…Handler factories with their own deps, after setting it.
const config = readRuntimeConfig(process.env);
const client = new DynamoDBClient({});

/**
 * The attachment bucket through the SDK, loaded on first use: only the attachment routes have a
 * bucket, and the other routes' cold starts do not evaluate the S3 client.
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

export const liveDeps: Deps = {
  tickets: new DynamoTicketStore(client, config.tableName),
  directory: new DynamoDirectoryStore(client, config.tableName),
  policies: policyRegistry(defaultPolicy),
  now: () => new Date().toISOString(),
  newId: randomUUID,
  reportRequests: new DynamoReportRequests(client, config.tableName),
  uploads: new DynamoUploadStore(client, config.tableName),
  ...(config.attachmentBucket ? { attachments: lazyS3Storage(config.attachmentBucket) } : {}),
};
