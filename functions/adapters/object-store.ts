// Raw inbound mail and attachments as objects: S3 in AWS, a folder on a laptop (local stack, tests).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Where SES's S3 action left a message: the raw MIME as received. */
export interface RawMailReader {
  read(key: string): Promise<Buffer>;
}

/** Where a ticket's attachments go. */
export interface AttachmentWriter {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
}

/** One bucket read and written through the SDK. */
export class S3Objects implements RawMailReader, AttachmentWriter {
  constructor(private readonly client: S3Client, private readonly bucket: string) {}

  async read(key: string): Promise<Buffer> {
    const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!result.Body) throw new Error(`s3://${this.bucket}/${key} has no body`);
    return Buffer.from(await result.Body.transformToByteArray());
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    // S3 encrypts at rest by default (SSE-S3); the bucket policy, not the caller, decides more.
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }));
  }
}

/** The same in a folder: a key is a relative path under `root`, and may not climb out of it. */
export class FolderObjects implements RawMailReader, AttachmentWriter {
  constructor(private readonly root: string) {}

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async put(key: string, bytes: Buffer, _contentType?: string): Promise<void> { // a file keeps no content type
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }

  /** The file of a key; a key that climbs out of the folder is refused. */
  pathOf(key: string): string {
    const root = resolve(this.root);
    const path = resolve(join(root, key));
    if (!path.startsWith(root + sep)) throw new Error(`object key ${key} leaves ${root}`);
    return path;
  }
}
