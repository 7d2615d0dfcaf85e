// Reads a table's stream the way Lambda's event source mapping does, for the local stack: per
// shard, in order, parents before children, batches of up to `batchSize`, ReportBatchItemFailures
// semantics, a bounded number of retries, then an on-failure hook. `drain()` lets manual-clock
// tests wait for every record written so far without sleeping on real time.
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ShardReader, type StartingPosition } from './shard-reader.js';
import type { DynamoDBStreamRecord } from './stream-record.js';

export type { DynamoDBStreamRecord, LambdaAttributeValue } from './stream-record.js';

/** Lambda's `DynamoDBBatchResponse`: the SequenceNumber of each record that failed. */
export type BatchResponse = { batchItemFailures: { itemIdentifier: string }[] };

export type DiscardedBatch = {
  readonly shardId: string;
  readonly records: DynamoDBStreamRecord[];
  /** What the last attempt threw, if it threw rather than reported failures. */
  readonly error?: unknown;
};

export type PollStreamOptions = {
  readonly streamsClient: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly onBatch: (records: DynamoDBStreamRecord[]) => Promise<BatchResponse | void>;
  /** Records per call (Lambda's default for DynamoDB streams: 100). */
  readonly batchSize?: number;
  /** Background polling period (default 250 ms, Lambda polls each shard 4 times a second); 0: only `drain()` delivers. */
  readonly pollIntervalMs?: number;
  /** Retries of a failing batch before it is discarded (default 3); match the CDK mapping's `retryAttempts`. */
  readonly maxRetryAttempts?: number;
  /** Where discarded batches go, like the mapping's on-failure destination; without it, `drain()` rejects (or `onError` hears). */
  readonly onDiscard?: (batch: DiscardedBatch) => Promise<void> | void;
  /** Errors of background polling (default: console.error); `drain()` rejects with them instead. */
  readonly onError?: (error: unknown) => void;
  /** Where shards that exist at start are read from (default TRIM_HORIZON); later shards always from their start. */
  readonly startingPosition?: StartingPosition;
  /** An earlier run's checkpoints (see `onCheckpoint`): resume after them instead of at `startingPosition`. */
  readonly checkpoints?: Readonly<Record<string, string>>;
  /** Hears each shard's checkpoint move (the last record handled or discarded), to be kept for the next run. */
  readonly onCheckpoint?: (shardId: string, sequenceNumber: string) => void;
};

export type StreamPoller = {
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
  /** Resolves once every record written so far (and by the handlers meanwhile) is delivered and handled. */
  drain(): Promise<void>;
};

// A handler that writes to the table on every call would keep the stream busy for ever.
const MAX_DRAIN_POLLS = 10_000;

export const pollStream = (options: PollStreamOptions): StreamPoller => {
  const onError = options.onError ?? ((error: unknown) => console.error('stream poller:', error));
  const reader = new ShardReader({
    streamsClient: options.streamsClient,
    streamArn: options.streamArn,
    onBatch: options.onBatch,
    batchSize: options.batchSize ?? 100,
    maxRetryAttempts: options.maxRetryAttempts ?? 3,
    startingPosition: options.startingPosition ?? 'TRIM_HORIZON',
    ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
    ...(options.onCheckpoint ? { onCheckpoint: options.onCheckpoint } : {}),
  });

  // One poll at a time, whether the background loop or drain() asks for it.
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const result = lock.then(run);
    lock = result.catch(() => undefined);
    return result;
  };
  // Discarded batches nobody takes (no onDiscard): drain() rejects with them, or else the
  // background loop reports them to onError; each exactly once.
  const unclaimed: DiscardedBatch[] = [];
  const poll = () =>
    exclusive(async () => {
      const outcome = await reader.poll();
      for (const batch of outcome.discarded) {
        if (options.onDiscard) await options.onDiscard(batch);
        else unclaimed.push(batch);
      }
      if (outcome.errors.length > 0) {
        throw outcome.errors.length === 1 ? outcome.errors[0] : new AggregateError(outcome.errors, 'stream poller: shard reads failed');
      }
      return outcome.quiet;
    });

  let stopped = false;
  let wake: () => void = () => undefined;
  const background = async () => {
    const intervalMs = options.pollIntervalMs ?? 250;
    if (intervalMs <= 0) return;
    while (!stopped) {
      try {
        await poll();
      } catch (error) {
        onError(error);
      }
      unclaimed.splice(0).forEach((batch) => onError(discardError(batch)));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  };
  const running = background();

  return {
    async stop() {
      stopped = true;
      wake();
      await running;
      await lock;
    },
    async drain() {
      for (let polls = 0; ; polls++) {
        if (stopped) throw new Error('stream poller: drain() after stop()');
        if (polls >= MAX_DRAIN_POLLS) throw new Error(`stream poller: not quiet after ${MAX_DRAIN_POLLS} polls`);
        if (await poll()) break;
      }
      const lost = unclaimed.splice(0);
      if (lost.length > 0) throw new AggregateError(lost.map(discardError), 'stream poller: records discarded after retries');
    },
  };
};

const discardError = (batch: DiscardedBatch): Error =>
  new Error(
    `discarded ${batch.records.length} record(s) of ${batch.shardId} from ${batch.records[0]?.dynamodb.SequenceNumber}`,
    { cause: batch.error },
  );
