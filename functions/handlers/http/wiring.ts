import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultPolicy } from '../../domain/index.js';
import { DynamoDirectoryStore } from '../../adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../../adapters/dynamo-ticket-store.js';
import { DynamoReportRequests } from '../../adapters/report-requests.js';
import { DynamoArticleStore } from '../../adapters/article-store.js';
import { readRuntimeConfig } from './config.js';
import { policyRegistry, type Deps } from './deps.js';

// The live dependencies of every table-backed route, built once per cold start outside any
// handler (style §3). Importing a route module therefore needs TABLE_NAME set: tests and the
// local stack call the make…Handler factories with their own deps, after setting it.
const config = readRuntimeConfig(process.env);
const client = new DynamoDBClient({});

export const liveDeps: Deps = {
  tickets: new DynamoTicketStore(client, config.tableName),
  directory: new DynamoDirectoryStore(client, config.tableName),
  policies: policyRegistry(defaultPolicy),
  now: () => new Date().toISOString(),
  newId: randomUUID,
  reportRequests: new DynamoReportRequests(client, config.tableName),
  articles: new DynamoArticleStore(client, config.tableName),
};

/** The table's client, for wiring that extends liveDeps (attachment-wiring.ts). */
export const liveClient = client;
export const liveConfig = config;
