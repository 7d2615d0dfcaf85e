// R-MAIL-1 on DynamoDB Local: the inbound handler trusts From only when an aligned DKIM signature
// verifies (checked on the raw message with the test key the desk's DNS publishes) or SES's SPF
// passed for an aligned MAIL FROM. Anything else is recorded as from an unverified sender and
// changes nothing else.
import { afterEach, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { CONTACTS, openInboundDesk, SENT, toTicket, type InboundDesk } from './inbound-desk.js';

const db = useDynamoDbLocal();
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const desks: InboundDesk[] = [];
afterEach(async () => { await Promise.all(desks.splice(0).map((d) => d.stop())); });
const desk = async () => { const d = await openInboundDesk(db, SUN_0900); desks.push(d); return d; };

/** What a forger controls: From, and a MAIL FROM of their own, with SPF passing for it. */
const FORGED = { envelopeFrom: 'bounce@evil.example', verdicts: { spf: 'PASS', dkim: 'GRAY', dmarc: 'GRAY' } } as const;
/** Dana's own server: signs as acme.example; SES's SPF says nothing useful. */
const SIGNED = { signAs: 'acme.example', envelopeFrom: 'bounce@mailer.other.example', verdicts: { spf: 'GRAY', dkim: 'PASS', dmarc: 'PASS' } } as const;

describe('R-MAIL-1: an email is trusted as from its From address only when that domain is authenticated', () => {
  it('a forged "confirm" from Dana\'s address does not close her Resolved ticket; it is recorded as unverified', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.resolve(ticket.id);
    await d.sent(ticket, SENT.resolved);
    const outcome = await d.deliver('confirm-reply.eml', { replace: toTicket(ticket), ...FORGED });
    expect(outcome).toMatchObject({ outcome: 'recorded-unverified', reason: 'R-MAIL-1', ticketId: ticket.id, sender: 'unverified' });
    const { ticket: after, messages, events } = await d.record(ticket.id);
    expect(after.status).toBe('resolved');
    expect(messages.at(-1)).toMatchObject({ body: 'Confirm\n\nThanks for the help!', sender: { address: 'dana.levi@acme.example', verified: false, method: null } });
    expect(events.at(-1)).toMatchObject({ type: 'unverified-mail-received', actor: { party: 'system' }, data: { claimedFrom: 'dana.levi@acme.example', notify: false } });
    expect(d.lines.at(-1)).toMatchObject({ outcome: 'recorded-unverified', sender: 'unverified' });
  });

  it('the same "confirm", signed by acme.example\'s key, closes it (aligned DKIM)', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.resolve(ticket.id);
    await d.sent(ticket, SENT.resolved);
    const outcome = await d.deliver('confirm-reply.eml', { replace: toTicket(ticket), ...SIGNED });
    expect(outcome).toMatchObject({ outcome: 'confirmed', sender: 'aligned-dkim' });
    const { ticket: after, messages } = await d.record(ticket.id);
    expect(after.status).toBe('closed');
    expect(messages.at(-1)?.sender).toEqual({ address: 'dana.levi@acme.example', verified: true, method: 'aligned-dkim' });
  });

  it('SES\'s SPF pass for an aligned MAIL FROM authenticates too', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, SENT.agent1);
    const outcome = await d.deliver('gmail-reply.eml', { replace: toTicket(ticket), envelopeFrom: 'dana.levi@acme.example', verdicts: { spf: 'PASS', dkim: 'GRAY', dmarc: 'GRAY' } });
    expect(outcome).toMatchObject({ outcome: 'replied', sender: 'aligned-spf' });
  });

  it('a domain without DMARC: SES says GRAY, From is still unverified without an aligned pass; nothing but the record changes', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, SENT.agent1);
    const before = (await d.record(ticket.id)).ticket;
    const outcome = await d.deliver('gmail-reply.eml', { replace: toTicket(ticket), envelopeFrom: '', verdicts: { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' } });
    expect(outcome).toMatchObject({ outcome: 'recorded-unverified' });
    const after = (await d.record(ticket.id)).ticket;
    expect({ ...after, version: 0, nextWakeAt: null }).toEqual({ ...before, version: 0, nextWakeAt: null });
  });

  it('refused: a forged message naming no ticket opens none in Dana\'s organisation\'s name', async () => {
    const d = await desk();
    const before = await d.keys();
    const outcome = await d.deliver('new-ticket.eml', { ...FORGED });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'unverified-sender', sender: 'unverified', detail: expect.stringMatching(/^dkim=none spf=PASS:evil\.example dmarc=GRAY$/) });
    expect(await d.keys()).toEqual(before);
  });

  it('a forged reply to a Closed ticket is recorded on it; no linked ticket is opened (R-CLOSE-5 needs a trusted sender)', async () => {
    const d = await desk();
    const closed = await d.open(CONTACTS.dana.email);
    await d.resolve(closed.id);
    await d.close(closed.id);
    await d.sent(closed, SENT.agent1);
    const outcome = await d.deliver('gmail-reply.eml', { replace: toTicket(closed), ...FORGED });
    expect(outcome).toMatchObject({ outcome: 'recorded-unverified', ticketId: closed.id });
    expect((await d.record(closed.id)).ticket.status).toBe('closed');
    expect(await d.tickets.findIdByNumber('T-1002')).toBeNull();
  });
});
