// Issue 4, item 4: customers' emails from real clients land on the right ticket, with only the new
// reply text and their attachments; a contact without a ticket reference opens one (R-TKT-1).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { CONTACTS, OUR_DOMAIN, GMAIL_DANA1, openInboundDesk, SENT, toTicket, type InboundDesk } from './inbound-desk.js';

const db = useDynamoDbLocal();
const SUN_0900 = '2026-06-07T06:00:00.000Z'; // Sunday 7 June 2026, 09:00 in Israel
const desks: InboundDesk[] = [];
afterEach(async () => { await Promise.all(desks.splice(0).map((d) => d.stop())); });
const desk = async () => {
  const d = await openInboundDesk(db, SUN_0900);
  desks.push(d);
  return d;
};
/** The email messages of a ticket (the API's opening message left out). */
const emailed = async (d: InboundDesk, id: string) => (await d.record(id)).messages.filter((m) => m.channel === 'email');

describe('R-COMM-1: a reply from each common mail client lands on its ticket, only the new text kept', () => {
  it.each([
    ['gmail-reply.eml', CONTACTS.dana.email, GMAIL_DANA1, 'Hi,\n\nI restarted the sync service as you suggested and the error hasn\u2019t come back so far.\n'
      + 'The nightly job runs at 02:00, I\u2019ll let you know tomorrow morning.\n\nThanks,\nDana'],
    ['outlook-reply.eml', CONTACTS.moshe.email, '<AM9PR04MB8147C3E5A7B9D1F3A5C7E9B1D3F5A7C9E1@AM9PR04MB8147.eurprd04.prod.outlook.com>',
      'Hi,\n\nThe error came back last night at 02:00, same code 0x80070005. The service was running when the job started.\n\n'
      + 'Can someone look at the server today?\n\nBest regards,\nMoshe Cohen\nIT Manager | Acme Ltd.\nTel. +972-3-555-0142'],
    ['apple-mail-reply.eml', CONTACTS.dana.email, '<5B2D8F1E-7C4A-4E39-9A6B-2D1C0F8E7A63@acme.example>',
      'The job ran fine last night \u2014 no error in the log.\nI\u2019ll watch it for one more night.'],
    ['thunderbird-reply.eml', CONTACTS.yossi.email, '<8c1f4e2a-3b5d-4f7e-9a0c-6d2e1b8f7a34@acme.example>',
      'I checked the event log on the application server: the fix is in place and the 02:00 run finished without errors.'
      + '\n\nOne question: should we keep the old service account or can we delete it?'],
    ['hebrew-reply.eml', CONTACTS.dana.email, '<CAJ8vN2pR6sTy3Lk8WqZ1xB4cF7dH0mE5uA9gI2kO6pQ4rS8tNw@mail.gmail.com>',
      'שלום,\n\nההפעלה מחדש עזרה, הסנכרון הלילי עבר בלי שגיאות.\nנעדכן אם משהו ישתנה.\n\nתודה,\nדנה'],
  ])('%s: the ticket, the author, the text, the Message-ID', async (name, author, messageId, text) => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, ...Object.values(SENT));
    const outcome = await d.deliver(name, { replace: toTicket(ticket) });
    expect(outcome).toMatchObject({ outcome: 'replied', reason: 'customer-reply', ticketId: ticket.id, ticketNumber: ticket.number });
    expect(outcome.detail).toMatch(/^our-message-id </); // In-Reply-To named our mail
    const [message, ...more] = await emailed(d, ticket.id);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ author: { party: 'customer', id: author }, visibility: 'public', body: text, channel: 'email', emailMessageId: messageId });
    const { ticket: after } = await d.record(ticket.id);
    expect(after.version).toBe(ticket.version + 1);
    expect(d.lines.at(-1)).toMatchObject({ level: 'info', message: 'inbound mail', outcome: 'replied', reason: 'customer-reply' });
  });

  it('with-attachments.eml: the PDF and the PNG stored under the ticket and the message, referenced on it', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, SENT.agent4);
    const outcome = await d.deliver('with-attachments.eml', { replace: toTicket(ticket) });
    expect(outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id, attachments: 2 });
    const [message] = await emailed(d, ticket.id);
    expect(message!.body).toBe('Hi,\n\nAttached are the sync log from last night and a screenshot of the error dialog.\n\nDana');
    expect(message!.attachments).toEqual([
      { name: 'sync-log-2024-06-06.pdf', contentType: 'application/pdf', size: 552, key: `attachments/${ticket.id}/${message!.id}/sync-log-2024-06-06.pdf` },
      { name: 'error-dialog.png', contentType: 'image/png', size: 133, key: `attachments/${ticket.id}/${message!.id}/error-dialog.png` },
    ]);
    const pdf = await readFile(join(d.folder, message!.attachments[0]!.key));
    const png = await readFile(join(d.folder, message!.attachments[1]!.key));
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(png.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect([pdf.length, png.length]).toEqual([552, 133]);
  });

  it('outlook-reply.eml: the inline signature logo is kept as an attachment too (a pasted screenshot looks the same)', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, SENT.agent2);
    await d.deliver('outlook-reply.eml', { replace: toTicket(ticket) });
    const [message] = await emailed(d, ticket.id);
    expect(message!.attachments).toEqual([{ name: 'image001.png', contentType: 'image/png', size: 141, key: `attachments/${ticket.id}/${message!.id}/image001.png` }]);
  });
});

describe('R-COMM-1: the ticket is looked up by thread, then plus-address, then subject token', () => {
  const noThread = [['In-Reply-To:', 'X-Dropped-In-Reply-To:'], ['References:', 'X-Dropped-References:']] as const;

  it('In-Reply-To wins over a plus-address and subject naming another ticket', async () => {
    const d = await desk();
    const [threaded, other] = [await d.open(CONTACTS.dana.email), await d.open(CONTACTS.dana.email)];
    await d.sent(threaded, SENT.agent1);
    expect(await d.deliver('gmail-reply.eml', { replace: toTicket(other) })).toMatchObject({ outcome: 'replied', ticketId: threaded.id, detail: `our-message-id ${SENT.agent1}` });
  });

  it('a References entry that is an earlier inbound email of the thread (the INBOUND# marker) finds its ticket', async () => {
    const d = await desk();
    const [first, other] = [await d.open(CONTACTS.dana.email), await d.open(CONTACTS.dana.email)];
    await d.deliver('gmail-reply.eml', { replace: toTicket(first) }); // by plus-address: the log knows none of our mail
    // Outlook's reply names our AGENT2 (unknown here), then Dana's Gmail message, then older ones
    expect(await d.deliver('outlook-reply.eml', { replace: toTicket(other) })).toMatchObject({ outcome: 'replied', ticketId: first.id, detail: `inbound-message-id ${GMAIL_DANA1}` });
  });

  it('no thread headers: the plus-address support+T-…@ finds it', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    expect(await d.deliver('thunderbird-reply.eml', { replace: [...toTicket(ticket), ...noThread] }))
      .toMatchObject({ outcome: 'replied', ticketId: ticket.id, detail: `plus-address ${ticket.number}` });
  });

  it('no thread headers and a plain address: the subject token [T-…] finds it through the NUMBER# pointer', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    expect(await d.tickets.findIdByNumber(ticket.number)).toBe(ticket.id);
    const outcome = await d.deliver('thunderbird-reply.eml', { replace: [...toTicket(ticket), ...noThread, [`support+${ticket.number}@`, 'support@']] });
    expect(outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id, detail: `subject ${ticket.number}` });
  });
});

describe('R-TKT-1: tickets can be opened by email', () => {
  it('a known contact writing with no ticket reference opens a ticket: subject, text, normal incident, by email', async () => {
    const d = await desk();
    const outcome = await d.deliver('new-ticket.eml');
    expect(outcome).toMatchObject({ outcome: 'opened', reason: 'R-TKT-1', ticketNumber: 'T-1001' });
    const { ticket, messages, events } = await d.record(outcome.ticketId!);
    expect(ticket).toMatchObject({
      organisationId: 'acme', subject: 'Reporting portal: login fails with RPT-5003 since this morning', severity: 'normal', type: 'incident',
      status: 'new', channel: 'email', openedBy: CONTACTS.dana.email, linkedTicketId: null,
    });
    expect(ticket.sla.firstResponse?.dueAt).toBeTruthy(); // the SLA clock runs as for the API (R-SLA-1)
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toMatch(/^Hello,\n\nSince 08:00 this morning none of our users can log in/);
    expect(messages[0]!.emailMessageId).toBe('<VI1PR04MB5982D2E4A6B8C0D1E3F5A7B9C1D3E5F7A9@VI1PR04MB5982.eurprd04.prod.outlook.com>');
    expect(events.map((e) => e.type)).toEqual(['ticket-opened']);
    expect(await d.tickets.findIdByNumber('T-1001')).toBe(ticket.id);
  });

  it('refused: a stranger writing with no reference opens nothing', async () => {
    const d = await desk();
    const before = await d.keys();
    const outcome = await d.deliver('new-ticket.eml', { replace: [['dana.levi@acme.example', 'someone@elsewhere.example']] });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'unknown-sender', from: 'someone@elsewhere.example' });
    expect(await d.keys()).toEqual(before);
  });
});

describe("R-PARTY-2: a partner follows its customers' tickets by email too", () => {
  const as = (email: string) => [[/dana\.levi@acme\.example/gi, email]] as const;

  it("the partner's contact replies to its customer's ticket", async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.tom.email, 'contoso');
    await d.sent(ticket, SENT.agent1);
    const outcome = await d.deliver('gmail-reply.eml', { replace: [...toTicket(ticket), ...as(CONTACTS.pat.email)] });
    expect(outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id, from: CONTACTS.pat.email });
    const [message] = await emailed(d, ticket.id);
    expect(message!.author).toEqual({ party: 'customer', id: CONTACTS.pat.email });
  });

  it.each([
    ['a contact of another customer', CONTACTS.gil.email],
    ['a contact of another partner', CONTACTS.fay.email],
  ])('refused: %s replying to the ticket, nothing written', async (_, email) => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.tom.email, 'contoso');
    await d.sent(ticket, SENT.agent1);
    const before = await d.keys();
    const outcome = await d.deliver('gmail-reply.eml', { replace: [...toTicket(ticket), ...as(email)] });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'sender-not-a-party', ticketId: ticket.id, from: email });
    expect(await d.keys()).toEqual(before);
    expect(d.lines.at(-1)).toMatchObject({ level: 'warn', outcome: 'refused', reason: 'sender-not-a-party' });
  });
});

describe('R-CLOSE-2: "confirm" or "reopen" in a reply to a Resolved ticket decides it', () => {
  it('confirm-reply.eml closes the Resolved ticket, the reply kept on it', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.resolve(ticket.id);
    await d.sent(ticket, SENT.resolved);
    expect(await d.deliver('confirm-reply.eml', { replace: toTicket(ticket) })).toMatchObject({ outcome: 'confirmed', reason: 'R-CLOSE-2 confirm', ticketId: ticket.id });
    const { ticket: after, messages } = await d.record(ticket.id);
    expect(after.status).toBe('closed');
    expect(messages.at(-1)).toMatchObject({ body: 'Confirm\n\nThanks for the help!', channel: 'email' });
  });

  it('reopen-hebrew.eml ("לא נפתר") reopens it, the text its reason', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.resolve(ticket.id);
    await d.sent(ticket, SENT.resolved);
    expect(await d.deliver('reopen-hebrew.eml', { replace: toTicket(ticket) })).toMatchObject({ outcome: 'reopened', ticketId: ticket.id, from: CONTACTS.moshe.email });
    const { ticket: after, events } = await d.record(ticket.id);
    expect(after.status).toBe('in-progress');
    expect(events.at(-1)?.data).toMatchObject({ reason: 'customer-rejected', comment: expect.stringMatching(/^לא נפתר\n\nהשגיאה חזרה הלילה/) });
  });

  it('"confirm" on a ticket that is not Resolved is just a reply: it closes nothing', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, SENT.resolved);
    expect(await d.deliver('confirm-reply.eml', { replace: toTicket(ticket) })).toMatchObject({ outcome: 'replied' });
    expect((await d.record(ticket.id)).ticket.status).toBe('new');
  });
});

describe('R-CLOSE-2: the action links\' addresses decide with nothing typed; any other reply keeps the ticket Resolved', () => {
  /** What a mail client sends from an action link: the prefilled subject, an empty body, to the action address. */
  const fromLink = (number: string, action: 'confirm' | 'reject', subject: string) => {
    const to = `support+${number}+${action}@${OUR_DOMAIN}`;
    return {
      recipients: [to], envelopeFrom: CONTACTS.dana.email, verdicts: { spf: 'PASS' } as const,
      raw: [`From: Dana Levi <${CONTACTS.dana.email}>`, `To: ${to}`, `Subject: =?UTF-8?B?${Buffer.from(`[${number}] ${subject}`).toString('base64')}?=`,
        'Date: Sun, 7 Jun 2026 12:00:00 +0300', `Message-ID: <link-${action}-${number}@acme.example>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', ''].join('\r\n'),
    };
  };
  const resolvedTicket = async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.resolve(ticket.id);
    return { d, ticket };
  };

  it('the confirm link (Hebrew subject, empty body) closes it', async () => {
    const { d, ticket } = await resolvedTicket();
    expect(await d.deliver('link', fromLink(ticket.number, 'confirm', 'אישור: הבעיה נפתרה'))).toMatchObject({ outcome: 'confirmed', reason: 'R-CLOSE-2 confirm link' });
    expect((await d.record(ticket.id)).ticket.status).toBe('closed');
  });

  it('the reject link reopens it, its subject the reason', async () => {
    const { d, ticket } = await resolvedTicket();
    expect(await d.deliver('link', fromLink(ticket.number, 'reject', 'הבעיה לא נפתרה'))).toMatchObject({ outcome: 'reopened', reason: 'R-CLOSE-2 reject link' });
    const { ticket: after, events } = await d.record(ticket.id);
    expect(after.status).toBe('in-progress');
    expect(events.at(-1)?.data).toMatchObject({ reason: 'customer-rejected', comment: `[${ticket.number}] הבעיה לא נפתרה` });
  });

  it('refused: the confirm link from an unverified sender (R-MAIL-1) closes nothing', async () => {
    const { d, ticket } = await resolvedTicket();
    const forged = { ...fromLink(ticket.number, 'confirm', 'Confirmed'), envelopeFrom: 'x@evil.example' };
    expect(await d.deliver('link', forged)).toMatchObject({ outcome: 'recorded-unverified' });
    expect((await d.record(ticket.id)).ticket.status).toBe('resolved');
  });

  it('a reply that neither confirms nor rejects keeps it Resolved, asks for a decision, and restarts the check-ins from it', async () => {
    const { d, ticket } = await resolvedTicket();
    await d.sent(ticket, SENT.agent1);
    d.clock.tick(60 * 24); // a day later
    const before = (await d.record(ticket.id)).ticket.timers;
    const outcome = await d.deliver('gmail-reply.eml', { replace: toTicket(ticket) });
    expect(outcome).toMatchObject({ outcome: 'replied', reason: 'customer-reply' });
    const { ticket: after, events } = await d.record(ticket.id);
    expect(after.status).toBe('resolved');
    expect(events.map((e) => e.type)).toContain('resolution-decision-needed');
    const repliedAt = events.at(-1)!.at;
    expect(after.timers).toHaveLength(3);
    expect(after.timers.map((x) => x.kind)).toEqual(before.map((x) => x.kind)); // check-in, check-in, auto-close
    after.timers.forEach((x, i) => expect(x.dueAt > before[i]!.dueAt && x.dueAt > repliedAt && x.doneAt === null).toBe(true));
  });
});

describe('R-CLOSE-5: a reply to a Closed ticket opens a new ticket linked to it', () => {
  it('the closed ticket stays closed; the new one is linked, carries the reply and its subject', async () => {
    const d = await desk();
    const closed = await d.open(CONTACTS.dana.email);
    await d.resolve(closed.id);
    await d.close(closed.id);
    await d.sent(closed, SENT.agent1);
    const before = await d.record(closed.id);
    const outcome = await d.deliver('gmail-reply.eml', { replace: toTicket(closed) });
    expect(outcome).toMatchObject({ outcome: 'opened-follow-up', reason: 'R-CLOSE-5', linkedTicketId: closed.id });
    expect(outcome.ticketId).not.toBe(closed.id);
    const { ticket, messages } = await d.record(outcome.ticketId!);
    expect(ticket).toMatchObject({ linkedTicketId: closed.id, status: 'new', channel: 'email', subject: closed.subject, organisationId: 'acme' });
    expect(messages[0]).toMatchObject({ emailMessageId: GMAIL_DANA1, body: expect.stringMatching(/^Hi,\n\nI restarted the sync service/) });
    expect(await d.record(closed.id)).toEqual(before);
  });

  it('refused: a reply to an open ticket opens no new one', async () => {
    const d = await desk();
    const open = await d.open(CONTACTS.dana.email);
    await d.sent(open, SENT.agent1);
    expect(await d.deliver('gmail-reply.eml', { replace: toTicket(open) })).toMatchObject({ outcome: 'replied', ticketId: open.id });
    expect(await d.tickets.findIdByNumber('T-1002')).toBeNull();
  });
});
