import { S3Client } from '@aws-sdk/client-s3';
import { S3IndexObject } from '../../adapters/search/index-store.js';
import { indexReader, type IndexReader } from '../../adapters/search/index-reader.js';

import { ARTICLE_INDEX_KEY } from '../../adapters/search/index-key.js';

export { ARTICLE_INDEX_KEY };
const DEFAULT_REFRESH_SECONDS = 10;

/**
 * The search function's index in S3 (KB_INDEX_BUCKET), built on its first search: only the
 * search route needs the bucket, so the other routes sharing the wiring never read it.
 */
export function liveArticleIndex(env: Record<string, string | undefined>): IndexReader {
  let reader: IndexReader | null = null;
  const make = (): IndexReader => {
    const bucket = env.KB_INDEX_BUCKET;
    if (!bucket) throw new Error('invalid runtime configuration: KB_INDEX_BUCKET is not set');
    const refreshSeconds = Number(env.KB_INDEX_REFRESH_SECONDS ?? DEFAULT_REFRESH_SECONDS);
    return indexReader(new S3IndexObject(new S3Client({}), bucket, ARTICLE_INDEX_KEY), Number.isFinite(refreshSeconds) ? refreshSeconds * 1000 : DEFAULT_REFRESH_SECONDS * 1000);
  };
  return { current: () => (reader ??= make()).current() };
}
