import { describe, expect, it } from 'vitest';
import { formatInstant, escapeHtml } from '../../../functions/adapters/email/format.js';
import { renderEmail } from '../../../functions/adapters/email/templates.js';
import { TemplateNameSchema, type Notification, type TemplateData, type TemplateName } from '../../../functions/domain/notifications/index.js';

const DUE = '2026-06-07T11:30:00.000Z'; // Sunday 14:30 in Israel (summer time, UTC+3)

const SAMPLE: TemplateData = {
  'ticket-opened': { firstResponseDueAt: DUE, cssResponseDueAt: null, csm: { name: 'Noa', email: 'noa@center.example' } },
  'css-ticket-opened': { organisationId: 'acme', requester: 'dana@acme.example', firstResponseDueAt: DUE, cssResponseDueAt: DUE },
  'agent-reply': { replyText: 'Please restart the engine.\nThen send the log.' },
  'information-requested': { comment: 'Which version do you run?' },
  'pending-reminder': { n: 2, resolvesAt: DUE },
  'vendor-case-opened': { vendorCaseNumber: '00123456' },
  'ticket-resolved': { solution: 'Raised the timeout.', automatic: false, closesAt: DUE, confirmWord: 'confirm', reopenWord: 'reopen' },
  'resolution-check-in': { n: 1, closesAt: DUE, confirmWord: 'confirm', reopenWord: 'reopen' },
  'ticket-closed': { reason: 'no-answer' },
  'sla-warning': { target: 'firstResponse', dueAt: DUE },
  'sla-breached': { target: 'contact', dueAt: DUE, breachCount: 2, tier: 1, assignee: null },
  'external-escalation': { level: 'cco', reason: 'No answer for a week' },
  'resolution-decision-needed': { from: 'dana@acme.example', replyText: 'Thanks, I will check tomorrow.', closesAt: DUE },
  'attachments-refused': { attachments: [{ name: 'setup.exe', size: 1024, reason: 'type-not-allowed' }, { name: 'dump.bin', size: 9e6, reason: 'too-large' }] },
};
const STAFF: ReadonlySet<TemplateName> = new Set(['css-ticket-opened', 'sla-warning', 'sla-breached', 'external-escalation', 'resolution-decision-needed']);

function aNotification<K extends TemplateName>(template: K, language: 'he' | 'en', over: Partial<Notification> = {}, data: TemplateData[K] = SAMPLE[template]): Notification {
  const email = STAFF.has(template) ? 'avi@center.example' : 'dana@acme.example';
  return {
    id: `t-1#3#0#${template}#${email}`, eventId: 't-1#3#0', ticketId: 't-1', ticketNumber: 'T-1042', ticketSubject: 'Night reload fails',
    severity: 'high', to: { email, name: 'Dana', role: STAFF.has(template) ? 'assignee' : 'requester' }, language, timeZone: 'Asia/Jerusalem',
    template, data, ...over,
  } as Notification;
}

describe('every template, in Hebrew and English', () => {
  for (const template of TemplateNameSchema.options) {
    it(`${template}: subject token, direction, language and both bodies`, () => {
      const he = renderEmail(aNotification(template, 'he'));
      const en = renderEmail(aNotification(template, 'en'));
      for (const r of [he, en]) {
        expect(r.subject).toMatch(/^\[T-1042\] \S/);
        expect(r.text).toContain('T-1042');
        expect(r.text).not.toMatch(/<[a-z]/i);
        expect(r.html).toContain('T-1042');
        expect(r.notificationId).toBe(`t-1#3#0#${template}#${r.to.email}`);
      }
      expect(he.html).toContain('<html dir="rtl" lang="he">');
      expect(he.text).toMatch(/[\u0590-\u05FF]/); // Hebrew letters
      expect(he.subject).toMatch(/[\u0590-\u05FF]/);
      expect(en.html).toContain('<html dir="ltr" lang="en">');
      expect(en.text).not.toMatch(/[\u0590-\u05FF]/);
      expect(he.automatic).toBe(template !== 'agent-reply');
    });
  }
});

describe('wording', () => {
  it('R-TKT-1: the acknowledgement shows the first-response due time in Israel time, with the date', () => {
    const en = renderEmail(aNotification('ticket-opened', 'en'));
    expect(en.subject).toBe('[T-1042] Ticket received: Night reload fails');
    expect(en.text).toContain('First response by: Sunday 7 June 2026, 14:30');
    const he = renderEmail(aNotification('ticket-opened', 'he'));
    expect(he.subject).toBe('[T-1042] הפנייה התקבלה: Night reload fails');
    expect(he.text).toContain('מענה ראשון עד: יום ראשון, 7 ביוני 2026, 14:30');
  });
  it('R-ENT-3: a CSS customer is told how to reach the CSM', () => {
    expect(renderEmail(aNotification('ticket-opened', 'en')).text).toContain('Noa, at noa@center.example');
  });
  it('R-CLOSE-1: the resolved email says how to confirm or reopen, and when it closes', () => {
    const en = renderEmail(aNotification('ticket-resolved', 'en'));
    expect(en.text).toContain('reply with the word "confirm"');
    expect(en.text).toContain('reply with "reopen"');
    expect(en.text).toContain('closed on Sunday 7 June 2026, 14:30');
    // R-CLOSE-2 (Decision): a Hebrew reader is never asked to type an English word
    const he = renderEmail(aNotification('ticket-resolved', 'he')).text;
    expect(he).toContain('"אישור"');
    expect(he).toContain('"לא נפתר"');
    expect(he).not.toContain('confirm');
  });
  it('the refused-attachments email lists each refused file with why, in the sender\'s language', () => {
    expect(renderEmail(aNotification('attachments-refused', 'en')).text).toContain('setup.exe: a file type we do not accept');
    expect(renderEmail(aNotification('attachments-refused', 'he')).text).toContain('dump.bin: גדול מדי');
  });
  it('R-PEND-1: the "information needed" email shows what the agent asked for', () => {
    expect(renderEmail(aNotification('information-requested', 'he')).text).toContain('Which version do you run?');
  });
  it('R-CLOSE-2: the decision-needed email tells the assignee who answered, what, and when the ticket closes', () => {
    const en = renderEmail(aNotification('resolution-decision-needed', 'en'));
    expect(en.subject).toBe('[T-1042] Decision needed, the customer answered: Night reload fails');
    expect(en.text).toContain('dana@acme.example answered on resolved ticket T-1042');
    expect(en.text).toContain('Thanks, I will check tomorrow.');
    expect(en.text).toContain('Closes without an answer on: Sunday 7 June 2026, 14:30');
  });
  it('R-VEND-1: the vendor case number is in the email', () => {
    expect(renderEmail(aNotification('vendor-case-opened', 'he')).text).toContain('00123456');
  });
  it('customer mail invites a reply; staff mail does not', () => {
    expect(renderEmail(aNotification('agent-reply', 'en')).text).toContain('simply reply to this email');
    expect(renderEmail(aNotification('sla-breached', 'en')).text).not.toContain('reply to this email');
  });
  it('keeps a reply\'s line breaks in HTML', () => {
    expect(renderEmail(aNotification('agent-reply', 'en')).html).toContain('Please restart the engine.<br>\nThen send the log.');
  });
});

describe('R-CLOSE-2: confirm and reject need no typing: two prefilled mailto links, in the customer\'s language', () => {
  const actionAddress = (number: string, action: 'confirm' | 'reject') => `support+${number}+${action}@support.center.example`;
  it.each(['ticket-resolved', 'resolution-check-in'] as const)('%s: two links to the action addresses, the subject prefilled with the ticket number', (template) => {
    const he = renderEmail(aNotification(template, 'he'), { actionAddress });
    const confirm = `mailto:support+T-1042+confirm@support.center.example?subject=${encodeURIComponent('[T-1042] אישור: הבעיה נפתרה')}`;
    const reject = `mailto:support+T-1042+reject@support.center.example?subject=${encodeURIComponent('[T-1042] הבעיה לא נפתרה')}`;
    expect(he.html).toContain(`<a href="${confirm}"`);
    expect(he.html).toContain(`>כן, הבעיה נפתרה: סגרו את הפנייה</a>`);
    expect(he.html).toContain(`<a href="${reject}"`);
    expect(he.text).toContain(`לא, הבעיה לא נפתרה: <${reject}>`);
    expect(he.text).not.toContain('confirm"'); // no word to type
    const en = renderEmail(aNotification(template, 'en'), { actionAddress });
    expect(en.html).toContain(`mailto:support+T-1042+confirm@support.center.example?subject=${encodeURIComponent('[T-1042] Confirmed: the problem is solved')}`);
    expect(en.text).toContain('Yes, it is solved: close the ticket: <mailto:support+T-1042+confirm@');
  });
  it('refused: without a known action address (or on other templates) no link is made; the words stay', () => {
    expect(renderEmail(aNotification('ticket-resolved', 'en')).html).not.toContain('mailto:');
    expect(renderEmail(aNotification('agent-reply', 'en'), { actionAddress }).html).not.toContain('mailto:');
  });
});

describe('direction: the Hebrew survives clients that drop <body> attributes; what people typed is isolated', () => {
  it('a dir wrapper inside <body>, in the recipient\'s language', () => {
    const he = renderEmail(aNotification('agent-reply', 'he')).html;
    const body = he.slice(he.indexOf('<body'), he.indexOf('</body>'));
    expect(body).toMatch(/^<body[^>]*>\n<div dir="rtl" lang="he"/);
    expect(renderEmail(aNotification('agent-reply', 'en')).html).toContain('<div dir="ltr" lang="en"');
  });
  it('typed text (a solution, the subject, the name) sits in dir="auto" or <bdi>', () => {
    const he = renderEmail(aNotification('ticket-resolved', 'he', { to: { email: 'dana@acme.example', name: 'Dana', role: 'requester' } })).html;
    expect(he).toMatch(/<blockquote dir="auto"[^>]*>Raised the timeout\.<\/blockquote>/);
    expect(he).toContain('<bdi>Dana</bdi>');
    expect(renderEmail(aNotification('ticket-opened', 'he')).html).toContain('<bdi>Night reload fails</bdi>');
  });
});

describe('escaping', () => {
  const hostile = '<script>alert("x")</script> & \'co\'';
  it('escapes every inserted value in HTML, and leaves the text version as written', () => {
    const n = aNotification('agent-reply', 'he', { ticketSubject: hostile, to: { email: 'dana@acme.example', name: '<b>Dana</b>', role: 'requester' } }, { replyText: hostile });
    const r = renderEmail(n);
    expect(r.html).not.toContain('<script>');
    expect(r.html).not.toContain('<b>Dana</b>');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(r.html).toContain('&lt;b&gt;Dana&lt;/b&gt;');
    expect(r.text).toContain(hostile);
  });
  it('keeps the subject on one line', () => {
    expect(renderEmail(aNotification('agent-reply', 'en', { ticketSubject: 'a\r\nBcc: x@evil.example' })).subject).toBe('[T-1042] New reply: a Bcc: x@evil.example');
  });
  it('escapes all five HTML specials', () => expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;'));
});

describe('formatInstant: Israel time, across daylight-saving changes', () => {
  it.each([
    ['2026-03-26T08:30:00.000Z', 'Thursday 26 March 2026, 10:30', 'יום חמישי, 26 במרץ 2026, 10:30'], // winter, UTC+2
    ['2026-03-29T07:30:00.000Z', 'Sunday 29 March 2026, 10:30', 'יום ראשון, 29 במרץ 2026, 10:30'], // summer from Friday 27 March, UTC+3
    ['2026-10-22T07:30:00.000Z', 'Thursday 22 October 2026, 10:30', 'יום חמישי, 22 באוקטובר 2026, 10:30'], // still summer
    ['2026-10-25T08:30:00.000Z', 'Sunday 25 October 2026, 10:30', 'יום ראשון, 25 באוקטובר 2026, 10:30'], // winter again from 25 October
    ['2026-06-06T21:05:00.000Z', 'Sunday 7 June 2026, 00:05', 'יום ראשון, 7 ביוני 2026, 00:05'], // the Israeli date, not the UTC one
  ])('%s is %s', (at, en, he) => {
    expect(formatInstant(at, 'en', 'Asia/Jerusalem')).toBe(en);
    expect(formatInstant(at, 'he', 'Asia/Jerusalem')).toBe(he);
  });
  it('refuses what is not an instant', () => expect(() => formatInstant('soon', 'en', 'Asia/Jerusalem')).toThrow(RangeError));
});
