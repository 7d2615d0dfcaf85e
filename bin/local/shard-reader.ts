// One pass over a stream's shards per `poll()`: discover shards, fetch, deliver, checkpoint.
// The stream poller serialises the passes; this class keeps the per-shard state between them.
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { toLambdaRecord, type DynamoDBStreamRecord } from './stream-record.js';

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

type BatchHandler = (records: DynamoDBStreamRecord[]) => Promise<{ batchItemFailures: { itemIdentifier: string }[] } | void>;

export type ShardReaderOptions = {
  readonly streamsClient: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly onBatch: BatchHandler;
  readonly batchSize: number;
  readonly maxRetryAttempts: number;
  readonly startingPosition: StartingPosition;
  /**
   * Where an earlier run stopped: per shard, the sequence number of the last record it handled.
   * With them, a listed shard resumes after its checkpoint and one without is read from its start
   * (`startingPosition` then does not apply), so nothing written meanwhile is skipped.
   */
  readonly checkpoints?: Readonly<Record<string, string>>;
  /** Hears each move of a shard's checkpoint: a batch handled, or given up on after its retries. */
  readonly onCheckpoint?: (shardId: string, sequenceNumber: string) => void;
};

type ShardState = {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
  position: StartingPosition;
  iterator: string | undefined;
  /** The last record fetched: an expired iterator is renewed after it. */
  lastSequenceNumber: string | undefined;
  /** GetRecords gave no next iterator: the shard is closed and read to its end. */
  ended: boolean;
  /** Fetched, not yet handled; [0] is the checkpoint. */
  buffer: DynamoDBStreamRecord[];
  /** Failed deliveries that started at buffer[0]. */
  attempts: number;
};

export type PollOutcome = {
  /** Nothing fetched, nothing delivered, no shard found or ended: caught up. */
  readonly quiet: boolean;
  readonly discarded: { shardId: string; records: DynamoDBStreamRecord[]; error?: unknown }[];
  /** What failed while reading shards (GetRecords, GetShardIterator); those shards are tried again next poll. */
  readonly errors: unknown[];
};

export class ShardReader {
  private readonly shards = new Map<string, ShardState>();
  private discovered = false;

  constructor(private readonly options: ShardReaderOptions) {}

  async poll(): Promise<PollOutcome> {
    let quiet = await this.discoverShards();
    const discarded: PollOutcome['discarded'] = [];
    const errors: unknown[] = [];
    for (const shard of this.shards.values()) {
      if (isFinished(shard) || !this.isParentFinished(shard)) continue;
      try {
        if (await this.fetch(shard)) quiet = false;
      } catch (error) {
        // One shard's failure must not hold the others back (nor lose what they discarded).
        errors.push(error);
        quiet = false;
      }
      if (shard.buffer.length > 0) {
        quiet = false;
        const lost = await this.deliver(shard);
        if (lost) discarded.push(lost);
      }
    }
    return { quiet, discarded, errors };
  }

  private async discoverShards(): Promise<boolean> {
    const { streamsClient, streamArn } = this.options;
    const listed: Shard[] = [];
    let after: string | undefined;
    do {
      const { StreamDescription: stream } = await streamsClient.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: after }),
      );
      listed.push(...(stream?.Shards ?? []));
      after = stream?.LastEvaluatedShardId;
    } while (after);

    let quiet = true;
    for (const { ShardId: shardId, ParentShardId: parentShardId, SequenceNumberRange: range } of listed) {
      if (!shardId || this.shards.has(shardId)) continue;
      // LATEST applies to the shards open at start only; a closed one has nothing new, a child shard
      // found later is read from its start (so nothing written after start is missed), as Lambda does.
      const atStart = !this.discovered;
      const resume = atStart && this.options.checkpoints !== undefined;
      const skip = atStart && !resume && this.options.startingPosition === 'LATEST' && range?.EndingSequenceNumber !== undefined;
      const position = atStart && !resume ? this.options.startingPosition : 'TRIM_HORIZON';
      this.shards.set(shardId, {
        shardId, parentShardId, position, iterator: undefined, lastSequenceNumber: resume ? this.options.checkpoints?.[shardId] : undefined,
        ended: skip, buffer: [], attempts: 0,
      });
      quiet &&= skip;
    }
    // Shards trimmed from the stream (24 h) and read to their end are forgotten.
    const listedIds = new Set(listed.map((s) => s.ShardId));
    for (const [id, shard] of this.shards) if (!listedIds.has(id) && isFinished(shard)) this.shards.delete(id);
    this.discovered = true;
    return quiet;
  }

  /** A child shard waits until its parent is read to the end, so a key's records stay in order. */
  private isParentFinished(shard: ShardState): boolean {
    const parent = shard.parentShardId === undefined ? undefined : this.shards.get(shard.parentShardId);
    return parent === undefined || isFinished(parent);
  }

  /** Tops the buffer up to a batch; true when it fetched records or found the shard's end. */
  private async fetch(shard: ShardState): Promise<boolean> {
    const room = this.options.batchSize - shard.buffer.length;
    if (shard.ended || room <= 0) return false;
    for (let renewed = false; ; renewed = true) {
      shard.iterator ??= await this.iteratorFor(shard);
      try {
        const result = await this.options.streamsClient.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: room }));
        const records = (result.Records ?? []).map((r) => toLambdaRecord(r, this.options.streamArn));
        shard.buffer.push(...records);
        shard.lastSequenceNumber = records.at(-1)?.dynamodb.SequenceNumber ?? shard.lastSequenceNumber;
        shard.iterator = result.NextShardIterator;
        shard.ended = result.NextShardIterator === undefined || result.NextShardIterator === null;
        return records.length > 0 || shard.ended;
      } catch (error) {
        const name = (error as Error).name;
        if (renewed || (name !== 'ExpiredIteratorException' && name !== 'TrimmedDataAccessException')) throw error;
        // An iterator lives 15 minutes; after a trim, what was next is gone: restart at the horizon.
        if (name === 'TrimmedDataAccessException') {
          shard.position = 'TRIM_HORIZON';
          shard.lastSequenceNumber = undefined;
        }
        shard.iterator = undefined;
      }
    }
  }

  private async iteratorFor(shard: ShardState): Promise<string | undefined> {
    const after = shard.lastSequenceNumber;
    const { ShardIterator: iterator } = await this.options.streamsClient.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shard.shardId,
        ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: after } : { ShardIteratorType: shard.position }),
      }),
    );
    return iterator;
  }

  /** Hands one batch to the handler and moves the checkpoint; returns what it had to give up on. */
  private async deliver(shard: ShardState): Promise<PollOutcome['discarded'][number] | undefined> {
    const batch = shard.buffer.slice(0, this.options.batchSize);
    let failedAt: number;
    let error: unknown;
    try {
      failedAt = firstFailure(batch, await this.options.onBatch(batch));
    } catch (thrown) {
      [failedAt, error] = [0, thrown];
    }
    if (failedAt === batch.length) {
      this.checkpoint(shard, shard.buffer.splice(0, batch.length));
      shard.attempts = 0;
      return undefined;
    }
    // ReportBatchItemFailures: the records before the first failure are done; it and every later
    // record of the shard come again. An unknown identifier fails the whole batch, as in Lambda.
    this.checkpoint(shard, shard.buffer.splice(0, failedAt));
    shard.attempts = failedAt > 0 ? 1 : shard.attempts + 1;
    if (shard.attempts <= this.options.maxRetryAttempts) return undefined;
    const records = shard.buffer.splice(0, batch.length - failedAt);
    shard.attempts = 0;
    this.checkpoint(shard, records); // handed to the on-failure hook: not to be delivered again
    return { shardId: shard.shardId, records, ...(error === undefined ? {} : { error }) };
  }

  private checkpoint(shard: ShardState, done: DynamoDBStreamRecord[]): void {
    const last = done.at(-1)?.dynamodb.SequenceNumber;
    if (last !== undefined) this.options.onCheckpoint?.(shard.shardId, last);
  }
}

const isFinished = (shard: ShardState): boolean => shard.ended && shard.buffer.length === 0;

/** The index of the first failed record of the batch; batch.length when none failed. */
const firstFailure = (batch: DynamoDBStreamRecord[], response: { batchItemFailures: { itemIdentifier: string }[] } | void): number => {
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return batch.length;
  const positions = failures.map((f) => batch.findIndex((r) => r.dynamodb.SequenceNumber === f.itemIdentifier));
  return positions.includes(-1) ? 0 : Math.min(...positions);
};
