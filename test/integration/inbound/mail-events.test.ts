// Issue 4, item 5: SES bounces and complaints (event destination → SNS or EventBridge → Lambda)
// mark the contact unreachable and note it on their open tickets, once.
import './live-env.js'; // first: the handler modules read their wiring at import
import { afterEach, describe, expect, it } from 'vitest';
import { MAIL_EVENTS_ACTOR } from '../../../functions/handlers/mail-events.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { BOUNCE_SNS_EVENT, CONTACTS, openInboundDesk, type InboundDesk } from './inbound-desk.js';

const db = useDynamoDbLocal();
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const desks: InboundDesk[] = [];
afterEach(async () => { await Promise.all(desks.splice(0).map((d) => d.stop())); });

/** Dana has an open and a closed ticket; Moshe, of the same organisation, an open one. */
async function deskWithTickets() {
  const d = await openInboundDesk(db, SUN_0900);
  desks.push(d);
  const open = await d.open(CONTACTS.dana.email);
  const closed = await d.open(CONTACTS.dana.email);
  await d.resolve(closed.id);
  await d.close(closed.id);
  const moshes = await d.open(CONTACTS.moshe.email);
  return { d, open, closed, moshes };
}

const sesEvent = (message: object) => ({ Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(message) } }] });
const bounceOf = (type: 'Permanent' | 'Transient', email: string, feedbackId = 'fb-1') => ({
  eventType: 'Bounce', mail: { messageId: 'ses-1', timestamp: SUN_0900 },
  bounce: { feedbackId, bounceType: type, bounceSubType: 'General', bouncedRecipients: [{ emailAddress: email, diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] },
});
const notes = async (d: InboundDesk, id: string) => (await d.record(id)).messages.filter((m) => m.visibility === 'internal');

describe('a permanent bounce or a complaint marks the contact unreachable and notes it on their open tickets', () => {
  it('a permanent bounce (SNS envelope, the captured event): Dana unreachable, a note on her open ticket only', async () => {
    const { d, open, closed, moshes } = await deskWithTickets();
    const before = { closed: await d.record(closed.id), moshes: await d.record(moshes.id) };
    const [outcome] = await d.mailEvents(BOUNCE_SNS_EVENT);
    expect(outcome).toEqual({ email: CONTACTS.dana.email, eventType: 'Bounce', outcome: 'marked-unreachable', reason: 'permanent-bounce', notedTickets: [open.number] });
    expect(await d.directory.findContact(CONTACTS.dana.email)).toMatchObject({ unreachable: true });
    expect(await d.directory.findContact(CONTACTS.moshe.email)).toMatchObject({ unreachable: false });
    const [note, ...more] = await notes(d, open.id);
    expect(more).toEqual([]);
    expect(note).toMatchObject({ author: MAIL_EVENTS_ACTOR, visibility: 'internal', body: expect.stringMatching(/^Email to dana\.levi@acme\.example bounced permanently \(General; smtp; 550 5\.1\.1 user unknown\)/) });
    expect((await d.record(open.id)).events.at(-1)).toMatchObject({ type: 'note-added', actor: MAIL_EVENTS_ACTOR });
    expect(await d.record(closed.id)).toEqual(before.closed);
    expect(await d.record(moshes.id)).toEqual(before.moshes);
  });

  it('the same event delivered again changes nothing', async () => {
    const { d, open } = await deskWithTickets();
    await d.mailEvents(BOUNCE_SNS_EVENT);
    const once = await d.keys();
    const [again] = await d.mailEvents(BOUNCE_SNS_EVENT);
    expect(again).toMatchObject({ outcome: 'marked-unreachable', notedTickets: [] });
    expect(await d.keys()).toEqual(once);
    expect(await notes(d, open.id)).toHaveLength(1);
  });

  it('a complaint, bare or in an EventBridge envelope, marks the contact too', async () => {
    const { d, moshes } = await deskWithTickets();
    const complaint = { eventType: 'Complaint', mail: { messageId: 'ses-2' }, complaint: { feedbackId: 'fb-2', complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: 'Moshe.Cohen@acme.example' }] } };
    const [outcome] = await d.mailEvents({ 'detail-type': 'Email Complained', source: 'aws.ses', detail: complaint });
    expect(outcome).toMatchObject({ email: CONTACTS.moshe.email, outcome: 'marked-unreachable', reason: 'complaint', notedTickets: [moshes.number] });
    expect(await d.directory.findContact(CONTACTS.moshe.email)).toMatchObject({ unreachable: true });
    expect((await notes(d, moshes.id))[0]!.body).toMatch(/reported our email as unwanted \(abuse\)/);
    expect(await d.mailEvents(complaint)).toMatchObject([{ notedTickets: [] }]);
  });

  it('refused: a transient bounce marks nobody', async () => {
    const { d, open } = await deskWithTickets();
    const before = await d.keys();
    expect(await d.mailEvents(sesEvent(bounceOf('Transient', CONTACTS.dana.email)))).toEqual([{ email: '', eventType: 'Bounce', outcome: 'ignored', reason: 'Transient bounce' }]);
    expect(await d.keys()).toEqual(before);
    expect(await notes(d, open.id)).toEqual([]);
  });

  it('refused: a bounce for an address that is no contact (staff) changes nothing', async () => {
    const { d } = await deskWithTickets();
    const before = await d.keys();
    expect(await d.mailEvents(sesEvent(bounceOf('Permanent', 'duty1@center.example')))).toMatchObject([{ outcome: 'ignored', reason: 'not-a-contact' }]);
    expect(await d.keys()).toEqual(before);
  });
});
