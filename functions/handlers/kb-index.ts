// The knowledge base's index builder (design §Knowledge base): fed by the table's stream, filtered
// to articles that are published or withdrawn, it rebuilds the one index object in S3.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoArticleStore, type ArticleStore } from '../adapters/article-store.js';
import { rebuildIndexFor, type ArticleCue } from '../adapters/search/build-index.js';
import { S3Bucket } from '../adapters/s3.js';
import { S3IndexObject, type IndexObjectStore } from '../adapters/search/index-store.js';
import { ARTICLE_INDEX_KEY } from './http/article-index-wiring.js';
import { jsonLog, type Log } from './log.js';

export type KbIndexDeps = { articles: Pick<ArticleStore, 'list' | 'fillRendered'>; store: IndexObjectStore; now: () => string; log?: Log };

/** The cue a stream record carries: an article head item (INSERT or MODIFY) now published or withdrawn; null for anything else. */
export function articleCueOf(record: Pick<DynamoDBRecord, 'eventName' | 'dynamodb'>): ArticleCue | null {
  const image = record.dynamodb?.NewImage;
  if (record.eventName === 'REMOVE' || image?.entity?.S !== 'article') return null;
  const status = image.status?.S;
  if (status !== 'published' && status !== 'withdrawn') return null;
  const id = image.PK?.S?.replace(/^ARTICLE#/, '');
  const version = Number(image.version?.N);
  return id && Number.isInteger(version) ? { id, version } : null;
}

/** One rebuild per batch however many articles it names; a redelivered batch is built once (rebuildIndexFor). */
export const makeKbIndexHandler = (deps: KbIndexDeps) => async (event: DynamoDBStreamEvent): Promise<void> => {
  const cues = event.Records.flatMap((r) => articleCueOf(r) ?? []);
  if (cues.length === 0) return;
  const outcome = await rebuildIndexFor(cues, deps);
  (deps.log ?? jsonLog)('info', `knowledge base index ${outcome}`, { articles: cues.map((c) => `${c.id}@${c.version}`) });
};

const live = (): KbIndexDeps => {
  const tableName = process.env.TABLE_NAME;
  const bucket = process.env.KB_INDEX_BUCKET;
  if (!tableName || !bucket) throw new Error('invalid runtime configuration: TABLE_NAME and KB_INDEX_BUCKET are required');
  return {
    articles: new DynamoArticleStore(new DynamoDBClient({}), tableName),
    store: new S3IndexObject(new S3Bucket(bucket), ARTICLE_INDEX_KEY),
    now: () => new Date().toISOString(),
  };
};

let liveHandler: ReturnType<typeof makeKbIndexHandler> | undefined;
// Built on the first event, not at import: the local stack and tests import this module for its factory.
export const handler = (event: DynamoDBStreamEvent): Promise<void> => (liveHandler ??= makeKbIndexHandler(live()))(event);
