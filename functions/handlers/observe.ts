// The entry points' observability, in one place so no handler body carries it: the Lambda context
// (request id, cold start) and a ticket's keys on every log line, and the business metrics each
// outcome implies (EMF). The make…Handler factories stay free of it; tests and the local stack
// call them bare, or wrapped with their own log and meter.
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StoredEvent } from '../adapters/store.js';
import { emfMeter, type Meter } from '../adapters/metrics.js';
import type { RenderedEmail } from '../adapters/email/rendered-email.js';
import { jsonLog, logger, withLogKeys, type Log } from './log.js';

export type Entry<E, R> = (event: E, context?: Context) => Promise<R>;
export type Observers = { log?: Log; meter?: Meter; now?: () => number };

/** Wraps a background handler: the Lambda context on the logger, `keys` of the event on every line. */
export function observeEntry<E, R>(handler: (event: E) => Promise<R>, keys: (event: E) => Record<string, string | undefined> = () => ({})): Entry<E, R> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    return withLogKeys(safeKeys(keys, event), () => handler(event));
  };
}

function safeKeys<E>(keys: (event: E) => Record<string, string | undefined>, event: E): Record<string, string | undefined> {
  try {
    return keys(event);
  } catch {
    return {}; // a malformed event is the handler's to refuse, with its own error
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The timer: the ticket's id on every line, and the lag from the wake-up's instant to this firing (seconds). */
export function observeTimer<R>(handler: (event: unknown) => Promise<R>, observers: Observers = {}): Entry<unknown, R> {
  const meter = observers.meter ?? emfMeter;
  const now = observers.now ?? Date.now;
  const inner = observeEntry(handler, (event) => ({ ticketId: text((event as { ticketId?: unknown })?.ticketId) }));
  return async (event, context) => {
    const firedMs = now();
    const wakeMs = Date.parse(text((event as { wakeAt?: unknown })?.wakeAt) ?? '');
    // Before the work: a firing that then fails was late all the same.
    if (Number.isFinite(wakeMs)) meter('TimerLag', Math.max(0, (firedMs - wakeMs) / 1000));
    return inner(event, context);
  };
}

/**
 * The outbox: one `ticket event` line per stored event it handled (the ticket's story, with its id
 * and number), and the tickets opened, SLA warnings and breaches those events record. A record
 * the batch reports as failed, and those after it, are counted when Lambda delivers them again.
 */
export function observeOutbox(
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>,
  eventOf: (record: DynamoDBRecord) => StoredEvent | null,
  observers: Observers = {},
): Entry<DynamoDBStreamEvent, DynamoDBBatchResponse> {
  const meter = observers.meter ?? emfMeter;
  const log = observers.log ?? jsonLog;
  const inner = observeEntry(handler);
  return async (event, context) => {
    const response = await inner(event, context);
    const failed = response.batchItemFailures[0]?.itemIdentifier;
    for (const record of event.Records) {
      if (failed !== undefined && record.dynamodb?.SequenceNumber === failed) break;
      const stored = eventOf(record);
      if (!stored) continue;
      log('info', 'ticket event', { ticketId: stored.ticketId, ticketNumber: stored.ticketNumber, type: stored.type, version: stored.version, at: stored.at, actor: stored.actor });
      measureEvent(stored, meter);
    }
    return response;
  };
}

function measureEvent(stored: StoredEvent, meter: Meter): void {
  const data = stored.data;
  if (stored.type === 'ticket-opened') meter('TicketsOpened', 1, { type: String(data.type), severity: String(data.severity) });
  if (stored.type === 'sla-warning') meter('SlaWarnings', 1, { target: String(data.target) });
  if (stored.type === 'sla-breached') meter('SlaBreaches', 1, { target: String(data.target) });
}

/** A mailer that counts what SES accepted and what it refused for good. */
export function countingMailer<M extends { send(email: RenderedEmail): Promise<S> }, S>(mailer: M, meter: Meter = emfMeter): Pick<M, 'send'> {
  return {
    send: async (email) => {
      try {
        const sent = await mailer.send(email);
        meter('EmailsSent', 1);
        return sent;
      } catch (error) {
        // MailError by shape: importing ses-mailer.ts would pull the SES client into every bundle.
        if (error instanceof Error && error.name === 'MailError' && (error as { retryable?: boolean }).retryable === false) meter('EmailsRejected', 1);
        throw error;
      }
    },
  };
}

type InboundOutcomeLike = { outcome: string; reason: string };

/** Inbound mail: what was refused or dropped, by reason; what was written, by outcome. */
export function observeInbound<R extends readonly InboundOutcomeLike[]>(handler: (event: unknown) => Promise<R>, observers: Observers = {}): Entry<unknown, R> {
  const meter = observers.meter ?? emfMeter;
  const inner = observeEntry(handler);
  return async (event, context) => {
    const outcomes = await inner(event, context);
    for (const o of outcomes) {
      if (o.outcome === 'dropped' || o.outcome === 'refused') meter('InboundMailRefused', 1, { reason: o.reason });
      else meter('InboundMailAccepted', 1, { outcome: o.outcome });
    }
    return outcomes;
  };
}

type MailEventOutcomeLike = { eventType: string; outcome: string };

/** SES bounces and complaints, as the handler saw them (SES's own reputation rates are in AWS/SES). */
export function observeMailEvents<R extends readonly MailEventOutcomeLike[]>(handler: (event: unknown) => Promise<R>, observers: Observers = {}): Entry<unknown, R> {
  const meter = observers.meter ?? emfMeter;
  const inner = observeEntry(handler);
  return async (event, context) => {
    const outcomes = await inner(event, context);
    for (const o of outcomes) {
      if (o.eventType === 'Bounce') meter('EmailsBounced', 1, { outcome: o.outcome });
      if (o.eventType === 'Complaint') meter('EmailsComplained', 1, { outcome: o.outcome });
    }
    return outcomes;
  };
}
