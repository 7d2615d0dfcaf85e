// Creates the support desk's table in DynamoDB Local from the one shared schema.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition, toCreateTableInput } from '../../functions/adapters/table-definition.js';

const ACTIVE_TIMEOUT_MS = 30_000;

/** Creates the table (indexes, stream, TTL) and resolves once it is ACTIVE; an existing table is kept. */
export const createTable = async (client: DynamoDBClient, tableName: string): Promise<TableDescription> => {
  try {
    await client.send(new CreateTableCommand(toCreateTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const table = await waitUntilActive(client, tableName);
  assertMatchesDefinition(table);
  await enableTimeToLive(client, tableName);
  return table;
};

// CreateTable cannot enable TTL; DynamoDB Local runs TTL deletions (REMOVE records with a
// userIdentity on the stream), as AWS does. Read loosely: the definition may not name one.
const enableTimeToLive = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const attributeName = (tableDefinition as { timeToLiveAttribute?: string }).timeToLiveAttribute;
  if (!attributeName) return;
  const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl?.TimeToLiveStatus === 'ENABLED' && ttl.AttributeName === attributeName) return; // enabling twice is an error
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: attributeName } }));
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitUntilActive = async (client: DynamoDBClient, tableName: string): Promise<TableDescription> => {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  // DynamoDB Local creates tables ACTIVE at once unless started with -delayTransientStatuses.
  for (let delayMs = 20; ; delayMs = Math.min(delayMs * 2, 500)) {
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms`);
    await sleep(delayMs);
  }
};

// A table kept in a -dbPath database from an older schema would fail later in puzzling ways.
const assertMatchesDefinition = (table: TableDescription): void => {
  const want = tableDefinition.globalSecondaryIndexes.map((i) => i.indexName).sort();
  const have = (table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? '').sort();
  const streamOn = table.StreamSpecification?.StreamEnabled === true;
  if (want.join() !== have.join() || !streamOn) {
    throw new Error(
      `Table ${table.TableName} exists with another schema (indexes ${have.join(', ') || 'none'}, stream ${streamOn ? 'on' : 'off'}); ` +
        'delete the local database directory to recreate it',
    );
  }
};
