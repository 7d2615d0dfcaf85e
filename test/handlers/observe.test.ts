import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultPolicy, openTicket, type DomainEvent } from '../../functions/domain/index.js';
import type { RenderedEmail } from '../../functions/adapters/email/rendered-email.js';
import type { StoredEvent } from '../../functions/adapters/store.js';
import type { Meter, MetricName } from '../../functions/adapters/metrics.js';
import { jsonLog, logger } from '../../functions/handlers/log.js';
import { countingMailer, observeInbound, observeMailEvents, observeOutbox, observeTimer } from '../../functions/handlers/observe.js';
import { aCase, anEntitlement, CUSTOMER, fireTimer } from '../fixtures/builders.js';

// Sunday 7 June 2026, 10:00 in Israel; an urgent ticket's warning and breach are hours later.
const SUN_1000 = '2026-06-07T07:00:00Z';

const recording = () => {
  const values: { name: MetricName; value: number; dimensions: Record<string, string> }[] = [];
  const meter: Meter = (name, value, dimensions = {}) => { values.push({ name, value, dimensions }); };
  return { values, meter };
};

/** Lines Powertools' logger prints, parsed (it writes JSON to stdout or stderr by level). */
function captureLines(): { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const keep = (chunk: unknown) => { for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>); return true; };
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  return { lines };
}

afterEach(() => { vi.restoreAllMocks(); });

function storedEventsOfATicket(): StoredEvent[] {
  const opened = openTicket({ id: 't-1', type: 'incident', severity: 'urgent', organisationId: 'acme', actor: CUSTOMER, entitlement: anEntitlement(), case: aCase() }, defaultPolicy, SUN_1000);
  const fired = fireTimer(opened.ticket, '2026-06-08T07:00:00Z'); // a day later: warned and breached
  const events: DomainEvent[] = [...opened.events, ...fired.events];
  return events.map((e, i) => ({ ...e, id: `e-${i}`, ticketId: 't-1', ticketNumber: 'T-1001', version: i + 1 }));
}

const recordOf = (stored: StoredEvent, seq: number): DynamoDBRecord => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: String(seq) }, stored } as unknown as DynamoDBRecord);
const eventOf = (record: DynamoDBRecord) => (record as unknown as { stored: StoredEvent }).stored;

describe('observeOutbox: the metrics and the story the stored events tell', () => {
  it('counts a ticket opened by type and severity, and its SLA warnings and breaches by target', async () => {
    const stored = storedEventsOfATicket();
    const { values, meter } = recording();
    const logged: Record<string, unknown>[] = [];
    const handler = observeOutbox(async () => ({ batchItemFailures: [] }), eventOf, { meter, log: (_l, message, fields) => { logged.push({ message, ...fields }); } });
    await handler({ Records: stored.map(recordOf) });
    expect(values).toContainEqual({ name: 'TicketsOpened', value: 1, dimensions: { type: 'incident', severity: 'urgent' } });
    expect(values.filter((v) => v.name === 'SlaWarnings').map((v) => v.dimensions.target)).toContain('firstResponse');
    expect(values.filter((v) => v.name === 'SlaBreaches').map((v) => v.dimensions.target)).toContain('firstResponse');
    expect(logged.map((l) => l.type)).toEqual(stored.map((s) => s.type));
    expect(logged.every((l) => l.ticketId === 't-1' && l.ticketNumber === 'T-1001')).toBe(true);
  });

  it('counts nothing from the record that failed, nor after it (Lambda delivers them again)', async () => {
    const stored = storedEventsOfATicket();
    const { values, meter } = recording();
    const handler = observeOutbox(async () => ({ batchItemFailures: [{ itemIdentifier: '0' }] }), eventOf, { meter, log: () => undefined });
    await handler({ Records: stored.map(recordOf) });
    expect(values).toEqual([]);
  });
});

describe('observeTimer: the timer lag and the ticket id on every line', () => {
  it('measures the seconds from the wake-up instant to the firing, and puts ticketId on the lines the work logs', async () => {
    const { values, meter } = recording();
    const { lines } = captureLines();
    const handler = observeTimer(async () => { jsonLog('warn', 'inside the work'); return 'done'; }, { meter, now: () => Date.parse('2026-06-07T07:01:30Z') });
    expect(await handler({ ticketId: 't-9', wakeAt: '2026-06-07T07:00:00Z' })).toBe('done');
    jsonLog('warn', 'after the work');
    vi.restoreAllMocks();
    expect(values).toEqual([{ name: 'TimerLag', value: 90, dimensions: {} }]);
    expect(lines.find((l) => l.message === 'inside the work')).toMatchObject({ level: 'WARN', ticketId: 't-9', service: 'support-desk' });
    expect(lines.find((l) => l.message === 'after the work')).not.toHaveProperty('ticketId');
  });

  it('measures no lag for an event without a wake-up instant (the handler refuses it)', async () => {
    const { values, meter } = recording();
    const handler = observeTimer(async (event) => { if (!(event as { wakeAt?: string }).wakeAt) throw new Error('bad input'); }, { meter });
    await expect(handler({ ticketId: 't-9' })).rejects.toThrow('bad input');
    expect(values).toEqual([]);
    expect(logger.getPersistentLogAttributes()).not.toHaveProperty('ticketId');
  });
});

describe('inbound mail, mail events and sent mail', () => {
  it('counts inbound mail refused by reason and accepted by outcome', async () => {
    const { values, meter } = recording();
    const outcomes = [{ outcome: 'refused', reason: 'unknown-sender' }, { outcome: 'dropped', reason: 'auto-reply' }, { outcome: 'replied', reason: 'ticket-address' }];
    await observeInbound(async () => outcomes, { meter })({});
    expect(values).toEqual([
      { name: 'InboundMailRefused', value: 1, dimensions: { reason: 'unknown-sender' } },
      { name: 'InboundMailRefused', value: 1, dimensions: { reason: 'auto-reply' } },
      { name: 'InboundMailAccepted', value: 1, dimensions: { outcome: 'replied' } },
    ]);
  });

  it('counts bounces and complaints', async () => {
    const { values, meter } = recording();
    const outcomes = [{ eventType: 'Bounce', outcome: 'marked-unreachable' }, { eventType: 'Bounce', outcome: 'ignored' }, { eventType: 'Complaint', outcome: 'marked-unreachable' }, { eventType: 'Delivery', outcome: 'ignored' }];
    await observeMailEvents(async () => outcomes, { meter })({});
    expect(values.map((v) => v.name)).toEqual(['EmailsBounced', 'EmailsBounced', 'EmailsComplained']);
  });

  it('counts an email SES accepted, and one it refused for good, but not a retryable failure', async () => {
    const { values, meter } = recording();
    const refusal = Object.assign(new Error('MessageRejected'), { name: 'MailError', retryable: false });
    const throttled = Object.assign(new Error('Throttling'), { name: 'MailError', retryable: true });
    const answers = [Promise.resolve({ messageId: 'm-1' }), Promise.reject(refusal), Promise.reject(throttled)];
    const mailer = countingMailer({ send: (_email: RenderedEmail) => answers.shift()! }, meter);
    const email = {} as RenderedEmail;
    await mailer.send(email);
    await expect(mailer.send(email)).rejects.toBe(refusal);
    await expect(mailer.send(email)).rejects.toBe(throttled);
    expect(values.map((v) => v.name)).toEqual(['EmailsSent', 'EmailsRejected']);
  });
});
