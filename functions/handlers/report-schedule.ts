import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultPolicy } from '../domain/index.js';
import { lastReportPeriod, ReportFrequencySchema } from '../domain/reports/schedule.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory-store.js';
import { DynamoReportRequests, type ReportRequests } from '../adapters/report-requests.js';
import type { DirectoryStore } from '../adapters/store.js';
import { readRuntimeConfig } from './http/config.js';
import { policyRegistry, type PolicyRegistry } from './http/deps.js';
import { jsonLog, type Log } from './log.js';
import { observeEntry } from './observe.js';
import { traced } from '../adapters/tracing.js';

export type ReportScheduleDeps = {
  directory: Pick<DirectoryStore, 'listReportSubscriptionsByFrequency' | 'findContact' | 'getOrganisation'>;
  reportRequests: Pick<ReportRequests, 'create'>;
  policies: PolicyRegistry;
  now: () => string;
  log?: Log;
};

/**
 * R-PARTY-2: a subscriber who is a partner's contact, subscribed to one of its customers, gets
 * the report as the partner sees it (the tickets recording that partner); null for anyone else.
 */
async function partnerViewOf(directory: ReportScheduleDeps['directory'], email: string, organisationId: string): Promise<string | null> {
  const contact = await directory.findContact(email);
  if (!contact || contact.organisationId === organisationId) return null;
  const org = await directory.getOrganisation(contact.organisationId);
  return org?.kind === 'partner' ? org.id : null;
}

/** What EventBridge Scheduler sends: the frequency, and the time the run was scheduled for (`<aws.scheduler.scheduled-time>`). */
export type ReportRunInput = { frequency: unknown; at?: unknown };
export type ReportRunOutcome = { frequency: string; period: { from: string; to: string }; requested: number; repeated: number };

/**
 * R-RPT-1: the weekly (Sunday 06:00) or monthly (the 1st, 06:00) run writes one report request
 * per subscription of that frequency, for the period that just ended. Request ids are made of the
 * frequency, the period and the subscriber, so a repeated firing writes nothing new; the outbox
 * sends each from the stream, once.
 */
export const makeReportScheduleHandler = (deps: ReportScheduleDeps) => async (input: ReportRunInput): Promise<ReportRunOutcome> => {
  const log = deps.log ?? jsonLog;
  const frequency = ReportFrequencySchema.parse(input.frequency);
  const at = typeof input.at === 'string' && Number.isFinite(Date.parse(input.at)) ? new Date(Date.parse(input.at)).toISOString() : deps.now();
  const period = lastReportPeriod(frequency, at, deps.policies.current);
  const outcome: ReportRunOutcome = { frequency, period, requested: 0, repeated: 0 };
  for (const sub of await deps.directory.listReportSubscriptionsByFrequency(frequency)) {
    const partnerId = await partnerViewOf(deps.directory, sub.email, sub.organisationId);
    const created = await deps.reportRequests.create({
      id: `${frequency}:${period.from}:${sub.organisationId}:${sub.email}`, organisationId: sub.organisationId,
      recipient: { email: sub.email, name: sub.name, language: sub.language }, period, frequency, requestedBy: 'schedule', requestedAt: deps.now(),
      ...(partnerId ? { partnerId } : {}),
    });
    outcome[created ? 'requested' : 'repeated'] += 1;
  }
  log('info', 'report schedule: run done', outcome);
  return outcome;
};

// Live wiring, once per cold start (style §3).
const config = readRuntimeConfig(process.env);
const dynamo = traced(new DynamoDBClient({}));
export const handler = observeEntry(makeReportScheduleHandler({
  directory: new DynamoDirectoryStore(dynamo, config.tableName),
  reportRequests: new DynamoReportRequests(dynamo, config.tableName),
  policies: policyRegistry(defaultPolicy),
  now: () => new Date().toISOString(),
}));
