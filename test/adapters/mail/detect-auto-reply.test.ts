import { describe, expect, it } from 'vitest';
import { parseInboundMail } from '../../../functions/adapters/mail/parse-inbound.js';

const OURS = { ourDomains: ['support.center.example'], ourMessageIdSuffixes: ['@email.amazonses.com>', '@eu-west-1.amazonses.com>'] };

const mime = (headers: Record<string, string>, body = 'Hello', contentType = 'text/plain; charset=utf-8') => Object.entries({
  From: 'Dana Levi <dana.levi@acme.example>',
  To: 'support@support.center.example',
  Subject: 'Re: [T-1042] Sync fails',
  Date: 'Mon, 10 Jun 2024 10:00:00 +0300',
  'Message-ID': '<a1b2c3@acme.example>',
  'MIME-Version': '1.0',
  'Content-Type': contentType,
  ...headers,
}).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}\r\n`).join('') + `\r\n${body}\r\n`;

const verdict = async (headers: Record<string, string>, body?: string, contentType?: string) =>
  (await parseInboundMail(mime(headers, body, contentType), OURS)).autoReply;

describe('R-COMM-1: automatic mail never opens or bumps a ticket (issue 12: signals that were let through)', () => {
  it.each([
    ['X-Loop (a ticketing system marks its own mail)', { 'X-Loop': 'helpdesk@acme.example' }, 'x-loop', 'helpdesk@acme.example'],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }, 'precedence', 'auto_reply'],
    ['a bare MAILER-DAEMON sender', { From: 'MAILER-DAEMON' }, 'mailer-daemon', 'MAILER-DAEMON'],
    ['a domain-less postmaster sender with a name', { From: 'Mail Delivery System <postmaster>' }, 'mailer-daemon', expect.stringContaining('postmaster')],
    ['an "Automatic reply:" subject (Outlook)', { Subject: 'Automatic reply: [T-1042] Sync fails' }, 'automatic-subject', 'Automatic reply: [T-1042] Sync fails'],
    ['an "Auto reply:" subject', { Subject: 'Auto reply: Sync fails' }, 'automatic-subject', 'Auto reply: Sync fails'],
    ['an "Out of Office" subject', { Subject: 'Out of Office' }, 'automatic-subject', 'Out of Office'],
    ['a German "Abwesenheitsnotiz:" subject', { Subject: 'Abwesenheitsnotiz: [T-1042] Sync fails' }, 'automatic-subject', expect.any(String)],
    ['a Hebrew "תשובה אוטומטית:" subject', { Subject: 'תשובה אוטומטית: [T-1042] Sync fails' }, 'automatic-subject', expect.any(String)],
    ['an "Undeliverable:" subject (Exchange NDR)', { Subject: 'Undeliverable: [T-1042] Sync fails' }, 'automatic-subject', expect.any(String)],
    ['AWS SNS notification mail', { From: 'AWS Notifications <no-reply@sns.amazonaws.com>', Subject: 'ALARM: "sync-errors" in EU (Ireland)' }, 'notification-sender', 'no-reply@sns.amazonaws.com'],
    ['X-Failed-Recipients (Exim bounce)', { 'X-Failed-Recipients': 'nobody@acme.example' }, 'delivery-report', 'nobody@acme.example'],
  ])('%s is automatic', async (_, headers, reason, detail) => {
    expect(await verdict(headers)).toEqual({ isAuto: true, reason, detail });
  });

  it('an ARF complaint sent as multipart/mixed (not multipart/report) is a report', async () => {
    const body = ['--b1', 'Content-Type: text/plain', '', 'This is an abuse report.', '--b1', 'Content-Type: message/feedback-report', '',
      'Feedback-Type: abuse', 'User-Agent: ExampleFBL/1.0', 'Version: 1', '', '--b1', 'Content-Type: text/rfc822-headers', '',
      'From: support@support.center.example', '', '--b1--'].join('\r\n');
    expect(await verdict({ Subject: 'Complaint' }, body, 'multipart/mixed; boundary="b1"')).toEqual({ isAuto: true, reason: 'delivery-report', detail: 'message/feedback-report' });
  });

  it('a Message-ID the notification log knows is ours, whatever its suffix (an exact id, passed in)', async () => {
    const id = '<0100018fe0c4a7b2-5d1e-000000@ap-south-2.amazonses.com>';
    const mail = await parseInboundMail(mime({ 'Message-ID': id }), OURS);
    expect(mail.autoReply).toEqual({ isAuto: false });
    const { detectAutoReply } = await import('../../../functions/adapters/mail/detect-auto-reply.js');
    const { default: PostalMime } = await import('postal-mime');
    const parsed = await PostalMime.parse(mime({ 'Message-ID': id }));
    const ours = new Set([id]);
    expect(detectAutoReply({ headerLines: parsed.headerLines, messageId: id, fromAddress: 'dana.levi@acme.example', ourDomains: OURS.ourDomains, isOurMessageId: (m) => ours.has(m) }))
      .toEqual({ isAuto: true, reason: 'own-message-id', detail: id });
  });
});

describe('R-COMM-1: people\'s mail is never taken for automatic mail (issue 12: false positives)', () => {
  it.each([
    ['a WorkMail user: SES in us-east-1 gives the Message-ID', { 'Message-ID': '<0100018fe0c4a7b2-9f1e-4c6a-000000@email.amazonses.com>' }],
    ['X-Auto-Response-Suppress: All (Outlook asks not to be auto-answered)', { 'X-Auto-Response-Suppress': 'All' }],
    ['a subject that speaks of an office', { Subject: 'Out of office laptops cannot reach the VPN' }],
    ['a subject that mentions an auto reply rule', { Subject: 'How do I set an automatic reply for the team?' }],
    ['a person named Postman', { From: 'Postman Pat <pat.postman@acme.example>' }],
    ['Precedence: first-class', { Precedence: 'first-class' }],
  ])('%s is a person writing', async (_, headers) => {
    expect(await verdict(headers)).toEqual({ isAuto: false });
  });
});
