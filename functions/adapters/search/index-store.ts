// Where the one index object lives: S3 in AWS, a file in the local stack's data folder. A reader
// asks with the ETag it holds, so an unchanged index costs no transfer and no parse.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { S3Error, type S3Bucket } from '../s3.js';

export type StoredIndex = { etag: string; bytes: Buffer };

export interface IndexObjectStore {
  /** The object, or 'unchanged' when its ETag is still `ifNoneMatch`, or null when none was built yet. */
  read(ifNoneMatch?: string): Promise<StoredIndex | 'unchanged' | null>;
  /** Replaces the object whole (readers see the old one or the new one, never a mix). */
  write(bytes: Buffer): Promise<void>;
}

export class S3IndexObject implements IndexObjectStore {
  constructor(private readonly s3: S3Bucket, private readonly key: string) {}

  async read(ifNoneMatch?: string): Promise<StoredIndex | 'unchanged' | null> {
    try {
      const result = await this.s3.getObject(this.key, ifNoneMatch ? { ifNoneMatch } : {});
      return { etag: result.etag ?? '', bytes: result.bytes };
    } catch (error) {
      if (error instanceof S3Error && error.status === 304) return 'unchanged';
      if (error instanceof S3Error && (error.name === 'NoSuchKey' || error.status === 404)) return null;
      throw error;
    }
  }

  async write(bytes: Buffer): Promise<void> {
    await this.s3.putObject(this.key, bytes, 'application/json');
  }
}

/** The same as one file: written beside and renamed over, so a reader never sees half of it. */
export class FileIndexObject implements IndexObjectStore {
  constructor(private readonly path: string) {}

  async read(ifNoneMatch?: string): Promise<StoredIndex | 'unchanged' | null> {
    let etag: string;
    try {
      const s = await stat(this.path);
      etag = `"${s.mtimeMs}-${s.size}-${s.ino}"`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (ifNoneMatch === etag) return 'unchanged';
    return { etag, bytes: await readFile(this.path) };
  }

  async write(bytes: Buffer): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, this.path);
  }
}
