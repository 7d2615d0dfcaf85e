import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../../functions/adapters/mail/detect-intent.js';
import { parseInboundMail } from '../../../functions/adapters/mail/parse-inbound.js';

const OURS = {
  ourDomains: ['support.center.example'],
  ourMessageIdSuffixes: ['@email.amazonses.com>', '@eu-west-1.amazonses.com>'],
};
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/mail/${name}`, import.meta.url));
const parse = (name: string) => parseInboundMail(fixture(name), OURS);

// Message-IDs of the thread of T-1042 (our mail got its IDs from SES)
const FIRST = '<CAJ8vN2kQ7x9mLp4RtY6wZ3bH5dF1sE0uA2cG9iK8oP3qT1rXw@mail.gmail.com>';
const OPENED = '<0100018fdb7e3c11-a8e4b2c9-7f1d-4c6a-b3e5-9d2f8a1c4e70-000000@email.amazonses.com>';
const AGENT1 = '<0100018fe0c4a7b2-5d1e8f3a-9b6c-4e2d-8a7f-3c1b0e9d2f4a-000000@email.amazonses.com>';
const DANA1 = '<CAJ8vN2mT4qWz7Kp1RxY9bL3dF6sH0uE2cA5gI8kO1pQ3rS7tXw@mail.gmail.com>';
const AGENT2 = '<0100018fe5d90a6e-3b7c1f2d-4e8a-4b9c-a1d2-6f5e4c3b2a19-000000@email.amazonses.com>';
const AGENT3 = '<0100018fe9f2b7c4-7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928-000000@email.amazonses.com>';
const RESOLVED = '<0100018ff1a2b3c4-1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b-000000@email.amazonses.com>';

/** A small hand-written message for the variants the fixtures do not carry. */
const mime = (headers: Record<string, string>, body = 'Hello') => Object.entries({
  From: 'Dana Levi <dana.levi@acme.example>',
  To: 'support@support.center.example',
  Subject: 'Sync fails',
  Date: 'Mon, 10 Jun 2024 10:00:00 +0300',
  'Message-ID': '<a1b2c3@acme.example>',
  'MIME-Version': '1.0',
  'Content-Type': 'text/plain; charset=utf-8',
  ...headers,
}).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}\r\n`).join('') + `\r\n${body}\r\n`;

describe('R-COMM-1: a customer\'s email reply threads back to its ticket', () => {
  it('Gmail: In-Reply-To, References nearest first, plus-address and subject token', async () => {
    const mail = await parse('gmail-reply.eml');
    expect(mail).toMatchObject({
      messageId: DANA1,
      inReplyTo: AGENT1,
      references: [FIRST, OPENED, AGENT1],
      threadMessageIds: [AGENT1, OPENED, FIRST],
      plusAddressTicket: 'T-1042',
      subjectTicket: 'T-1042',
      from: { address: 'dana.levi@acme.example', name: 'Dana Levi' }, // lowercased from Dana.Levi@
      to: ['support+t-1042@support.center.example'],
      subject: 'Re: [T-1042] Nightly sync fails with error 0x80070005',
      sentAt: '2024-06-04T07:41:05.000Z',
      hasHtml: true,
      attachments: [],
    });
  });

  it('Outlook (CRLF, Thread-Index): the reference survives and the Cc is read', async () => {
    const mail = await parse('outlook-reply.eml');
    expect(mail.inReplyTo).toBe(AGENT2);
    expect(mail.threadMessageIds).toEqual([AGENT2, DANA1, AGENT1, OPENED, FIRST]);
    expect(mail.cc).toEqual(['dana.levi@acme.example']);
    expect(mail.from).toEqual({ address: 'moshe.cohen@acme.example', name: 'Moshe Cohen' });
    expect(mail.plusAddressTicket).toBe('T-1042');
  });

  it('Hebrew: the encoded-word subject and sender name are decoded, the token found', async () => {
    const mail = await parse('hebrew-reply.eml');
    expect(mail.subject).toBe('Re: [T-1042] תקלה בסנכרון הלילי');
    expect(mail.from).toEqual({ address: 'dana.levi@acme.example', name: 'דנה לוי' });
    expect(mail.subjectTicket).toBe('T-1042');
    expect(mail.inReplyTo).toBe(AGENT2);
  });

  it('a client that drops In-Reply-To and Reply-To still names the ticket by a bare subject token', async () => {
    const mail = await parseInboundMail(mime({ Subject: 'T-1042 still failing' }), OURS);
    expect(mail).toMatchObject({ inReplyTo: null, references: [], threadMessageIds: [], plusAddressTicket: null, subjectTicket: 'T-1042' });
  });

  it('the plus-address is read in any case, from Cc or from the SES envelope (a Bcc)', async () => {
    expect((await parseInboundMail(mime({ To: 'SUPPORT+t-1042@Support.Center.Example' }), OURS)).plusAddressTicket).toBe('T-1042');
    expect((await parseInboundMail(mime({ Cc: 'support+T-1043@support.center.example' }), OURS)).plusAddressTicket).toBe('T-1043');
    const bcc = await parseInboundMail(mime({}), { ...OURS, envelopeRecipients: ['support+T-1044@support.center.example'] });
    expect(bcc.plusAddressTicket).toBe('T-1044');
  });

  it('refuses a plus-address at a domain not ours, and a look-alike token in the subject', async () => {
    const mail = await parseInboundMail(mime({ To: 'support+T-1042@evil.example', Subject: 'Error RPT-5003 and AT-1000' }), OURS);
    expect(mail.plusAddressTicket).toBeNull();
    expect(mail.subjectTicket).toBeNull();
  });
});

describe('R-TKT-1: a known contact\'s fresh email is a request for a new ticket', () => {
  it('new-ticket.eml carries no reference of any kind, and is not automatic', async () => {
    const mail = await parse('new-ticket.eml');
    expect(mail).toMatchObject({
      inReplyTo: null, references: [], threadMessageIds: [], plusAddressTicket: null,
      subjectTicket: null, // "RPT-5003" in the subject is not a ticket number
      autoReply: { isAuto: false },
      from: { address: 'dana.levi@acme.example', name: 'Dana Levi' },
      to: ['support@support.center.example'],
    });
    expect(mail.text).toBe('Hello,\n\nSince 08:00 this morning none of our users can log in to the reporting portal. '
      + 'The login page shows "Error RPT-5003: session store unavailable".\n\nThis blocks the month-end reports of the finance team.'
      + '\n\nThanks,\nDana Levi\nFinance Systems | Acme Ltd.');
  });

  it('a reply that carries its ticket\'s references is not a new ticket request', async () => {
    const mail = await parse('gmail-reply.eml');
    expect(mail.threadMessageIds).toContain(AGENT1);
    expect(mail.plusAddressTicket).toBe('T-1042');
  });
});

describe('the new reply text of each client, quoted history and signatures removed', () => {
  it.each([
    ['gmail-reply.eml', 'Hi,\n\nI restarted the sync service as you suggested and the error hasn\u2019t come back so far.\n'
      + 'The nightly job runs at 02:00, I\u2019ll let you know tomorrow morning.\n\nThanks,\nDana'],
    ['outlook-reply.eml', 'Hi,\n\nThe error came back last night at 02:00, same code 0x80070005. The service was running when the job started.\n\n'
      + 'Can someone look at the server today?\n\nBest regards,\nMoshe Cohen\nIT Manager | Acme Ltd.\nTel. +972-3-555-0142'],
    ['apple-mail-reply.eml', 'The job ran fine last night \u2014 no error in the log.\nI\u2019ll watch it for one more night.'],
    ['thunderbird-reply.eml', 'I checked the event log on the application server: the fix is in place and the 02:00 run finished without errors.'
      + '\n\nOne question: should we keep the old service account or can we delete it?'],
    ['hebrew-reply.eml', 'שלום,\n\nההפעלה מחדש עזרה, הסנכרון הלילי עבר בלי שגיאות.\nנעדכן אם משהו ישתנה.\n\nתודה,\nדנה'],
    ['confirm-reply.eml', 'Confirm\n\nThanks for the help!'],
    ['reopen-hebrew.eml', 'לא נפתר\n\nהשגיאה חזרה הלילה ב-02:00, אותו קוד שגיאה.\n\nמשה'],
    ['with-attachments.eml', 'Hi,\n\nAttached are the sync log from last night and a screenshot of the error dialog.\n\nDana'],
  ])('%s', async (name, expected) => {
    expect((await parse(name)).text).toBe(expected);
  });

  it('keeps the whole text body, quotes included, for the record', async () => {
    const mail = await parse('thunderbird-reply.eml');
    expect(mail.fullText).toMatch(/^On 05\/06\/2024 17:30, Support Center wrote:\n> Hello Dana,/);
    expect(mail.fullText).toContain('\n-- \nYossi Mizrahi\n'); // format=flowed decoded, the sig-dash kept
    expect(mail.hasHtml).toBe(false);
  });
});

describe('attachments', () => {
  it('with-attachments.eml: a PDF and a PNG, decoded from base64, attached rather than inline', async () => {
    const { attachments } = await parse('with-attachments.eml');
    expect(attachments.map(({ content, ...a }) => a)).toEqual([
      { filename: 'sync-log-2024-06-06.pdf', contentType: 'application/pdf', size: 552, contentId: 'f_lx3k9q2a0', inline: false },
      { filename: 'error-dialog.png', contentType: 'image/png', size: 133, contentId: 'f_lx3k9q2h1', inline: false },
    ]);
    expect(attachments[0]!.content.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(attachments[1]!.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(attachments.map((a) => a.content.length)).toEqual([552, 133]);
  });

  it('outlook-reply.eml: the signature logo in multipart/related is inline, with its Content-ID', async () => {
    const { attachments } = await parse('outlook-reply.eml');
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ filename: 'image001.png', contentType: 'image/png', size: 141, contentId: 'image001.png@01DAB6B2.4C1E7F30', inline: true });
  });
});

describe('auto-replies, bounces, lists and loops never open or bump a ticket', () => {
  it.each([
    ['auto-reply.eml', 'auto-submitted', 'auto-replied'],
    ['bounce.eml', 'delivery-report', expect.stringMatching(/^multipart\/report; report-type=delivery-status/)],
    ['bulk-list.eml', 'precedence', 'list'],
    ['loop-own-message.eml', 'own-message-id', AGENT1],
  ])('%s is automatic: %s', async (name, reason, detail) => {
    expect((await parse(name)).autoReply).toEqual({ isAuto: true, reason, detail });
  });

  it.each(['gmail-reply.eml', 'outlook-reply.eml', 'apple-mail-reply.eml', 'thunderbird-reply.eml', 'hebrew-reply.eml',
    'with-attachments.eml', 'new-ticket.eml', 'confirm-reply.eml', 'reopen-hebrew.eml'])('%s is a person writing', async (name) => {
    expect((await parse(name)).autoReply).toEqual({ isAuto: false });
  });

  it.each([
    ['a From at our domain (loop)', { From: 'Agent <agent@support.center.example>' }, 'own-domain-sender', 'agent@support.center.example'],
    ['a From at a subdomain of ours (loop)', { From: 'bounce@mail.support.center.example' }, 'own-domain-sender', 'bounce@mail.support.center.example'],
    ['an SES Message-ID of eu-west-1 from our own domain (loop)', { From: 'support@support.center.example', 'Message-ID': '<0102018fe0c4a7b2-5d1e-000000@eu-west-1.amazonses.com>' }, 'own-message-id', '<0102018fe0c4a7b2-5d1e-000000@eu-west-1.amazonses.com>'],
    ['Return-Path: <> (bounce)', { 'Return-Path': '<>' }, 'null-return-path', '<>'],
    ['From MAILER-DAEMON (bounce)', { From: 'MAILER-DAEMON@mx.acme.example' }, 'mailer-daemon', 'mailer-daemon@mx.acme.example'],
    ['X-Autoreply alone', { 'X-Autoreply': 'yes' }, 'x-autoreply', 'yes'],
    ['X-Autorespond', { 'X-Autorespond': 'Out of office' }, 'x-autorespond', 'Out of office'],
    ['Auto-Submitted: auto-generated', { 'Auto-Submitted': 'auto-generated' }, 'auto-submitted', 'auto-generated'],
    ['Precedence: bulk', { Precedence: 'bulk' }, 'precedence', 'bulk'],
    ['Precedence: junk', { Precedence: 'junk' }, 'precedence', 'junk'],
    ['List-Id alone', { 'List-Id': '<it-announce.lists.acme.example>' }, 'list-headers', '<it-announce.lists.acme.example>'],
    ['List-Unsubscribe alone', { 'List-Unsubscribe': '<mailto:leave@lists.acme.example>' }, 'list-headers', '<mailto:leave@lists.acme.example>'],
  ])('%s is automatic', async (_, headers, reason, detail) => {
    expect((await parseInboundMail(mime(headers), OURS)).autoReply).toEqual({ isAuto: true, reason, detail });
  });

  it.each([
    ['Auto-Submitted: no (RFC 3834: a person)', { 'Auto-Submitted': 'no' }],
    ['Precedence: first-class', { Precedence: 'first-class' }],
    ['a customer Message-ID that merely mentions amazonses.com', { 'Message-ID': '<email.amazonses.com-1@acme.example>' }],
    ['a From at a look-alike domain', { From: 'x@notsupport.center.example' }],
    // issue 12: the SES suffix alone is anyone's who sends through SES in us-east-1 (WorkMail users)
    ['a customer sending through SES (WorkMail), whose Message-ID ends in @email.amazonses.com', { 'Message-ID': '<0100018fe0c4a7b2-9f1e-000000@email.amazonses.com>' }],
    ['X-Auto-Response-Suppress, which a person\'s Outlook sets to ask not to be auto-answered', { 'X-Auto-Response-Suppress': 'All' }],
  ])('%s is not automatic', async (_, headers) => {
    expect((await parseInboundMail(mime(headers), OURS)).autoReply).toEqual({ isAuto: false });
  });
});

describe('R-CLOSE-2: a reply confirms a resolution or asks to reopen', () => {
  it('confirm-reply.eml (Outlook for iOS, "Confirm") confirms', async () => {
    const mail = await parse('confirm-reply.eml');
    expect(mail.intent).toBe('confirm');
    expect(mail.inReplyTo).toBe(RESOLVED);
  });

  it('reopen-hebrew.eml (Outlook in Hebrew, windows-1255, "לא נפתר") asks to reopen', async () => {
    const mail = await parse('reopen-hebrew.eml');
    expect(mail.intent).toBe('reopen');
    expect(mail.subject).toBe('השב: [T-1042] Resolved: Nightly sync fails with error 0x80070005');
    expect(mail.threadMessageIds).toEqual([RESOLVED]);
  });

  it('a reply with something to say carries no intent', async () => {
    expect((await parse('gmail-reply.eml')).intent).toBeNull();
    expect((await parse('apple-mail-reply.eml')).intent).toBeNull();
  });

  it.each([
    ['Confirmed.', 'confirm'], ['  CONFIRM!  ', 'confirm'], ['Yes, solved', 'confirm'], ['yes solved!', 'confirm'],
    ['אישור', 'confirm'], ['מאשר.', 'confirm'], ['\u200fמאשרת', 'confirm'], ['נפתר', 'confirm'],
    ['Reopen', 'reopen'], ['Re-open please', 'reopen'], ['re-open', 'reopen'], ['Not solved.', 'reopen'], ['לא נפתר', 'reopen'], ['לפתוח מחדש', 'reopen'],
    ['\n\nConfirm\nThanks, Dana', 'confirm'],
    ['Confirm the restart time please?', null], ['solved', 'confirm'], ['Please do not reopen yet', null], ['', null],
  ] as const)('%j → %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });
});

describe('headers read without a clock', () => {
  it('a missing or unreadable Date is null, never "now"', async () => {
    expect((await parseInboundMail(mime({ Date: '' }), OURS)).sentAt).toBeNull();
    expect((await parseInboundMail(mime({ Date: 'sometime last week' }), OURS)).sentAt).toBeNull();
    expect((await parseInboundMail(mime({ Date: 'Tue,  4 Jun 2024 16:02:41 +0300 (IDT)' }), OURS)).sentAt).toBe('2024-06-04T13:02:41.000Z');
  });

  it('a Message-ID without angle brackets is normalised, a missing one is null', async () => {
    expect((await parseInboundMail(mime({ 'Message-ID': 'a1b2c3@acme.example' }), OURS)).messageId).toBe('<a1b2c3@acme.example>');
    expect((await parseInboundMail(mime({ 'Message-ID': '' }), OURS)).messageId).toBeNull();
  });

  it('a message with no headers at all parses to empty values rather than failing', async () => {
    const mail = await parseInboundMail('just some text\r\n', OURS);
    expect(mail).toMatchObject({ messageId: null, from: null, to: [], subject: '', sentAt: null, autoReply: { isAuto: false } });
  });
});

// The parser reads charsets through the runtime's TextDecoder (Node's full ICU), not through
// code-page tables in the bundle (issue 13): the charsets our customers' clients still send.
describe('charsets the clients send, decoded without code-page tables', () => {
  const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
  const withBody = (charset: string, body: Buffer, subject = 'Sync fails') =>
    Buffer.concat([Buffer.from(mime({ Subject: subject, 'Content-Type': `text/plain; charset=${charset}` }, '').replace(/\r\n\r\n$/, '\r\n'), 'latin1'), body, Buffer.from('\r\n')]);

  it.each([
    ['windows-1255', 'f9 ec e5 ed', 'שלום'],
    ['iso-8859-8-i', 'f9 ec e5 ed', 'שלום'],
    ['iso-8859-8', 'f9 ec e5 ed', 'שלום'],
    ['iso-2022-jp', '1b 24 42 46 7c 4b 5c 1b 28 42', '日本'],
    ['shift_jis', '93 fa 96 7b', '日本'],
    ['euc-jp', 'c6 fc cb dc', '日本'],
    ['gbk', 'd6 d0 ce c4', '中文'],
    ['gb2312', 'd6 d0 ce c4', '中文'],
    ['big5', 'a4 a4 a4 e5', '中文'],
    ['koi8-r', 'f0 d2 c9 d7 c5 d4', 'Привет'],
    ['windows-1251', 'cf f0 e8 e2 e5 f2', 'Привет'],
  ])('%s body', async (charset, hex, text) => {
    const mail = await parseInboundMail(withBody(charset, bytes(hex)), OURS);
    expect(mail.fullText.trim()).toBe(text);
  });

  it('an ISO-2022-JP encoded-word subject and a windows-1255 one', async () => {
    expect((await parseInboundMail(mime({ Subject: '=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?=' }), OURS)).subject).toBe('日本');
    expect((await parseInboundMail(mime({ Subject: '=?windows-1255?Q?=F9=EC=E5=ED?=' }), OURS)).subject).toBe('שלום');
  });
});

describe('parts that are neither body nor a file', () => {
  it('a bounce\'s delivery-status part is read as text, not kept as an attachment', async () => {
    const mail = await parse('bounce.eml');
    expect(mail.attachments.map((a) => a.contentType)).not.toContain('message/delivery-status');
    expect(mail.refusedAttachments).toEqual([]);
  });

  it('a multipart/mixed message with a text part and a separate HTML part keeps the words of both', async () => {
    const raw = mime({ 'Content-Type': 'multipart/mixed; boundary="b1"' }, [
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'The sync fails at night.', '--b1', 'Content-Type: text/html; charset=utf-8', '', '<p>It started <b>Tuesday</b>.</p>', '--b1--',
    ].join('\r\n'));
    const mail = await parseInboundMail(raw, OURS);
    expect(mail.fullText).toContain('The sync fails at night.');
    expect(mail.fullText).toContain('It started Tuesday.'); // mailparser, skipping its HTML-to-text, dropped these words
  });

  it('a forwarded message (message/rfc822) stays one attachment; its text is not read as the reply', async () => {
    const inner = ['From: someone@else.example', 'Subject: the original', '', 'Inner body text'].join('\r\n');
    const raw = mime({ 'Content-Type': 'multipart/mixed; boundary="b1"' }, [
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'See the forwarded mail.', '--b1', 'Content-Type: message/rfc822', '', inner, '--b1--',
    ].join('\r\n'));
    const mail = await parseInboundMail(raw, OURS);
    expect(mail.fullText).not.toContain('Inner body text');
    expect(mail.attachments).toMatchObject([{ contentType: 'message/rfc822' }]);
    expect(mail.attachments[0]!.content.toString('utf8')).toContain('Inner body text');
  });
});
