// Raw inbound mail and attachments as objects: S3 in AWS, a folder on a laptop (local stack, tests).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { S3Bucket } from './s3.js';

/** Where SES's S3 action left a message: the raw MIME as received. */
export interface RawMailReader {
  read(key: string): Promise<Buffer>;
}

/** Where a ticket's attachments go. */
export interface AttachmentWriter {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /**
   * Objects written for a message whose write did not happen (a duplicate, a failure): tagged
   * `orphan=true`, which the bucket's lifecycle rule expires. Never the objects of a stored message.
   */
  markOrphans?(keys: readonly string[]): Promise<void>;
}

/** The tag the mail bucket's lifecycle rule expires (lib/inbound-mail.ts). */
export const ORPHAN_TAG = { key: 'orphan', value: 'true' } as const;

/** One bucket read and written through signed requests (s3.ts). */
export class S3Objects implements RawMailReader, AttachmentWriter {
  constructor(private readonly s3: S3Bucket) {}

  async read(key: string): Promise<Buffer> {
    return (await this.s3.getObject(key)).bytes;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    // S3 encrypts at rest by default (SSE-S3); the bucket policy, not the caller, decides more.
    await this.s3.putObject(key, bytes, contentType);
  }

  async markOrphans(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.s3.putObjectTagging(key, { [ORPHAN_TAG.key]: ORPHAN_TAG.value })));
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

  /** A folder keeps no tags and nothing expires on a laptop: the orphans are only remembered (the tests read them). */
  readonly orphans = new Set<string>();

  async markOrphans(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.orphans.add(key);
  }

  /** The file of a key; a key that climbs out of the folder is refused. */
  pathOf(key: string): string {
    const root = resolve(this.root);
    const path = resolve(join(root, key));
    if (!path.startsWith(root + sep)) throw new Error(`object key ${key} leaves ${root}`);
    return path;
  }
}
