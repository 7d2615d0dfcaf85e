// Issue 5, acceptance: a restart with --data keeps tickets, pending wake-ups and sent mail; a
// wake-up due while the stack was down fires at start-up.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig, startDynamoDbLocal } from '../../bin/local/dynamodb-local.js';
import { TABLE_NAME } from '../../bin/local/local-env.js';
import { DynamoTicketStore } from '../../functions/adapters/dynamo-ticket-store.js';
import { addBusinessDays, defaultPolicy, getBusinessCalendar, openTicket } from '../../functions/domain/index.js';
import { CUSTOMER, aCase, anEntitlement } from '../fixtures/builders.js';
import { START_TIMEOUT_MS, startStack, type Stack } from './stack.js';

// Sunday 6 January 2030, 10:00 in Israel (UTC+2): a business morning years ahead of any real clock.
const SUN_1000 = '2030-01-06T08:00:00.000Z';
const SUN_1100 = '2030-01-06T09:00:00.000Z';
const calendar = getBusinessCalendar(defaultPolicy, 'basic');
const ARGS = ['--seed', '--clock', 'manual'];

let stack: Stack | undefined;
let dataDir: string;

beforeAll(() => { dataDir = mkdtempSync(path.join(tmpdir(), 'local-stack-restart-')); });
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const restart = async () => {
  expect(await stack!.stop()).toBe(0);
  stack = await startStack(dataDir, ARGS);
  return stack;
};

describe('npm start -- --data <dir> --seed --clock manual, restarted', () => {
  let id: string;
  let number: string;
  let remindAt: string;
  let mailBefore: unknown[];
  let wakeUpsBefore: unknown[];
  let clockBefore: string;

  it('opens a ticket, puts it in Pending Customer and sends mail', async () => {
    stack = await startStack(dataDir, ARGS);
    const dana = await stack.tokenFor('customer', 'dana@acme.example', 'acme');
    const tier1 = await stack.tokenFor('agent-tier1', 'tier1@center.example');
    expect(await stack.moveClock({ now: SUN_1000 })).toBe(SUN_1000);
    const opened = await stack.api('POST', '/tickets', dana, { type: 'incident', severity: 'normal', subject: 'Reload fails after restart', description: 'The reload stops at 40%.' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    ({ id, number } = opened.body as { id: string; number: string });
    expect((await stack.api('POST', `/tickets/${id}/messages`, tier1, { body: 'Looking at it.' })).body.status).toBe('in-progress');
    expect(await stack.moveClock({ advance: 'PT1H' })).toBe(SUN_1100);
    expect((await stack.api('POST', `/tickets/${id}/transitions`, tier1, { to: 'pending-customer', reason: 'Please send the log.' })).body.status).toBe('pending-customer');
    clockBefore = await stack.moveClock({ advance: 'PT1H' });

    remindAt = addBusinessDays(calendar, SUN_1100, 2);
    wakeUpsBefore = await stack.wakeUps();
    expect(wakeUpsBefore.map((w) => (w as { at: string }).at)).toContain(remindAt);
    mailBefore = await stack.sentMail();
    expect(mailBefore.length).toBeGreaterThan(0);
  }, START_TIMEOUT_MS + 30_000);

  it('keeps the ticket, the sent mail, the pending wake-ups and the clock across SIGTERM and start', async () => {
    const s = await restart();
    const dana = await s.tokenFor('customer', 'dana@acme.example', 'acme');
    const ticket = await s.api('GET', `/tickets/${id}`, dana);
    expect(ticket.status).toBe(200);
    expect(ticket.body).toMatchObject({ id, number, status: 'pending-customer' });
    expect(await s.clockNow()).toBe(clockBefore);
    expect(await s.sentMail()).toEqual(mailBefore);
    expect(await s.wakeUps()).toEqual(wakeUpsBefore);
  }, START_TIMEOUT_MS + 30_000);

  it('R-PEND-2: a reminder that fell due while the stack was down is sent at start-up', async () => {
    expect(await stack!.stop()).toBe(0);
    // The manual clock is kept in the data folder as {"now": ISO}: move it past the reminder while down.
    const clockFile = path.join(dataDir, 'clock.json');
    expect(JSON.parse(readFileSync(clockFile, 'utf8'))).toEqual({ now: clockBefore });
    const later = new Date(Date.parse(remindAt) + 60_000).toISOString();
    writeFileSync(clockFile, JSON.stringify({ now: later }));

    const s = (stack = await startStack(dataDir, ARGS));
    expect(await s.clockNow()).toBe(later);
    const mail = await s.sentMail();
    expect(mail.slice(0, mailBefore.length)).toEqual(mailBefore);
    const reminders = mail.slice(mailBefore.length);
    expect(reminders, JSON.stringify({ wakeUps: await s.wakeUps(), stderr: s.stderr.join('') })).toHaveLength(1);
    expect(reminders[0]!.destination.to.join()).toContain('dana@acme.example');
    expect(reminders[0]!.subject.startsWith(`[${number}] `)).toBe(true);
    expect((await s.wakeUps()).map((w) => w.at)).not.toContain(remindAt);
    const dana = await s.tokenFor('customer', 'dana@acme.example', 'acme');
    expect((await s.api('GET', `/tickets/${id}`, dana)).body.status).toBe('pending-customer');
  }, START_TIMEOUT_MS + 30_000);

  it('delivers at start a stream record the outbox never handled (as after a kill -9), and nothing twice', async () => {
    const s = stack!;
    const mailBeforeDown = await s.sentMail();
    expect(await s.stop()).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dataDir, 'stream-checkpoints.json'), 'utf8')).shards)).not.toHaveLength(0);

    // While the stack is down, a ticket is written straight to its database: its stream record is
    // exactly one the outbox has not handled, as when the process dies between a write and its batch.
    const dynamo = await startDynamoDbLocal({ dbPath: path.join(dataDir, 'dynamodb') });
    const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    const opened = openTicket({
      id: `t-down-${Date.now()}`, type: 'incident', severity: 'high', organisationId: 'acme', actor: CUSTOMER,
      entitlement: anEntitlement(), case: aCase({ number: 'T-9001', subject: 'Written while the stack was down' }),
    }, defaultPolicy, await readClock());
    try {
      await new DynamoTicketStore(client, TABLE_NAME).create(opened, { messages: [] });
    } finally {
      client.destroy();
      await dynamo.stop();
    }

    const next = (stack = await startStack(dataDir, ARGS));
    const mail = await next.sentMail();
    expect(mail.slice(0, mailBeforeDown.length)).toEqual(mailBeforeDown); // nothing handled before comes again
    const fresh = mail.slice(mailBeforeDown.length);
    expect(fresh.map((m) => [m.destination.to.join().includes('<dana@acme.example>'), m.subject.slice(0, 8)]), next.stderr.join('')).toEqual([[true, '[T-9001]']]);
  }, START_TIMEOUT_MS * 2 + 30_000);
});

const readClock = async (): Promise<string> => (JSON.parse(readFileSync(path.join(dataDir, 'clock.json'), 'utf8')) as { now: string }).now;
