// Proves that DynamoDB Local does the parts of DynamoDB the design leans on: the shared table
// schema, conditional transactions with cancellation reasons, GSI queries, and the stream.
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/adapters/table-definition.js';
import { useDynamoDbLocal } from '../support/dynamodb.js';

describe('DynamoDB Local', () => {
  const db = useDynamoDbLocal();

  it('has the table of the shared definition: keys, every GSI, a NEW_IMAGE stream', async () => {
    const { Table: table } = await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));

    expect(table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    const indexes = (table?.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName, keys: i.KeySchema, status: i.IndexStatus }));
    expect(indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      tableDefinition.globalSecondaryIndexes.map((i) => ({
        name: i.indexName,
        keys: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        status: 'ACTIVE',
      })),
    );
    expect(table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
  });

  const ttlAttribute = (tableDefinition as { timeToLiveAttribute?: string }).timeToLiveAttribute;
  it.runIf(ttlAttribute)('enables TTL on the attribute the definition names', async () => {
    const { TimeToLiveDescription: ttl } = await db.client.send(new DescribeTimeToLiveCommand({ TableName: db.tableName }));

    expect(ttl).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: ttlAttribute });
  });

  it('cancels a transaction whose version condition loses, with ConditionalCheckFailed as the reason', async () => {
    const PK = { S: 'TICKET#t-1' };
    await db.client.send(new PutItemCommand({ TableName: db.tableName, Item: { PK, SK: { S: 'TICKET' }, version: { N: '2' } } }));
    const commit = (expectedVersion: number) =>
      db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.tableName,
                Key: { PK, SK: { S: 'TICKET' } },
                UpdateExpression: 'SET version = :next',
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) }, ':next': { N: String(expectedVersion + 1) } },
              },
            },
            {
              Put: {
                TableName: db.tableName,
                Item: { PK, SK: { S: `EVENT#2026-06-07T05:30:00Z#${expectedVersion}` } },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );

    const lost = await commit(1).catch((error: unknown) => error);

    expect(lost).toBeInstanceOf(TransactionCanceledException);
    expect((lost as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    const event = await db.client.send(new GetItemCommand({ TableName: db.tableName, Key: { PK, SK: { S: 'EVENT#2026-06-07T05:30:00Z#1' } } }));
    expect(event.Item).toBeUndefined(); // all or nothing
    await commit(2);
    const ticket = await db.client.send(new GetItemCommand({ TableName: db.tableName, Key: { PK, SK: { S: 'TICKET' } } }));
    expect(ticket.Item?.version).toEqual({ N: '3' });
  });

  it('queries a GSI in sort-key order', async () => {
    const orgTicket = (id: string, createdAt: string, org = 'ORG#acme') => ({
      PK: { S: `TICKET#${id}` }, SK: { S: 'TICKET' }, GSI1PK: { S: org }, GSI1SK: { S: createdAt },
    });
    for (const item of [
      orgTicket('q-2', '2026-06-08T07:00:00Z'),
      orgTicket('q-1', '2026-06-07T05:30:00Z'),
      orgTicket('q-3', '2026-06-09T06:00:00Z', 'ORG#other'),
    ]) {
      await db.client.send(new PutItemCommand({ TableName: db.tableName, Item: item }));
    }

    const { Items: items } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :org',
        ExpressionAttributeValues: { ':org': { S: 'ORG#acme' } },
      }),
    );

    expect(items?.map((i) => i.PK?.S)).toEqual(['TICKET#q-1', 'TICKET#q-2']);
  });

  it('delivers a NEW_IMAGE stream record for a put', async () => {
    const { tableName, streamArn } = await db.newTable(); // a stream with this test's writes only
    const Item = { PK: { S: 'TICKET#s-1' }, SK: { S: 'EVENT#2026-06-07T05:30:00Z#1' }, type: { S: 'ticket-opened' } };
    await db.client.send(new PutItemCommand({ TableName: tableName, Item }));

    const { StreamDescription: stream } = await db.streamsClient.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    expect(stream?.StreamViewType).toBe('NEW_IMAGE');
    expect(stream?.Shards).toHaveLength(1);
    const { ShardIterator } = await db.streamsClient.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: stream?.Shards?.[0]?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records: records } = await db.streamsClient.send(new GetRecordsCommand({ ShardIterator }));

    expect(records).toHaveLength(1);
    expect(records?.[0]).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: { Keys: { PK: Item.PK, SK: Item.SK }, NewImage: Item, StreamViewType: 'NEW_IMAGE' },
    });
    expect(records?.[0]?.dynamodb?.OldImage).toBeUndefined();
  });
});
