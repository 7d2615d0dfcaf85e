// The whole desk on one machine (issue 5): DynamoDB Local with the shared table, the HTTP API
// over the real handlers, the outbox on the table's real stream, the local scheduler firing the
// timer handler, the local SES keeping the mail; state kept in a data folder unless --memory.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoDirectoryStore } from '../../functions/adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../../functions/adapters/dynamo-ticket-store.js';
import { SesMailer } from '../../functions/adapters/email/ses-mailer.js';
import { FolderObjects } from '../../functions/adapters/object-store.js';
import { FolderAttachmentStorage } from '../../functions/adapters/folder-attachment-storage.js';
import { DynamoUploadStore } from '../../functions/adapters/upload-store.js';
import { nextReportRunAt } from '../../functions/domain/reports/schedule.js';
import { DynamoReportRequests } from '../../functions/adapters/report-requests.js';
import { DynamoNotificationLog } from '../../functions/adapters/notification-log.js';
import { TicketScheduler } from '../../functions/adapters/scheduler/ticket-schedule.js';
import { defaultPolicy } from '../../functions/domain/index.js';
import { policyRegistry } from '../../functions/handlers/http/deps.js';
import type { Log } from '../../functions/handlers/log.js';
import { createTable } from './create-table.js';
import { dataPaths, ensureFolder, readJsonFile, writeJsonFile } from './data-folder.js';
import { localClientConfig, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { isPortFree } from './find-free-port.js';
import { listenApi } from './local-api-server.js';
import { loadSigningKey } from './local-auth.js';
import { createLocalClock } from './local-clock.js';
import { localEndpoints } from './local-endpoints.js';
import { listenPortal } from './local-portal.js';
import { LOCAL_ENV, MAIL, SCHEDULER_WIRING, SUPPORT_DOMAIN, TABLE_NAME } from './local-env.js';
import { createLocalScheduler } from './local-scheduler.js';
import { ensurePortalBuild, projectRoot } from './portal-build.js';
import { startLocalSes, type LocalSes } from './local-ses.js';
import { startLocalSmtp } from './local-smtp.js';
import { keepReportRuns, keepSchedules, keepSentMail, keepStreamCheckpoints } from './kept-state.js';
import { loadRouteHandlers } from './route-handlers.js';
import { SEED_STAFF, seedWorld } from './seed-world.js';
import type { StartOptions } from './start-options.js';
import { pollStream, type StreamPoller } from './stream-poller.js';
import { driveWakeUps, type RecurringRun } from './wake-ups.js';

export type LocalStack = {
  /** `name: URL` lines, in printing order. */
  readonly urls: Readonly<Record<'api' | 'mail' | 'smtp' | 'dynamodb' | 'portal', string>>;
  readonly ses: LocalSes;
  stop(): Promise<void>;
};

const DYNAMODB_PORT = 8000;
const SMTP_PORT = 2525;
const PORTAL_PORT = 5173;
const TICK_MS = 1_000;

/** Starts every part; on failure, stops what had started and rethrows. */
export async function startLocalStack(options: StartOptions, log: (message: string, error?: unknown) => void): Promise<LocalStack> {
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => { for (const s of stops.splice(0).reverse()) await s(); };
  try {
    return await start(options, log, stops, stop);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

async function start(options: StartOptions, log: (message: string, error?: unknown) => void, stops: (() => Promise<void> | void)[], stopAll: () => Promise<void>): Promise<LocalStack> {
  const paths = dataPaths(options.dataDir);
  ensureFolder(options.dataDir);
  if (!options.memory) ensureFolder(paths.dynamodb);
  const key = await loadSigningKey(options.dataDir); // kept even with --memory: `npm run token` reads it
  const savedClock = options.memory ? undefined : readJsonFile<{ now?: string }>(paths.clock, {}, (v) => typeof (v as { now?: unknown })?.now === 'string').now;

  const api = await listenApi(options.port); // first: a taken port fails before the JVM starts
  stops.push(() => api.stop());
  // The portal (issue 9): built (or taken from the cache) when first asked for, so a stack that no
  // browser opens (most e2e files) spends nothing on it; a failed build leaves the stack running
  // and the portal's page saying why.
  const portal = await listenPortal(options.port !== 0 && (await isPortFree(PORTAL_PORT)) ? PORTAL_PORT : 0);
  stops.push(() => portal.stop());
  let portalBuild: Promise<string | { error: string }> | undefined;
  const builtPortal = () => (portalBuild ??= ensurePortalBuild(projectRoot()).catch((error: unknown) => {
    log('portal: not built', error);
    return { error: error instanceof Error ? error.message : String(error) };
  }));

  // --port 0 asks for free ports throughout; else DynamoDB Local takes its usual 8000 when free.
  const dynamoPort = options.port !== 0 && (await isPortFree(DYNAMODB_PORT)) ? DYNAMODB_PORT : 0;
  const dynamo: DynamoDbLocal = await startDynamoDbLocal({ port: dynamoPort, ...(options.memory ? {} : { dbPath: paths.dynamodb }) });
  stops.push(() => dynamo.stop());
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  const streamsClient = new DynamoDBStreamsClient(localClientConfig(dynamo.endpoint));
  stops.push(() => { client.destroy(); streamsClient.destroy(); });
  // A table kept from an earlier run resumes its stream after the saved checkpoints, as an event
  // source mapping does; without them (a folder from before they were kept), from what is written
  // from now on, since a clean stop drains the stream.
  const kept = !options.memory && (await tableExists(client, TABLE_NAME));
  const table = await createTable(client, TABLE_NAME);
  if (!table.LatestStreamArn) throw new Error(`table ${TABLE_NAME} has no stream`);

  const ses = await startLocalSes();
  stops.push(() => ses.stop());
  const sesClient = new SESv2Client(ses.clientConfig);
  stops.push(() => sesClient.destroy());
  const mail = keepSentMail(sesClient, options.memory ? null : paths.mail);

  // The handler modules read their wiring at import (cold start): set it before loading them.
  for (const [name, value] of Object.entries(LOCAL_ENV)) process.env[name] = value;

  const clock = createLocalClock(options.clock, savedClock);
  const restoring = { on: false };
  const scheduler = createLocalScheduler({ now: () => (restoring.on ? '1970-01-01T00:00:00.000Z' : clock.now()) });
  const schedules = await keepSchedules(scheduler, options.memory ? null : paths.schedules, restoring);
  const save = () => {
    schedules.save();
    mail.save();
    if (!options.memory && clock.mode === 'manual') writeJsonFile(paths.clock, { now: clock.now() });
  };

  const handlerLog: Log = (level, message, fields) => { if (level !== 'info') log(`${level}: ${message} ${JSON.stringify(fields ?? {})}`); };
  const tickets = new DynamoTicketStore(client, TABLE_NAME);
  const mailLog = new DynamoNotificationLog(client, TABLE_NAME);
  const reportRequests = new DynamoReportRequests(client, TABLE_NAME);
  const directory = new DynamoDirectoryStore(client, TABLE_NAME);
  const policies = policyRegistry(defaultPolicy);
  const ticketScheduler = new TicketScheduler(scheduler.client, SCHEDULER_WIRING, clock.now);
  const { makeTimerHandler } = await import('../../functions/handlers/timer.js');
  const { makeOutboxHandler } = await import('../../functions/handlers/outbox.js');
  const timer = makeTimerHandler({ tickets, scheduler: ticketScheduler, policies, now: clock.now, log: handlerLog });
  const outbox = makeOutboxHandler({
    tickets, directory, scheduler: ticketScheduler, mailer: new SesMailer(sesClient, MAIL), mailLog, reportRequests,
    policies, staff: SEED_STAFF, now: clock.now, log: handlerLog,
  });
  // The event source mapping: Lambda's JSON records, @types/aws-lambda's exclusive unions aside.
  const stream = keepStreamCheckpoints(options.memory ? null : paths.stream, table.LatestStreamArn);
  const poller: StreamPoller = pollStream({
    streamsClient, streamArn: table.LatestStreamArn, startingPosition: kept ? 'LATEST' : 'TRIM_HORIZON',
    ...(kept && stream.checkpoints ? { checkpoints: stream.checkpoints } : {}),
    onCheckpoint: stream.onCheckpoint,
    onBatch: (records) => outbox({ Records: records as unknown as DynamoDBStreamEvent['Records'] }),
    onError: (error) => log('outbox: stream polling failed', error),
  });
  stops.push(() => poller.stop());
  if (options.seed) await seedWorld(directory);

  const REPORT_FREQUENCIES = ['weekly', 'monthly'] as const;
  // R-RPT-1: the weekly and monthly report runs, which EventBridge Scheduler's cron schedules start in AWS.
  const { makeReportScheduleHandler } = await import('../../functions/handlers/report-schedule.js');
  const runReports = makeReportScheduleHandler({ directory, reportRequests, policies, now: clock.now, log: handlerLog });
  const reportRuns = keepReportRuns(options.memory ? null : paths.reportRuns, clock.now());
  const recurring: RecurringRun[] = REPORT_FREQUENCIES.map((frequency) => ({
    name: `${frequency} reports`, since: reportRuns.since[frequency],
    nextAfter: (at) => nextReportRunAt(frequency, at, defaultPolicy),
    fire: (at) => runReports({ frequency, at }),
  }));
  const saveAll = () => {
    save();
    reportRuns.save({ weekly: recurring[0]!.since, monthly: recurring[1]!.since });
  };
  const wakeUps = driveWakeUps({ clock, scheduler, timer, drain: () => poller.drain(), save: saveAll, log, recurring });
  stops.push(async () => {
    await wakeUps.idle();
    await poller.drain().catch((error: unknown) => log('outbox: the last stream records were not delivered', error)); // none left for the next run
    saveAll();
  });
  await wakeUps.moveTo(clock.now()); // a wake-up due while the stack was down fires now
  if (clock.mode === 'real') {
    const ticker = setInterval(() => void wakeUps.moveTo(clock.now()).catch((error: unknown) => log('scheduler: tick failed', error)), TICK_MS);
    stops.push(() => clearInterval(ticker));
  }

  // SES receiving: the SMTP listener stores the raw MIME and hands the receipt event to the inbound handler.
  const inboundDir = options.memory ? mkdtempSync(path.join(tmpdir(), 'support-desk-inbound-')) : paths.inbound;
  if (options.memory) stops.push(() => rmSync(inboundDir, { recursive: true, force: true }));
  const { makeInboundMailHandler } = await import('../../functions/handlers/inbound-mail.js');
  const inbound = makeInboundMailHandler({
    rawMail: new FolderObjects(path.join(inboundDir, LOCAL_ENV.INBOUND_MAIL_BUCKET!)), rawMailPrefix: LOCAL_ENV.INBOUND_MAIL_PREFIX!,
    attachments: new FolderObjects(path.join(inboundDir, LOCAL_ENV.ATTACHMENT_BUCKET!)),
    tickets, directory, mailLog, policies, now: clock.now, newId: randomUUID, log: handlerLog,
    mail: { ourDomains: [SUPPORT_DOMAIN], ourMessageIdSuffixes: ['@email.amazonses.com>', `@${MAIL.region}.amazonses.com>`] },
  });
  const smtpPort = options.port !== 0 && (await isPortFree(SMTP_PORT)) ? SMTP_PORT : 0;
  const smtp = await startLocalSmtp({
    port: smtpPort, domains: [SUPPORT_DOMAIN], prefix: LOCAL_ENV.INBOUND_MAIL_PREFIX!, log,
    store: new FolderObjects(path.join(inboundDir, LOCAL_ENV.INBOUND_MAIL_BUCKET!)),
    deliver: async (event) => { await inbound(event); if (clock.mode === 'manual') await poller.drain(); },
  });
  stops.push(() => smtp.stop());

  // Attachments: uploads and attached files beside the inbound mail's (one bucket in AWS too), with
  // URLs signed by a key of this run (a restart ends the URLs given out, as their expiry would).
  const objects = new FolderAttachmentStorage(path.join(inboundDir, LOCAL_ENV.ATTACHMENT_BUCKET!), () => `http://127.0.0.1:${api.port}`, randomBytes(32));
  const uploads = new DynamoUploadStore(client, TABLE_NAME);
  const routes = await loadRouteHandlers({ tickets, directory, policies, now: clock.now, newId: randomUUID, reportRequests, uploads, attachments: objects });
  api.serve({
    // The local portal's origin is always allowed: it is this stack's own client (issue 9).
    routes, key, now: clock.now, log, objects, allowedOrigins: [...(options.allowedOrigins ?? []), portal.url],
    local: localEndpoints({ clock, wakeUps, ses, scheduler }),
    afterWrite: async () => { if (clock.mode === 'manual') await poller.drain(); },
  });
  portal.serve({ dist: builtPortal, apiUrl: `http://127.0.0.1:${api.port}`, key, log });
  return {
    urls: { api: `http://127.0.0.1:${api.port}`, mail: ses.endpoint, smtp: smtp.url, dynamodb: dynamo.endpoint, portal: portal.url },
    ses,
    stop: stopAll,
  };
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
