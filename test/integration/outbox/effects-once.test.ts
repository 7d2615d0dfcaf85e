// Issue 4, acceptance: the same timer firing delivered three times, and the same stream event
// delivered twice, produce their effects once (one commit, one email) — on DynamoDB Local.
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MailError } from '../../../functions/adapters/email/ses-mailer.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { AVI, DANA, MOSHE, RESELLER_OPS, useDesks, who, type Desk } from './desk.js';

const db = useDynamoDbLocal();
const desk = useDesks(db);

const SUN_1000 = '2026-06-07T07:00:00.000Z'; // Sunday 7 June 2026, 10:00 in Israel (UTC+3)
const SUN_1448 = '2026-06-07T11:48:00.000Z'; // a normal ticket's first response: warned at 80% of 6 h
const SUN_1600 = '2026-06-07T13:00:00.000Z'; // ... due at 16:00
const replay = (d: Desk, records: Desk['batches'][number]) => d.outbox({ Records: records as unknown as DynamoDBStreamEvent['Records'] });

const mailItems = (d: Desk, ticketId: string) => d.mailLog.listForTicket(ticketId);

describe('R-SLA-6: the same timer firing delivered three times commits once and mails once', () => {
  it('three concurrent deliveries of the warning wake-up: one commit, one sla-warning event, one email, the schedule re-armed', async () => {
    const d = await desk(SUN_1000);
    const t = await d.open(DANA);
    await d.newMail();
    const [wakeUp] = d.scheduler.pending();
    expect(wakeUp).toMatchObject({ at: SUN_1448, input: { ticketId: t.id, wakeAt: SUN_1448 } });

    d.clock.set(SUN_1448);
    const outcomes = await Promise.all([1, 2, 3].map(() => d.timer(wakeUp!.input)));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['committed', 'nothing-due', 'nothing-due']);
    await d.drain();
    expect(await d.timer(wakeUp!.input)).toMatchObject({ outcome: 'nothing-due', version: t.version + 1, nextWakeAt: SUN_1600 });

    const record = (await d.tickets.get(t.id))!;
    expect(record.ticket.version).toBe(t.version + 1);
    expect(record.events.filter((e) => e.type === 'sla-warning')).toHaveLength(1);
    expect(who(await d.newMail())).toEqual([['sla-warning', 'duty1@center.example', 'en']]);
    expect(d.scheduler.pending().map((s) => s.at)).toEqual([SUN_1600]); // re-armed at the breach, once
  });

  it('an early firing writes nothing and re-arms the wake-up it came too early for', async () => {
    const d = await desk(SUN_1000);
    const t = await d.open(DANA);
    d.clock.set('2026-06-07T11:00:00.000Z');
    expect(await d.timer({ ticketId: t.id, wakeAt: SUN_1448 })).toMatchObject({ outcome: 'nothing-due', version: t.version, nextWakeAt: SUN_1448 });
    expect((await d.ticket(t.id)).version).toBe(t.version);
    expect(d.scheduler.pending().map((s) => s.at)).toEqual([SUN_1448]);
  });

  it('a wake-up for a ticket that is not there removes its schedule and succeeds', async () => {
    const d = await desk(SUN_1000);
    const t = await d.open(DANA);
    expect(await d.timer({ ticketId: 'no-such-ticket', wakeAt: SUN_1448 })).toEqual({ ticketId: 'no-such-ticket', outcome: 'missing' });
    expect(d.scheduler.pending().map((s) => s.input)).toEqual([{ ticketId: t.id, wakeAt: SUN_1448 }]);
  });
});

describe('R-COMM-1: the same stream event delivered twice sends its emails once', () => {
  it('replaying every batch the outbox handled sends nothing more and leaves the log and the schedule as they were', async () => {
    const d = await desk(SUN_1000);
    const t = await d.open(MOSHE);
    await d.reply(AVI, t.id, 'We are on it.');
    await d.transition(AVI, t.id, { to: 'pending-vendor', vendorCaseNumber: 'QLK-48213' }); // R-VEND-1
    expect(who(await d.newMail())).toEqual([
      ['ticket-opened', MOSHE.email, 'he'], ['ticket-opened', RESELLER_OPS.email, 'en'],
      ['agent-reply', MOSHE.email, 'he'], ['agent-reply', RESELLER_OPS.email, 'en'],
      ['vendor-case-opened', MOSHE.email, 'he'], ['vendor-case-opened', RESELLER_OPS.email, 'en'],
    ]);
    const logBefore = await mailItems(d, t.id);
    const scheduleBefore = d.scheduler.pending();

    for (const batch of [...d.batches]) expect(await replay(d, batch)).toEqual({ batchItemFailures: [] });

    expect(await d.newMail()).toEqual([]);
    expect(await mailItems(d, t.id)).toEqual(logBefore);
    expect(logBefore.every((m) => m.status === 'sent' && m.attempts === 1 && m.rfcMessageId === `<${m.sesMessageId}@eu-west-1.amazonses.com>`)).toBe(true);
    expect(d.scheduler.pending()).toEqual(scheduleBefore);
  });

  it('each sent email can be found by the Message-ID it went out with (for In-Reply-To)', async () => {
    const d = await desk(SUN_1000);
    const t = await d.open(DANA);
    const [opened] = await d.newMail();
    const found = await d.mailLog.findByRfcMessageId(opened!.log.rfcMessageId!);
    expect(found).toMatchObject({ ticketId: t.id, ticketNumber: t.number, template: 'ticket-opened', recipient: DANA.email, status: 'sent' });
  });

  it('a send that fails is retried by the stream (batchItemFailures), the claim it left sent once', async () => {
    let failures = 1;
    const d = await desk(SUN_1000, { outbox: (deps) => ({
      ...deps,
      mailer: { send: async (email) => {
        if (failures-- > 0) throw new MailError('mail-failed', 'SES throttled', true);
        return deps.mailer.send(email);
      } },
    }) });
    const t = await d.open(DANA);
    expect(who(await d.newMail())).toEqual([['ticket-opened', DANA.email, 'he']]);
    const [item] = await mailItems(d, t.id);
    expect(item).toMatchObject({ status: 'sent', attempts: 2 });
    const deliveries = d.batches.filter((b) => b.some((r) => r.dynamodb.NewImage?.entity?.S === 'event'));
    expect(deliveries).toHaveLength(2); // the failed record came again
  });

  it('SES refusing one recipient for good is logged as rejected and does not hold the others back', async () => {
    const d = await desk(SUN_1000, { outbox: (deps) => ({
      ...deps,
      mailer: { send: async (email) => {
        if (email.to.email === RESELLER_OPS.email) throw new MailError('mail-rejected', 'MessageRejected', false);
        return deps.mailer.send(email);
      } },
    }) });
    const t = await d.open(MOSHE);
    expect(who(await d.newMail())).toEqual([['ticket-opened', MOSHE.email, 'he']]);
    const items = await mailItems(d, t.id);
    expect(items.map((m) => [m.recipient, m.status]).sort()).toEqual([[MOSHE.email, 'sent'], [RESELLER_OPS.email, 'rejected']]);
    expect(d.batches.filter((b) => b.some((r) => r.dynamodb.NewImage?.entity?.S === 'event'))).toHaveLength(1); // no retry
  });
});

describe('R-RPT-1: a report request delivered twice by the stream is emailed once', () => {
  it('the second delivery finds the request sent and sends nothing', async () => {
    const d = await desk(SUN_1000);
    await d.open(DANA);
    const before = (await d.sentEmails()).length;
    const id = `weekly:2026-05-30T21:00:00.000Z:acme:${DANA.email}`;
    await d.reportRequests.create({
      id, organisationId: 'acme', recipient: { email: DANA.email, name: DANA.name, language: 'he' },
      period: { from: '2026-05-30T21:00:00.000Z', to: '2026-06-06T21:00:00.000Z' }, frequency: 'weekly', requestedBy: 'schedule', requestedAt: SUN_1000,
    });
    await d.drain();
    const delivery = d.batches.find((b) => b.some((r) => r.dynamodb.NewImage?.entity?.S === 'report-request'))!;
    await replay(d, delivery);
    const reports = (await d.sentEmails()).slice(before);
    expect(reports).toHaveLength(1);
    expect(await d.reportRequests.get(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

