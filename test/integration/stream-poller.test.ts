import { DeleteItemCommand, PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pollStream, type DiscardedBatch, type DynamoDBStreamRecord, type PollStreamOptions, type StreamPoller } from '../../bin/local/stream-poller.js';
import { useDynamoDbLocal, type LocalTable } from '../support/dynamodb.js';
import { aStreamRecord, scriptedStream, STREAM_ARN, type ScriptedShard } from '../support/scripted-stream.js';

const db = useDynamoDbLocal();
const pollers: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

type Options = Partial<PollStreamOptions> & Pick<PollStreamOptions, 'onBatch'>;
/** A poller over `table` that delivers only on drain() unless told otherwise. */
const poll = (table: LocalTable, options: Options): StreamPoller => {
  const poller = pollStream({ streamsClient: db.streamsClient, streamArn: table.streamArn, pollIntervalMs: 0, ...options });
  pollers.push(poller);
  return poller;
};

const put = (table: LocalTable, pk: string, extra: Record<string, AttributeValue> = {}) =>
  db.client.send(new PutItemCommand({ TableName: table.tableName, Item: { PK: { S: pk }, SK: { S: 'TICKET' }, ...extra } }));

/** Every call's batch, as the keys it carried. */
const recorder = (respond: (batch: DynamoDBStreamRecord[], call: number) => ReturnType<PollStreamOptions['onBatch']> = async () => undefined) => {
  const calls: string[][] = [];
  const onBatch: PollStreamOptions['onBatch'] = (batch) => {
    calls.push(batch.map((r) => r.dynamodb.Keys?.PK?.S ?? '?'));
    return respond(batch, calls.length);
  };
  return { calls, onBatch };
};

describe('pollStream over DynamoDB Local', () => {
  it('delivers INSERT, MODIFY and REMOVE records shaped as Lambda receives them', async () => {
    const table = await db.newTable();
    const received: DynamoDBStreamRecord[] = [];
    const poller = poll(table, { onBatch: async (batch) => { received.push(...batch); } });
    await put(table, 'TICKET#1', { body: { B: new Uint8Array([104, 105]) }, version: { N: '1' } });
    await db.client.send(new UpdateItemCommand({
      TableName: table.tableName, Key: { PK: { S: 'TICKET#1' }, SK: { S: 'TICKET' } },
      UpdateExpression: 'SET version = :v', ExpressionAttributeValues: { ':v': { N: '2' } },
    }));
    await db.client.send(new DeleteItemCommand({ TableName: table.tableName, Key: { PK: { S: 'TICKET#1' }, SK: { S: 'TICKET' } } }));

    await poller.drain();

    expect(received.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(received[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      eventSourceARN: table.streamArn,
      dynamodb: {
        Keys: { PK: { S: 'TICKET#1' }, SK: { S: 'TICKET' } },
        NewImage: { PK: { S: 'TICKET#1' }, SK: { S: 'TICKET' }, body: { B: 'aGk=' }, version: { N: '1' } },
        StreamViewType: 'NEW_IMAGE',
      },
    });
    expect(typeof received[0]?.dynamodb.ApproximateCreationDateTime).toBe('number');
    expect(received[1]?.dynamodb.NewImage?.version).toEqual({ N: '2' });
    expect(received[2]?.dynamodb.NewImage).toBeUndefined(); // a deletion has no new image
    const sequence = received.map((r) => r.dynamodb.SequenceNumber);
    expect([...sequence].sort()).toEqual(sequence);
  });

  it('redelivers a reported failure and every record after it, not the ones before', async () => {
    const table = await db.newTable();
    const { calls, onBatch } = recorder(async (batch, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: batch[1]!.dynamodb.SequenceNumber }] } : { batchItemFailures: [] });
    const poller = poll(table, { onBatch });
    for (const pk of ['A', 'B', 'C', 'D']) await put(table, pk);

    await poller.drain();

    expect(calls).toEqual([['A', 'B', 'C', 'D'], ['B', 'C', 'D']]);
  });

  it('redelivers the whole batch when the handler throws, and an unknown identifier fails it all', async () => {
    const table = await db.newTable();
    const { calls, onBatch } = recorder(async (_, call) => {
      if (call === 1) throw new Error('SES is down');
      return call === 2 ? { batchItemFailures: [{ itemIdentifier: 'no-such-sequence-number' }] } : undefined;
    });
    const poller = poll(table, { onBatch });
    await put(table, 'A');
    await put(table, 'B');

    await poller.drain();

    expect(calls).toEqual([['A', 'B'], ['A', 'B'], ['A', 'B']]);
  });

  it('after maxRetryAttempts, gives the failed rest of the batch to onDiscard (as Lambda does) and goes on', async () => {
    const table = await db.newTable();
    const discarded: DiscardedBatch[] = [];
    const { calls, onBatch } = recorder(async (batch) => {
      const bad = batch.find((r) => r.dynamodb.Keys?.PK?.S === 'POISON');
      return { batchItemFailures: bad ? [{ itemIdentifier: bad.dynamodb.SequenceNumber }] : [] };
    });
    const poller = poll(table, { onBatch, batchSize: 2, maxRetryAttempts: 2, onDiscard: (batch) => { discarded.push(batch); } });
    for (const pk of ['A', 'POISON', 'C', 'D']) await put(table, pk);

    await poller.drain();

    expect(calls).toEqual([['A', 'POISON'], ['POISON', 'C'], ['POISON', 'C'], ['D']]);
    expect(discarded.map((d) => d.records.map((r) => r.dynamodb.Keys?.PK?.S))).toEqual([['POISON', 'C']]);
  });

  it('rejects drain() when it had to discard records and nobody takes them', async () => {
    const table = await db.newTable();
    const poller = poll(table, { onBatch: async () => { throw new Error('always'); }, maxRetryAttempts: 1 });
    await put(table, 'A');

    await expect(poller.drain()).rejects.toThrow('records discarded after retries');
  });

  it('drains the records the handler itself writes (an outbox that stores what it did)', async () => {
    const table = await db.newTable();
    const { calls, onBatch } = recorder(async (batch) => {
      for (const r of batch) {
        const pk = r.dynamodb.Keys?.PK?.S ?? '';
        if (pk.length < 3) await put(table, `${pk}+`);
      }
    });
    const poller = poll(table, { onBatch });
    await put(table, 'A');

    await poller.drain();

    expect(calls.flat()).toEqual(['A', 'A+', 'A++']);
  });

  it('splits what is waiting into batches of batchSize, in order', async () => {
    const table = await db.newTable();
    const { calls, onBatch } = recorder();
    const poller = poll(table, { onBatch, batchSize: 2 });
    for (const pk of ['A', 'B', 'C', 'D', 'E']) await put(table, pk);

    await poller.drain();

    expect(calls).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
  });

  it('from LATEST, skips what was written before the first poll', async () => {
    const table = await db.newTable();
    await put(table, 'OLD');
    const { calls, onBatch } = recorder();
    const poller = poll(table, { onBatch, startingPosition: 'LATEST' });
    await poller.drain(); // the first poll takes its iterators at the tip
    await put(table, 'NEW');

    await poller.drain();

    expect(calls).toEqual([['NEW']]);
  });

  it('resumes after the checkpoints of an earlier run: what that run had not handled comes once, nothing twice', async () => {
    const table = await db.newTable();
    const kept: Record<string, string> = {};
    const first = recorder(async (batch) => (batch.some((r) => r.dynamodb.Keys?.PK?.S === 'B')
      ? { batchItemFailures: [{ itemIdentifier: batch.find((r) => r.dynamodb.Keys?.PK?.S === 'B')!.dynamodb.SequenceNumber! }] }
      : undefined));
    const crashed = poll(table, { onBatch: first.onBatch, maxRetryAttempts: 0, onDiscard: () => undefined, onCheckpoint: (shard, seq) => { kept[shard] = seq; } });
    await put(table, 'A');
    await put(table, 'B');
    await crashed.drain(); // A handled; B failed and was given up on: both behind the checkpoint
    await put(table, 'C'); // written after the last poll of the run that then died
    await crashed.stop();
    expect(first.calls).toEqual([['A', 'B']]);
    expect(Object.keys(kept)).toHaveLength(1);

    const next = recorder();
    const resumed = poll(table, { onBatch: next.onBatch, startingPosition: 'LATEST', checkpoints: { ...kept } });
    await resumed.drain();
    await put(table, 'D');
    await resumed.drain();

    expect(next.calls.flat()).toEqual(['C', 'D']);
  });

  it('with checkpoints, reads a shard that has none from its start', async () => {
    const table = await db.newTable();
    await put(table, 'A');
    const { calls, onBatch } = recorder();
    const poller = poll(table, { onBatch, startingPosition: 'LATEST', checkpoints: { 'shardId-of-a-stream-long-gone': '000000000000000000001' } });

    await poller.drain();

    expect(calls).toEqual([['A']]);
  });

  it('delivers in the background without drain()', async () => {
    const table = await db.newTable();
    const { calls, onBatch } = recorder();
    poll(table, { onBatch, pollIntervalMs: 20 });

    await put(table, 'A');

    await vi.waitFor(() => expect(calls).toEqual([['A']]), { timeout: 5_000, interval: 20 });
  });

  it('stops: drain() after stop() rejects, and nothing is delivered any more', async () => {
    const table = await db.newTable();
    const { calls, onBatch } = recorder();
    const poller = poll(table, { onBatch, pollIntervalMs: 20 });
    await poller.stop();
    await put(table, 'A');

    await expect(poller.drain()).rejects.toThrow('after stop()');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toEqual([]);
  });
});

describe('pollStream over a scripted stream (shard rollover, iterator expiry)', () => {
  it('reads a closed parent shard to its end before its child, whatever order they are listed in', async () => {
    const stream = scriptedStream([
      { shardId: 'child', parentShardId: 'parent', closed: false, records: [aStreamRecord(3, 'C'), aStreamRecord(4, 'D')] },
      { shardId: 'parent', closed: true, records: [aStreamRecord(1, 'A'), aStreamRecord(2, 'B')] },
    ]);
    const { calls, onBatch } = recorder();
    const poller = pollStream({ streamsClient: stream.client, streamArn: STREAM_ARN, onBatch, pollIntervalMs: 0, batchSize: 1 });
    pollers.push(poller);

    await poller.drain();

    expect(calls.flat()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('picks up a shard that appears later and renews an expired iterator after the last record read', async () => {
    const first: ScriptedShard = { shardId: 'first', closed: false, records: [aStreamRecord(1, 'A')] };
    const shards = [first];
    const stream = scriptedStream(shards);
    const { calls, onBatch } = recorder();
    const poller = pollStream({ streamsClient: stream.client, streamArn: STREAM_ARN, onBatch, pollIntervalMs: 0 });
    pollers.push(poller);
    await poller.drain();

    first.records.push(aStreamRecord(2, 'B'));
    first.closed = true; // rolled over: a child shard takes the writes from now on
    shards.push({ shardId: 'second', parentShardId: 'first', closed: false, records: [aStreamRecord(3, 'C')] });
    stream.expireNextIterator();
    await poller.drain();

    expect(calls).toEqual([['A'], ['B'], ['C']]);
    const renewals = stream.mock.commandCalls(GetShardIteratorCommand).map((c) => c.args[0].input).filter((i) => i.ShardId === 'first');
    expect(renewals).toEqual([
      { StreamArn: STREAM_ARN, ShardId: 'first', ShardIteratorType: 'TRIM_HORIZON' },
      { StreamArn: STREAM_ARN, ShardId: 'first', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: aStreamRecord(1, 'A').dynamodb?.SequenceNumber },
    ]);
  });

  it('rejects drain() when a shard read fails, and the next drain() delivers what was missed', async () => {
    const stream = scriptedStream([{ shardId: 'only', closed: false, records: [aStreamRecord(1, 'A')] }]);
    const { calls, onBatch } = recorder();
    const poller = pollStream({ streamsClient: stream.client, streamArn: STREAM_ARN, onBatch, pollIntervalMs: 0 });
    pollers.push(poller);
    stream.failNextGetRecords(new Error('connection reset'));

    await expect(poller.drain()).rejects.toThrow('connection reset');
    await poller.drain();

    expect(calls).toEqual([['A']]);
  });
});
