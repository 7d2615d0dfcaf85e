// DynamoDB Local for integration tests: one in-memory server per test file (about 2 s to start),
// a fresh table from the shared schema for every useDynamoDbLocal() call.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll } from 'vitest';
import { createTable } from '../../bin/local/create-table.js';
import { localClientConfig, startDynamoDbLocal, type DynamoDbLocal } from '../../bin/local/dynamodb-local.js';

export type LocalTable = { readonly tableName: string; readonly streamArn: string };

export type DynamoDbLocalContext = LocalTable & {
  readonly client: DynamoDBClient;
  readonly streamsClient: DynamoDBStreamsClient;
  readonly endpoint: string;
  /** Another fresh table on the same server, for a test that needs a stream of its own. */
  newTable(): Promise<LocalTable>;
};

// Module state is per test file (vitest isolates files), so "one server per file" is this promise.
let server: Promise<DynamoDbLocal> | undefined;
let registered = 0;
let finished = 0;

const START_TIMEOUT_MS = 30_000;

/** Call at the top of a test file or describe; read the fields inside tests and hooks. */
export const useDynamoDbLocal = (): DynamoDbLocalContext => {
  // Counted at collection, before any hook runs: the server outlives sibling describes.
  registered += 1;
  let context: Omit<DynamoDbLocalContext, 'newTable'> | undefined;

  beforeAll(async () => {
    server ??= startDynamoDbLocal();
    const { endpoint } = await server;
    const client = new DynamoDBClient(localClientConfig(endpoint));
    const streamsClient = new DynamoDBStreamsClient(localClientConfig(endpoint));
    context = { client, streamsClient, endpoint, ...(await newLocalTable(client)) };
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    context?.client.destroy();
    context?.streamsClient.destroy();
    finished += 1;
    // A describe skipped by a filter never runs its hooks: then the process exit kills the JVM.
    if (finished === registered && server) {
      const last = server;
      server = undefined;
      await last.then((s) => s.stop(), () => undefined);
    }
  });

  const ready = () => {
    if (!context) throw new Error('useDynamoDbLocal(): read the context inside a test or hook (after beforeAll)');
    return context;
  };
  return {
    get client() { return ready().client; },
    get streamsClient() { return ready().streamsClient; },
    get endpoint() { return ready().endpoint; },
    get tableName() { return ready().tableName; },
    get streamArn() { return ready().streamArn; },
    newTable: () => newLocalTable(ready().client),
  };
};

const newLocalTable = async (client: DynamoDBClient): Promise<LocalTable> => {
  const tableName = `it-${randomUUID()}`;
  const table = await createTable(client, tableName);
  if (!table.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
  return { tableName, streamArn: table.LatestStreamArn };
};
