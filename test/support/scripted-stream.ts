// A DynamoDB Streams API scripted in memory (through aws-sdk-client-mock) for what DynamoDB Local
// cannot be made to do on demand: it rolls a shard over only every 4 hours, and its iterators
// expire after 15 minutes.
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { mockClient } from 'aws-sdk-client-mock';

export type ScriptedShard = { shardId: string; parentShardId?: string; closed: boolean; records: _Record[] };

export const STREAM_ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/scripted/stream/2026-06-07T05:30:00.000';

/** A stream record for key `pk`; sequence numbers are zero-padded so they sort as strings. */
export const aStreamRecord = (sequence: number, pk: string): _Record => ({
  eventID: `event-${sequence}`,
  eventName: 'INSERT',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'ddblocal',
  dynamodb: {
    Keys: { PK: { S: pk }, SK: { S: 'TICKET' } },
    NewImage: { PK: { S: pk }, SK: { S: 'TICKET' } },
    SequenceNumber: String(sequence).padStart(21, '0'),
    SizeBytes: 20,
    StreamViewType: 'NEW_IMAGE',
  },
});

/** A streams client over `shards` (listed in the given order, read afresh on every call); the next GetRecords can be made to fail. */
export const scriptedStream = (shards: ScriptedShard[]) => {
  const client = new DynamoDBStreamsClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const mock = mockClient(client); // this instance only: the real clients of the file stay real
  let failure: Error | undefined;
  const shard = (id: string | undefined) => {
    const found = shards.find((s) => s.shardId === id);
    if (!found) throw new Error(`unknown shard ${id}`);
    return found;
  };

  mock.on(DescribeStreamCommand).callsFake(() => ({
    StreamDescription: {
      StreamArn: STREAM_ARN,
      Shards: shards.map((s) => ({
        ShardId: s.shardId,
        ParentShardId: s.parentShardId,
        SequenceNumberRange: {
          StartingSequenceNumber: s.records[0]?.dynamodb?.SequenceNumber ?? '0',
          EndingSequenceNumber: s.closed ? s.records.at(-1)?.dynamodb?.SequenceNumber : undefined,
        },
      })),
    },
  }));
  mock.on(GetShardIteratorCommand).callsFake((input: GetShardIteratorCommand['input']) => {
    const { records } = shard(input.ShardId);
    const position =
      input.ShardIteratorType === 'TRIM_HORIZON' ? 0
      : input.ShardIteratorType === 'LATEST' ? records.length
      : records.findIndex((r) => r.dynamodb?.SequenceNumber === input.SequenceNumber) + (input.ShardIteratorType === 'AFTER_SEQUENCE_NUMBER' ? 1 : 0);
    return { ShardIterator: `${input.ShardId}|${position}` };
  });
  mock.on(GetRecordsCommand).callsFake((input: GetRecordsCommand['input']) => {
    if (failure) {
      const error = failure;
      failure = undefined;
      throw error;
    }
    const [shardId, at] = String(input.ShardIterator).split('|');
    const { records, closed } = shard(shardId);
    const from = Number(at);
    const page = records.slice(from, from + (input.Limit ?? 1000));
    const next = from + page.length;
    return { Records: page, NextShardIterator: closed && next === records.length ? undefined : `${shardId}|${next}` };
  });

  const failNextGetRecords = (error: Error) => { failure = error; };
  return {
    client,
    mock,
    failNextGetRecords,
    expireNextIterator: () => failNextGetRecords(new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} })),
  };
};
