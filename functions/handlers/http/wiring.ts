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
const { tableName } = config; // a plain name: esbuild may then drop an unused part (a property read is not pure)

// Each part on its own, built where it is declared: a route names the parts it uses, and esbuild
// drops from its function's bundle every part (and its adapter's code) no route of it names.
export const liveTickets = /* @__PURE__ */ new DynamoTicketStore(client, tableName);
export const liveDirectory = /* @__PURE__ */ new DynamoDirectoryStore(client, tableName);
export const livePolicies = /* @__PURE__ */ policyRegistry(defaultPolicy);
export const liveNow = (): string => new Date().toISOString();
export const liveNewId = randomUUID;
export const liveReportRequests = /* @__PURE__ */ new DynamoReportRequests(client, tableName);
export const liveArticles = /* @__PURE__ */ new DynamoArticleStore(client, tableName);

/** Every part, for the routes that pass their dependencies on whole (attachment-wiring.ts). */
export const liveDeps: Deps = {
  tickets: liveTickets,
  directory: liveDirectory,
  policies: livePolicies,
  now: liveNow,
  newId: liveNewId,
  reportRequests: liveReportRequests,
  articles: liveArticles,
};

/** The table's client, for wiring that extends liveDeps (attachment-wiring.ts). */
export const liveClient = client;
export const liveConfig = config;
