// Issue 4, item 4: what must never open or bump a ticket: SES's failed verdicts, automatic mail and
// our own (RFC 3834 and common practice), strangers; and the same message delivered twice. "Nothing
// changes" is every item of the table unchanged: with no write, the outbox has nothing to mail.
import { afterEach, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { CONTACTS, GMAIL_DANA1, openInboundDesk, SENT, toTicket, type InboundDesk } from './inbound-desk.js';

const db = useDynamoDbLocal();
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const desks: InboundDesk[] = [];
afterEach(async () => { await Promise.all(desks.splice(0).map((d) => d.stop())); });

/** A desk with T-1001 open for Dana, whose mail went out under the fixtures' SES Message-IDs. */
async function deskWithTicket() {
  const d = await openInboundDesk(db, SUN_0900);
  desks.push(d);
  const ticket = await d.open(CONTACTS.dana.email);
  await d.sent(ticket, ...Object.values(SENT));
  return { d, ticket, before: await d.keys() };
}

describe('R-COMM-1: auto-replies, bounces, lists and loops never open or bump a ticket', () => {
  it.each([
    ['auto-reply.eml', /^auto-submitted: auto-replied/],
    ['bounce.eml', /^delivery-report: multipart\/report/],
    ['bulk-list.eml', /^precedence: list/],
    ['loop-own-message.eml', /^own-message-id: <0100018fe0c4a7b2-/],
  ])('%s is dropped with its reason; nothing changes', async (name, detail) => {
    const { d, ticket, before } = await deskWithTicket();
    const outcome = await d.deliver(name, { replace: toTicket(ticket) });
    expect(outcome).toMatchObject({ outcome: 'dropped', reason: 'auto-reply', detail: expect.stringMatching(detail) });
    expect(await d.keys()).toEqual(before);
    expect(d.lines.at(-1)).toMatchObject({ level: 'warn', message: 'inbound mail', outcome: 'dropped', reason: 'auto-reply' });
  });

  it('a message with a Message-ID the notification log knows is a loop, whatever its suffix', async () => {
    const { d, ticket, before } = await deskWithTicket();
    const own = '<0100018fe0c4a7b2-5d1e8f3a-9b6c-4e2d-8a7f-3c1b0e9d2f4a-000000@ap-south-2.amazonses.com>';
    await d.sent(ticket, own);
    const after = await d.keys();
    const outcome = await d.deliver('gmail-reply.eml', { replace: [...toTicket(ticket), [GMAIL_DANA1, own]] });
    expect(outcome).toMatchObject({ outcome: 'dropped', reason: 'auto-reply', detail: `own-message-id: ${own}` });
    expect(await d.keys()).toEqual(after);
    expect(after.length).toBeGreaterThan(before.length);
  });
});

describe('R-PARTY-2: only contacts of the ticket\'s organisation or its partner may write to it', () => {
  it('refused: an unknown sender replying to a ticket; no ticket, no message, nothing to send', async () => {
    const { d, ticket, before } = await deskWithTicket();
    const outcome = await d.deliver('gmail-reply.eml', { replace: [...toTicket(ticket), [/dana\.levi@acme\.example/gi, 'mallory@evil.example']] });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'unknown-sender', from: 'mallory@evil.example' });
    expect(await d.keys()).toEqual(before);
    expect(d.lines.at(-1)).toMatchObject({ level: 'warn', outcome: 'refused', reason: 'unknown-sender' });
  });

  it('a known contact replying to the same ticket is written', async () => {
    const { d, ticket } = await deskWithTicket();
    expect(await d.deliver('gmail-reply.eml', { replace: toTicket(ticket) })).toMatchObject({ outcome: 'replied', ticketId: ticket.id });
  });
});

// R-MAIL-1 (new Decision) changed this contract: SPF, DKIM and DMARC failures no longer drop the
// mail; they leave the sender unverified, recorded and changing nothing (test/integration/inbound/sender-auth.test.ts).
describe('SES receipt verdicts: a FAIL on spam or virus is dropped; SPF, DKIM or DMARC FAIL leave the sender unverified', () => {
  it.each(['spam', 'virus'] as const)('%s FAIL: dropped and logged, the MIME not even read', async (verdict) => {
    const { d, ticket, before } = await deskWithTicket();
    const outcome = await d.deliver('gmail-reply.eml', { replace: toTicket(ticket), verdicts: { [verdict]: 'FAIL' } });
    expect(outcome).toMatchObject({ outcome: 'dropped', reason: 'verdict-failed', detail: verdict, messageId: null });
    expect(await d.keys()).toEqual(before);
  });

  it('spam and virus both FAIL: both named', async () => {
    const { d, ticket } = await deskWithTicket();
    expect(await d.deliver('gmail-reply.eml', { replace: toTicket(ticket), verdicts: { spam: 'FAIL', virus: 'FAIL' } })).toMatchObject({ detail: 'spam,virus' });
  });

  it.each([
    [{ spf: 'FAIL' }], [{ dmarc: 'FAIL' }], [{ spf: 'FAIL', dkim: 'FAIL' }],
  ] as const)('R-MAIL-1: %o: recorded from an unverified sender, the status unchanged', async (verdicts) => {
    const { d, ticket } = await deskWithTicket();
    const outcome = await d.deliver('gmail-reply.eml', { replace: toTicket(ticket), verdicts });
    expect(outcome).toMatchObject({ outcome: 'recorded-unverified', reason: 'R-MAIL-1', ticketId: ticket.id, sender: 'unverified' });
    const record = await d.record(ticket.id);
    expect(record.ticket.status).toBe(ticket.status);
    expect(record.messages.at(-1)?.sender).toEqual({ address: CONTACTS.dana.email, verified: false, method: null });
  });

  it('GRAY and PROCESSING_FAILED are not failures: the reply is written', async () => {
    const { d, ticket } = await deskWithTicket();
    const outcome = await d.deliver('gmail-reply.eml', { replace: toTicket(ticket), verdicts: { spam: 'GRAY', dmarc: 'PROCESSING_FAILED' } });
    expect(outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id });
  });
});

describe('the same Message-ID delivered twice is processed once', () => {
  it('one after the other: the second is a duplicate and changes nothing', async () => {
    const { d, ticket } = await deskWithTicket();
    expect(await d.deliver('with-attachments.eml', { replace: toTicket(ticket) })).toMatchObject({ outcome: 'replied' });
    const afterFirst = await d.keys();
    expect(afterFirst.filter((k) => k.startsWith('INBOUND#'))).toHaveLength(1);
    expect(await d.deliver('with-attachments.eml', { replace: toTicket(ticket) })).toMatchObject({ outcome: 'duplicate', reason: 'already-processed', ticketId: ticket.id });
    expect(await d.keys()).toEqual(afterFirst);
  });

  it('two deliveries at once: one written, one duplicate (the marker in the transaction decides)', async () => {
    const { d, ticket } = await deskWithTicket();
    const outcomes = await Promise.all([1, 2].map(() => d.deliver('gmail-reply.eml', { replace: toTicket(ticket) })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'replied']);
    const { ticket: after, messages } = await d.record(ticket.id);
    expect(messages.filter((m) => m.emailMessageId === GMAIL_DANA1)).toHaveLength(1);
    expect(after.version).toBe(ticket.version + 1);
  });

  it('two deliveries that both pass the early check: the INBOUND# marker in the transaction lets one through', async () => {
    const d = await openInboundDesk(db, SUN_0900, {
      // both deliveries race past the read of the marker, as two Lambdas can
      inboundTickets: (t) => Object.assign(Object.create(t) as typeof t, { findIdByInboundMessageId: async (id: string) => (id === GMAIL_DANA1 ? null : t.findIdByInboundMessageId(id)) }),
    });
    desks.push(d);
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, SENT.agent1);
    const outcomes = await Promise.all([1, 2, 3].map(() => d.deliver('gmail-reply.eml', { replace: toTicket(ticket) })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'duplicate', 'replied']);
    expect((await d.record(ticket.id)).messages.filter((m) => m.emailMessageId === GMAIL_DANA1)).toHaveLength(1);
  });

  it('R-TKT-1: a new-ticket email delivered twice opens one ticket', async () => {
    const d = await openInboundDesk(db, SUN_0900);
    desks.push(d);
    const first = await d.deliver('new-ticket.eml');
    expect(first).toMatchObject({ outcome: 'opened' });
    expect(await d.deliver('new-ticket.eml')).toMatchObject({ outcome: 'duplicate', ticketId: first.ticketId });
    expect(await d.tickets.findIdByNumber('T-1002')).toBeNull();
  });
});
