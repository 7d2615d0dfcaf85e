import type { IndexReader } from '../../adapters/search/index-reader.js';
import { ARTICLE_INDEX_KEY } from '../../adapters/search/index-key.js';

export { ARTICLE_INDEX_KEY };
const DEFAULT_REFRESH_SECONDS = 10;

/**
 * The search function's index in S3 (KB_INDEX_BUCKET), built on its first search: only the
 * search route needs the bucket, so the other routes sharing the wiring never read it. The S3
 * adapter, MiniSearch and the analyzer are imported then too, not at every route's cold start
 * (routes share functions, lib/api-layout.ts; bench:coldstart).
 */
export function liveArticleIndex(env: Record<string, string | undefined>): IndexReader {
  let reader: Promise<IndexReader> | null = null;
  const make = async (): Promise<IndexReader> => {
    const bucket = env.KB_INDEX_BUCKET;
    if (!bucket) throw new Error('invalid runtime configuration: KB_INDEX_BUCKET is not set');
    const refreshSeconds = Number(env.KB_INDEX_REFRESH_SECONDS ?? DEFAULT_REFRESH_SECONDS);
    const [{ S3Bucket }, { S3IndexObject }, { indexReader }] = await Promise.all([
      import('../../adapters/s3.js'), import('../../adapters/search/index-store.js'), import('../../adapters/search/index-reader.js'),
    ]);
    return indexReader(new S3IndexObject(new S3Bucket(bucket), ARTICLE_INDEX_KEY), Number.isFinite(refreshSeconds) ? refreshSeconds * 1000 : DEFAULT_REFRESH_SECONDS * 1000);
  };
  return { current: async () => (await (reader ??= make())).current() };
}
