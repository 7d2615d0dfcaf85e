import { MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RenderedEmail } from '../../../functions/adapters/email/rendered-email.js';
import { renderTicketReportEmail } from '../../../functions/adapters/email/report-email.js';
import { formatAddress, SesMailer } from '../../../functions/adapters/email/ses-mailer.js';
import { renderEmail } from '../../../functions/adapters/email/templates.js';
import { defaultPolicy, openTicket } from '../../../functions/domain/index.js';
import { planNotifications } from '../../../functions/domain/notifications/index.js';
import { aCase, anEntitlement, CUSTOMER } from '../../fixtures/builders.js';

const ses = mockClient(SESv2Client);
const CONFIG = {
  from: 'Support <support@support.center.example>', replyToDomain: 'support.center.example', configurationSetName: 'support-desk', region: 'eu-west-1',
};
const mailer = (region = 'eu-west-1') => new SesMailer(new SESv2Client({ region }), { ...CONFIG, region });
const NOTIFICATION_ID = 't-1#3#0#ticket-resolved#dana@acme.example';

const anEmail = (over: Partial<RenderedEmail> = {}): RenderedEmail => ({
  notificationId: NOTIFICATION_ID, ticketNumber: 'T-1042', template: 'ticket-resolved', to: { email: 'dana@acme.example', name: 'דנה כהן' },
  language: 'he', automatic: true, subject: '[T-1042] הפנייה נפתרה: טעינה לילית', html: '<p>html</p>', text: 'text\n',
  inReplyTo: '<0102018f-first@eu-west-1.amazonses.com>',
  references: ['<0102018f-first@eu-west-1.amazonses.com>', '<CAF=reply@mail.gmail.com>'], ...over,
});

beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: '0102018f-abcd-4e5f-9a8b-1c2d3e4f5a6b-000000' });
});

describe('SesMailer.send', () => {
  it('sends through the configuration set with threading headers, the ticket\'s Reply-To and tags', async () => {
    await mailer().send(anEmail());
    expect(ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input)).toEqual([{
      FromEmailAddress: 'Support <support@support.center.example>',
      Destination: { ToAddresses: ['=?UTF-8?B?15PXoNeUINeb15TXnw==?= <dana@acme.example>'] },
      ReplyToAddresses: ['support+T-1042@support.center.example'],
      Content: {
        Simple: {
          Subject: { Data: '[T-1042] הפנייה נפתרה: טעינה לילית', Charset: 'UTF-8' },
          Body: { Html: { Data: '<p>html</p>', Charset: 'UTF-8' }, Text: { Data: 'text\n', Charset: 'UTF-8' } },
          Headers: [
            { Name: 'Auto-Submitted', Value: 'auto-generated' },
            { Name: 'X-Auto-Response-Suppress', Value: 'OOF, AutoReply' },
            { Name: 'In-Reply-To', Value: '<0102018f-first@eu-west-1.amazonses.com>' },
            { Name: 'References', Value: '<0102018f-first@eu-west-1.amazonses.com> <CAF=reply@mail.gmail.com>' },
          ],
        },
      },
      ConfigurationSetName: 'support-desk',
      EmailTags: [
        { Name: 'ticket', Value: 'T-1042' },
        { Name: 'notification', Value: Buffer.from(NOTIFICATION_ID).toString('base64url') },
        { Name: 'template', Value: 'ticket-resolved' },
      ],
    }]);
  });

  it('answers with the Message-ID the mail really goes out with, by region', async () => {
    expect(await mailer('eu-west-1').send(anEmail())).toEqual({
      messageId: '0102018f-abcd-4e5f-9a8b-1c2d3e4f5a6b-000000', rfcMessageId: '<0102018f-abcd-4e5f-9a8b-1c2d3e4f5a6b-000000@eu-west-1.amazonses.com>',
    });
    expect((await mailer('us-east-1').send(anEmail())).rfcMessageId).toBe('<0102018f-abcd-4e5f-9a8b-1c2d3e4f5a6b-000000@email.amazonses.com>');
  });

  it('sends a person\'s reply with no headers when it starts a thread', async () => {
    await mailer().send(anEmail({ automatic: false, inReplyTo: undefined, references: undefined }));
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content!.Simple!.Headers).toBeUndefined();
  });

  it('keeps a long thread\'s References within SES\'s 870 characters: the first id and the latest', async () => {
    const refs = Array.from({ length: 40 }, (_, i) => `<${String(i).padStart(2, '0')}-${'x'.repeat(30)}@eu-west-1.amazonses.com>`);
    await mailer().send(anEmail({ references: refs }));
    const value = ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content!.Simple!.Headers!.find((h) => h.Name === 'References')!.Value!;
    expect(value.length).toBeLessThanOrEqual(870);
    const kept = value.split(' ');
    expect(kept[0]).toBe(refs[0]);
    expect(kept.at(-1)).toBe(refs.at(-1));
    expect(refs.slice(-(kept.length - 1))).toEqual(kept.slice(1));
  });

  it('tags a notification id too long for a tag by its hash', async () => {
    await mailer().send(anEmail({ notificationId: `${'t'.repeat(300)}#x` }));
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.EmailTags![1]!.Value).toMatch(/^sha256-[0-9a-f]{64}$/);
  });

  it('refuses a header value that would break the header', async () => {
    await expect(mailer().send(anEmail({ inReplyTo: '<a@b>\r\nBcc: x@evil.example' }))).rejects.toMatchObject({ code: 'mail-rejected', retryable: false });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('keeps SES\'s error as the cause, saying whether a retry can help', async () => {
    const rejected = new MessageRejected({ message: 'Email address is not verified.', $metadata: {} });
    ses.on(SendEmailCommand).rejects(rejected);
    await expect(mailer().send(anEmail())).rejects.toMatchObject({ name: 'MailError', code: 'mail-rejected', retryable: false, cause: rejected });
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    await expect(mailer().send(anEmail())).rejects.toMatchObject({ code: 'mail-failed', retryable: true });
  });
});

describe('an email of no ticket (ticketNumber \'\')', () => {
  const noTicket = () => anEmail({
    notificationId: 'rr-2026-06-acme-dana', ticketNumber: '', template: 'ticket-report', subject: 'דוח פניות עבור Acme Ltd: 1-30 ביוני 2026',
    inReplyTo: undefined, references: undefined,
  });

  it('answers to the plain mailbox and carries no ticket tag; the rest as for a ticket\'s mail', async () => {
    await mailer().send(noTicket());
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.ReplyToAddresses).toEqual(['support@support.center.example']);
    expect(input.EmailTags).toEqual([
      { Name: 'notification', Value: Buffer.from('rr-2026-06-acme-dana').toString('base64url') },
      { Name: 'template', Value: 'ticket-report' },
    ]);
    expect(input.Content!.Simple!.Headers).toEqual([
      { Name: 'Auto-Submitted', Value: 'auto-generated' }, { Name: 'X-Auto-Response-Suppress', Value: 'OOF, AutoReply' },
    ]);
    expect(input.ConfigurationSetName).toBe('support-desk');
  });

  it('uses the configured mailbox, with or without a ticket', async () => {
    const custom = new SesMailer(new SESv2Client({ region: 'eu-west-1' }), { ...CONFIG, replyToMailbox: 'help' });
    await custom.send(noTicket());
    await custom.send(anEmail());
    expect(ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.ReplyToAddresses)).toEqual([
      ['help@support.center.example'], ['help+T-1042@support.center.example'],
    ]);
  });
});

describe('R-RPT-1: a ticket report from rendering to the SES call', () => {
  it('goes out automatic, to the requester, answering to the plain mailbox', async () => {
    const email = renderTicketReportEmail({
      requestId: 'rr-1', organisationName: 'Acme Ltd', to: { email: 'dana@acme.example', name: 'Dana' }, language: 'en', timeZone: 'Asia/Jerusalem', frequency: 'monthly',
      report: {
        organisationId: 'acme', period: { from: '2026-05-31T21:00:00Z', to: '2026-06-30T21:00:00Z' }, tickets: [],
        totals: {
          tickets: 0, openedInPeriod: 0, closedInPeriod: 0, workMinutes: 0, targetsMet: 0, targetsBreached: 0,
          byStatus: { new: 0, 'in-progress': 0, 'pending-customer': 0, 'pending-vendor': 0, resolved: 0, closed: 0 }, bySeverity: { urgent: 0, high: 0, normal: 0 },
        },
      },
    });
    await mailer().send(email);
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.Content!.Simple!.Subject!.Data).toBe('Monthly ticket report for Acme Ltd: 1-30 June 2026');
    expect(input.Content!.Simple!.Body!.Text!.Data).toContain('Acme Ltd had no tickets in this period.');
    expect(input.Content!.Simple!.Headers).toContainEqual({ Name: 'Auto-Submitted', Value: 'auto-generated' });
    expect(input.ReplyToAddresses).toEqual(['support@support.center.example']);
    expect(input.Destination).toEqual({ ToAddresses: ['"Dana" <dana@acme.example>'] });
    expect(input.EmailTags!.map((t) => t.Name)).toEqual(['notification', 'template']);
  });
});

describe('formatAddress', () => {
  it('quotes an ASCII name and escapes its quotes', () => {
    expect(formatAddress('Dana "DC" Cohen', 'dana@acme.example')).toBe('"Dana \\"DC\\" Cohen" <dana@acme.example>');
  });
  it('encodes a Hebrew name as RFC 2047 words of at most 75 characters', () => {
    const address = formatAddress('דנה כהן-לוי מחלקת מערכות מידע ותשתיות', 'dana@acme.example');
    const words = address.replace(/ <.*$/, '').split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
    expect(words.map((w) => Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).join('')).toBe('דנה כהן-לוי מחלקת מערכות מידע ותשתיות');
  });
});

describe('R-TKT-1: from the domain event to the SES call', () => {
  it('acknowledges a new ticket with its number in the subject and the Reply-To', async () => {
    const change = openTicket({ id: 't-1', type: 'incident', severity: 'high', organisationId: 'acme', actor: CUSTOMER, entitlement: anEntitlement(), case: aCase({ number: 'T-1042' }) }, defaultPolicy, '2026-06-07T07:00:00.000Z');
    const people = {
      requester: { email: 'dana@acme.example', name: 'Dana', language: 'en' as const },
      tierDuty: { 1: { email: 'a@c.example', name: 'A' }, 2: { email: 'b@c.example', name: 'B' }, 3: { email: 'c@c.example', name: 'C' }, 4: { email: 'd@c.example', name: 'D' } },
      hos: { email: 'hos@c.example', name: 'HOS' }, cco: { email: 'cco@c.example', name: 'CCO' },
    };
    const [n] = planNotifications({ ...change.events[0]!, id: 't-1#1#0' }, change.ticket, people, defaultPolicy).notifications;
    await mailer().send(renderEmail(n!));
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.Content!.Simple!.Subject!.Data).toBe('[T-1042] Ticket received: Night reload fails');
    expect(input.Content!.Simple!.Body!.Text!.Data).toContain('First response by: Sunday 7 June 2026, 14:30');
    expect(input.ReplyToAddresses).toEqual(['support+T-1042@support.center.example']);
    expect(input.Destination).toEqual({ ToAddresses: ['"Dana" <dana@acme.example>'] });
  });
});

describe('R-CLOSE-2: the action addresses a resolution email links to', () => {
  it('name the ticket and the action at the reply domain, under the configured mailbox', () => {
    expect(mailer().actionAddress('T-1042', 'confirm')).toBe(`support+T-1042+confirm@${CONFIG.replyToDomain}`);
    const custom = new SesMailer(new SESv2Client({ region: 'eu-west-1' }), { ...CONFIG, replyToMailbox: 'help' });
    expect(custom.actionAddress('T-7', 'reject')).toBe(`help+T-7+reject@${CONFIG.replyToDomain}`);
  });
});
