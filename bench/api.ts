/**
 * npm run bench:api — latency of create-ticket, get-ticket and reply through the real handlers,
 * beside a bare PutItem/GetItem, all against one DynamoDB Local in this run, and how many
 * DynamoDB requests each command makes (issue 3: one request per read, one transaction, plus the
 * counter for create, per write; handler overhead under 1.5x the bare call).
 * Last line: {"createP50Ms","getP50Ms","replyP50Ms","bareP50Ms","overheadRatio","requestsPerRead","requestsPerWrite"}.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { createTable } from '../bin/local/create-table.js';
import { localClientConfig, startDynamoDbLocal } from '../bin/local/dynamodb-local.js';
import { DynamoArticleStore } from '../functions/adapters/article-store.js';
import { noArticleIndex } from '../functions/adapters/search/index-reader.js';
import { DynamoReportRequests } from '../functions/adapters/report-requests.js';
import { DynamoDirectoryStore } from '../functions/adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../functions/adapters/dynamo-ticket-store.js';
import { OrganisationSchema, defaultPolicy } from '../functions/domain/index.js';
import { policyRegistry, type Deps } from '../functions/handlers/http/deps.js';
import { anHttpEvent, claimsFor } from '../test/fixtures/http.js';

const N = Number(process.env.BENCH_N ?? 300);
const WARMUP = 50;
const tableName = 'bench';
process.env.TABLE_NAME = tableName; // the route modules wire their live deps at import

const server = await startDynamoDbLocal();
try {
  const client = new DynamoDBClient(localClientConfig(server.endpoint));
  await createTable(client, tableName);
  // Count every request the handlers send, by command name.
  const counts = new Map<string, number>();
  client.middlewareStack.add((next, context) => (args) => {
    counts.set(context.commandName!, (counts.get(context.commandName!) ?? 0) + 1);
    return next(args);
  }, { step: 'initialize', name: 'countRequests' });
  const countDuring = async (fn: () => Promise<unknown>) => {
    counts.clear();
    await fn();
    return Object.fromEntries(counts);
  };

  const directory = new DynamoDirectoryStore(client, tableName);
  await directory.putOrganisation(OrganisationSchema.parse({ id: 'acme', name: 'Acme', kind: 'direct', subscription: { validFrom: '2020-01-01', validTo: '2099-12-31' } }), 0);
  let clock = Date.parse('2026-06-07T06:00:00Z');
  const deps: Deps = {
    tickets: new DynamoTicketStore(client, tableName), directory, policies: policyRegistry(defaultPolicy),
    now: () => new Date((clock += 1000)).toISOString(), newId: randomUUID, reportRequests: new DynamoReportRequests(client, tableName),
    articles: new DynamoArticleStore(client, tableName), articleIndex: noArticleIndex,
  };
  const { makeCreateTicketHandler } = await import('../functions/handlers/http/create-ticket.js');
  const { makeGetTicketHandler } = await import('../functions/handlers/http/get-ticket.js');
  const { makeAddMessageHandler } = await import('../functions/handlers/http/add-message.js');
  const create = makeCreateTicketHandler(deps);
  const get = makeGetTicketHandler(deps);
  const reply = makeAddMessageHandler(deps);
  const ctx = {} as Context;
  const customer = claimsFor('customer', 'acme');
  const agent = claimsFor('agent-tier1', null);

  const ok = (result: { statusCode: number; body?: string }) => {
    if (result.statusCode >= 300) throw new Error(`unexpected ${result.statusCode}: ${result.body}`);
    return JSON.parse(result.body!);
  };
  const createOne = async () => ok(await create(anHttpEvent({ method: 'POST', path: '/tickets', claims: customer, body: { type: 'incident', severity: 'high', subject: 'Reload fails', description: 'The night reload fails.' } }), ctx));
  const getOne = async (id: string) => ok(await get(anHttpEvent({ method: 'GET', path: `/tickets/${id}`, pathParameters: { id }, claims: customer }), ctx));
  const replyOne = async (id: string) => ok(await reply(anHttpEvent({ method: 'POST', path: `/tickets/${id}/messages`, pathParameters: { id }, claims: agent, body: { body: 'Looking into it.', visibility: 'public' } }), ctx));

  const doc = DynamoDBDocumentClient.from(client);
  const barePut = async (id: string) => doc.send(new PutCommand({ TableName: tableName, Item: { PK: `BENCH#${id}`, SK: 'X', body: 'x'.repeat(2000) } }));
  const bareGet = async (id: string) => doc.send(new GetCommand({ TableName: tableName, Key: { PK: `BENCH#${id}`, SK: 'X' } }));

  const time = async (fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); return performance.now() - t; };
  const percentile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };

  // Warm up every path (JIT, connections, DynamoDB Local's own warm-up).
  for (let i = 0; i < WARMUP; i++) { const t = await createOne(); await getOne(t.id); await replyOne(t.id); await barePut(`w${i}`); await bareGet(`w${i}`); }

  const samples = { create: [] as number[], get: [] as number[], reply: [] as number[], put: [] as number[], bareGet: [] as number[] };
  const ids: string[] = [];
  // Interleaved, so a slow stretch of the machine hits every series alike.
  for (let i = 0; i < N; i++) {
    let id = '';
    samples.create.push(await time(async () => { id = (await createOne()).id; }));
    ids.push(id);
    samples.get.push(await time(() => getOne(id)));
    samples.reply.push(await time(() => replyOne(id)));
    samples.put.push(await time(() => barePut(`b${i}`)));
    samples.bareGet.push(await time(() => bareGet(`b${i}`)));
  }
  const requests = {
    create: await countDuring(createOne),
    get: await countDuring(() => getOne(ids[0]!)),
    reply: await countDuring(() => replyOne(ids[1]!)),
  };

  const row = (name: string, xs: number[]) => console.log(`  ${name.padEnd(28)} p50 ${percentile(xs, 0.5).toFixed(2).padStart(6)} ms   p99 ${percentile(xs, 0.99).toFixed(2).padStart(6)} ms`);
  console.log(`DynamoDB Local ${server.endpoint}, ${N} iterations each after ${WARMUP} warm-up rounds:`);
  row('POST /tickets (create)', samples.create);
  row('GET /tickets/{id}', samples.get);
  row('POST …/messages (reply)', samples.reply);
  row('bare PutItem', samples.put);
  row('bare GetItem', samples.bareGet);
  const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  for (const [name, r] of Object.entries(requests)) console.log(`  DynamoDB requests per ${name}: ${total(r)} ${JSON.stringify(r)}`);

  const getP50 = percentile(samples.get, 0.5);
  const bareP50 = percentile(samples.bareGet, 0.5);
  const writes = (r: Record<string, number>) => (r.TransactWriteItemsCommand ?? 0) + (r.PutItemCommand ?? 0) + (r.UpdateItemCommand ?? 0);
  const replyRatio = percentile(samples.reply, 0.5) / (percentile(samples.bareGet, 0.5) + percentile(samples.put, 0.5));
  console.log(`  read overhead: get-ticket p50 / bare GetItem p50 = ${(getP50 / bareP50).toFixed(2)}x (target < 1.5x)`);
  console.log(`  write overhead: reply p50 / (bare GetItem + bare PutItem) p50 = ${replyRatio.toFixed(2)}x (a reply is one Query and one transaction)`);
  console.log(JSON.stringify({
    createP50Ms: +percentile(samples.create, 0.5).toFixed(2), getP50Ms: +getP50.toFixed(2), replyP50Ms: +percentile(samples.reply, 0.5).toFixed(2),
    bareP50Ms: +bareP50.toFixed(2), overheadRatio: +(getP50 / bareP50).toFixed(2),
    requestsPerRead: total(requests.get), requestsPerWrite: writes(requests.reply),
  }));
  client.destroy();
} finally {
  await server.stop();
}
