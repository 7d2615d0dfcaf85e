import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderTicketReportEmail, type TicketReportEmailInput } from '../../../functions/adapters/email/report-email.js';
import { REPORT_EN } from '../../../functions/adapters/email/report-wording-en.js';
import { REPORT_HE } from '../../../functions/adapters/email/report-wording-he.js';
import type { TicketReport } from '../../../functions/domain/reports/ticket-report.js';

const MODULE = fileURLToPath(new URL('../../../functions/adapters/email/report-email.ts', import.meta.url));

// June 2026 in Israel (summer time, UTC+3): from midnight 1 June to midnight 1 July, `to` exclusive.
const JUNE = { from: '2026-05-31T21:00:00Z', to: '2026-06-30T21:00:00Z' };
const HOSTILE = '<script>alert("x")</script> & \'co\'';

const REPORT: TicketReport = {
  organisationId: 'acme',
  period: JUNE,
  tickets: [
    {
      id: 't-2', number: 'T-1043', subject: 'טעינה לילית נכשלת', type: 'incident', severity: 'urgent', status: 'closed',
      createdAt: '2026-06-10T02:00:00Z', closedAt: '2026-06-30T20:59:00Z', // 10 June 05:00 in Israel, still 9 June in Santiago
      targets: [
        { target: 'firstResponse', startAt: '2026-06-10T02:00:00Z', dueAt: '2026-06-10T06:00:00Z', outcome: 'breached', decidedAt: '2026-06-10T06:00:00Z' },
        { target: 'contact', startAt: '2026-06-10T08:00:00Z', dueAt: '2026-06-10T12:00:00Z', outcome: 'met', decidedAt: '2026-06-10T09:00:00Z' },
      ],
      workMinutes: 125,
    },
    {
      id: 't-1', number: 'T-1042', subject: 'Night reload fails', type: 'incident', severity: 'high', status: 'pending-customer',
      createdAt: '2026-05-31T21:30:00Z', closedAt: null, // 1 June 00:30 in Israel, still 31 May in UTC
      targets: [{ target: 'firstResponse', startAt: '2026-05-31T21:30:00Z', dueAt: '2026-06-01T07:30:00Z', outcome: 'met', decidedAt: '2026-06-01T06:00:00Z' }],
      workMinutes: 45,
    },
  ],
  totals: {
    tickets: 2, openedInPeriod: 2, closedInPeriod: 1,
    byStatus: { new: 0, 'in-progress': 0, 'pending-customer': 1, 'pending-vendor': 0, resolved: 0, closed: 1 },
    bySeverity: { urgent: 1, high: 1, normal: 0 },
    workMinutes: 170, targetsMet: 2, targetsBreached: 1,
  },
};

const anInput = (over: Partial<TicketReportEmailInput> = {}): TicketReportEmailInput => ({
  requestId: 'rr-2026-06-acme-dana', report: structuredClone(REPORT), organisationName: 'Acme Ltd',
  to: { email: 'dana@acme.example', name: 'Dana' }, language: 'en', timeZone: 'Asia/Jerusalem', frequency: 'on-request', ...over,
});
const withPeriod = (from: string, to: string, language: 'en' | 'he' = 'en') =>
  renderTicketReportEmail(anInput({ language, report: { ...structuredClone(REPORT), period: { from, to } } })).subject;
const empty = (): TicketReport => ({
  ...structuredClone(REPORT), tickets: [],
  totals: { ...structuredClone(REPORT.totals), tickets: 0, openedInPeriod: 0, closedInPeriod: 0, workMinutes: 0, targetsMet: 0, targetsBreached: 0 },
});

describe('R-RPT-1: a customer gets the ticket report by email, in their language', () => {
  it('is an automatic email of no ticket, keyed by the request', () => {
    const r = renderTicketReportEmail(anInput());
    expect(r).toMatchObject({
      notificationId: 'rr-2026-06-acme-dana', template: 'ticket-report', ticketNumber: '', automatic: true,
      to: { email: 'dana@acme.example', name: 'Dana' }, language: 'en',
    });
    expect(r.inReplyTo).toBeUndefined();
  });

  it('English: subject without a ticket prefix, left to right', () => {
    const r = renderTicketReportEmail(anInput());
    expect(r.subject).toBe('Ticket report for Acme Ltd: 1-30 June 2026');
    expect(r.html).toContain('<html dir="ltr" lang="en">');
    expect(r.text).toMatch(/^Hello Dana,\n\nHere is the ticket report of Acme Ltd for 1-30 June 2026\.\n/);
    expect(r.text.replaceAll('טעינה לילית נכשלת', '')).not.toMatch(/[\u0590-\u05FF]/); // Hebrew only in the customer's own subject
    expect(r.text).toMatch(/Regards,\nSupport team\n$/);
  });

  it('Hebrew: right to left, with ticket numbers and subjects isolated', () => {
    const r = renderTicketReportEmail(anInput({ language: 'he' }));
    expect(r.subject).toBe('דוח פניות עבור Acme Ltd: 1-30 ביוני 2026');
    expect(r.html).toContain('<html dir="rtl" lang="he">');
    expect(r.html).toContain('<body dir="rtl"');
    expect(r.html).toContain('text-align:right');
    expect(r.html).toContain('<bdi>T-1043</bdi>');
    expect(r.html).toContain('<bdi>Night reload fails</bdi>');
    expect(r.html).toContain('<bdi>טעינה לילית נכשלת</bdi>');
    expect(r.text).toMatch(/^שלום Dana,\n\nלהלן דוח הפניות של Acme Ltd לתקופה 1-30 ביוני 2026\.\n/);
    expect(r.text).toMatch(/בברכה,\nצוות התמיכה\n$/);
  });

  it('names a scheduled report by its frequency and says why it came', () => {
    const weekly = renderTicketReportEmail(anInput({ frequency: 'weekly' }));
    expect(weekly.subject).toBe('Weekly ticket report for Acme Ltd: 1-30 June 2026');
    expect(weekly.text).toContain('You receive this report every week.');
    expect(renderTicketReportEmail(anInput({ frequency: 'monthly' })).subject).toBe('Monthly ticket report for Acme Ltd: 1-30 June 2026');
    expect(renderTicketReportEmail(anInput({ frequency: 'monthly', language: 'he' })).subject).toBe('דוח פניות חודשי עבור Acme Ltd: 1-30 ביוני 2026');
    expect(renderTicketReportEmail(anInput({ frequency: 'weekly', language: 'he' })).text).toContain('דוח זה נשלח אליכם מדי שבוע.');
    expect(renderTicketReportEmail(anInput()).text).not.toContain('You receive this report');
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => withPeriod(JUNE.to, JUNE.from)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

describe('R-RPT-2: the report lists the period\'s tickets with status, severity, SLA targets and time spent', () => {
  it('English: totals, then one row per ticket', () => {
    const r = renderTicketReportEmail(anInput());
    expect(r.text).toContain('2 tickets: 2 opened and 1 closed in this period. SLA targets: 2 met, 1 breached. Time spent: 2 h 50 min.');
    expect(r.text).toContain('T-1043 טעינה לילית נכשלת\nStatus: Closed · Severity: Urgent · Opened: 10/06/2026 · Closed: 30/06/2026 · First response: Breached · Time spent: 2 h 5 min');
    expect(r.text).toContain('T-1042 Night reload fails\nStatus: Pending customer · Severity: High · Opened: 01/06/2026 · Closed: — · First response: Met · Time spent: 45 min');
    expect(r.html.match(/<tr>/g)).toHaveLength(3); // the header and one row per ticket
    expect(r.html).toContain('<th scope="col"');
    expect(r.html).toContain('>Pending customer</td>');
  });

  it('Hebrew: the same content, in Hebrew', () => {
    const r = renderTicketReportEmail(anInput({ language: 'he' }));
    expect(r.text).toContain('פניות: 2 (נפתחו בתקופה: 2, נסגרו בתקופה: 1). יעדי SLA: עמדו ביעד 2, חריגות 1. זמן טיפול: 2 שע׳ 50 דק׳.');
    expect(r.text).toContain('T-1042 Night reload fails\nסטטוס: ממתינה ללקוח · חומרה: גבוה · נפתחה: 01/06/2026 · נסגרה: — · מענה ראשון: עמד ביעד · זמן טיפול: 45 דק׳');
    expect(r.html).toContain('>מענה ראשון</th>');
    expect(r.html.match(/<tr>/g)).toHaveLength(3);
  });

  it('shows — for a ticket with no first-response target', () => {
    const report = structuredClone(REPORT);
    report.tickets[1]!.targets = [];
    expect(renderTicketReportEmail(anInput({ report })).text).toContain('Closed: — · First response: — · Time spent: 45 min');
  });

  it.each([['en' as const, 'Acme Ltd had no tickets in this period.'], ['he' as const, 'לא היו פניות של Acme Ltd בתקופה זו.']])(
    '%s: an empty period says so in one sentence, with no table', (language, sentence) => {
      const r = renderTicketReportEmail(anInput({ language, report: empty() }));
      expect(r.text).toContain(`\n\n${sentence}\n\n`);
      expect(r.html).not.toContain('<table');
      expect(r.text).not.toMatch(/SLA|Time spent|זמן טיפול/);
    });

  it.each([
    [0, '0 min', '0 דק׳'], [45, '45 min', '45 דק׳'], [60, '1 h', '1 שע׳'], [125, '2 h 5 min', '2 שע׳ 5 דק׳'], [1510, '25 h 10 min', '25 שע׳ 10 דק׳'],
  ])('time spent: %i minutes is "%s" / "%s"', (minutes, en, he) => {
    expect(REPORT_EN.duration(minutes)).toBe(en);
    expect(REPORT_HE.duration(minutes)).toBe(he);
    const report = structuredClone(REPORT);
    report.tickets[0]!.workMinutes = minutes;
    expect(renderTicketReportEmail(anInput({ report })).text).toContain(`First response: Breached · Time spent: ${en}\n`);
  });
});

describe('the period, read in Israel time', () => {
  it.each([
    ['a month of Israeli midnights', JUNE.from, JUNE.to, '1-30 June 2026', '1-30 ביוני 2026'],
    ['a week, Sunday to Saturday', '2026-06-06T21:00:00Z', '2026-06-13T21:00:00Z', '7-13 June 2026', '7-13 ביוני 2026'],
    ['October, summer time ending on the 25th', '2026-09-30T21:00:00Z', '2026-10-31T22:00:00Z', '1-31 October 2026', '1-31 באוקטובר 2026'],
    ['a week across two months', '2026-05-23T21:00:00Z', '2026-05-30T21:00:00Z', '24-30 May 2026', '24-30 במאי 2026'],
    ['a week across the new year, winter time', '2026-12-26T22:00:00Z', '2027-01-02T22:00:00Z', '27 December 2026 - 2 January 2027', '27 בדצמבר 2026 - 2 בינואר 2027'],
    ['a week across a month end', '2026-06-27T21:00:00Z', '2026-07-04T21:00:00Z', '28 June - 4 July 2026', '28 ביוני - 4 ביולי 2026'],
    ['one day', '2026-06-06T21:00:00Z', '2026-06-07T21:00:00Z', '7 June 2026', '7 ביוני 2026'],
  ])('%s: %s to %s is %s', (_, from, to, en, he) => {
    expect(withPeriod(from, to, 'en')).toBe(`Ticket report for Acme Ltd: ${en}`);
    expect(withPeriod(from, to, 'he')).toBe(`דוח פניות עבור Acme Ltd: ${he}`);
  });
});

describe('escaping', () => {
  it('escapes a hostile subject, organisation and name in HTML, and leaves the text as written', () => {
    const report = structuredClone(REPORT);
    report.tickets[0]!.subject = HOSTILE;
    for (const language of ['en', 'he'] as const) {
      const r = renderTicketReportEmail(anInput({ language, report, organisationName: '<b>Acme</b>', to: { email: 'dana@acme.example', name: '<i>Dana</i>' } }));
      expect(r.html).not.toMatch(/<script|<b>|<i>/);
      expect(r.html).toContain('<bdi>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</bdi>');
      expect(r.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
      expect(r.html).toContain('<title>');
      expect(r.html).toContain('&lt;i&gt;Dana&lt;/i&gt;');
      expect(r.text).toContain(HOSTILE);
    }
  });

  it('keeps the subject on one line, and a ticket subject on its row', () => {
    const report = structuredClone(REPORT);
    report.tickets[0]!.subject = 'first line\r\nsecond line';
    const r = renderTicketReportEmail(anInput({ report, organisationName: 'Acme\r\nBcc: x@evil.example' }));
    expect(r.subject).toBe('Ticket report for Acme Bcc: x@evil.example: 1-30 June 2026');
    expect(r.text).toContain('T-1043 first line second line\nStatus:');
  });
});

describe('R-CAL-1: the same email whatever the local time zone of the process', () => {
  const inputs = [anInput(), anInput({ language: 'he', frequency: 'weekly', report: { ...structuredClone(REPORT), period: { from: '2026-12-26T22:00:00Z', to: '2027-01-02T22:00:00Z' } } })];
  const here = inputs.map(renderTicketReportEmail);
  const script = `const { renderTicketReportEmail } = await import(${JSON.stringify(MODULE)});
process.stdout.write(JSON.stringify({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, emails: JSON.parse(process.argv[1]).map(renderTicketReportEmail) }));`;

  // Santiago: far west, its own DST in the southern summer.
  it.each(['UTC', 'America/Santiago'])('renders the same under TZ=%s', (tz) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(inputs)], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    const { zone, emails } = JSON.parse(out) as { zone: string; emails: unknown };
    expect(zone).toBe(tz); // the child really ran in that zone
    expect(emails).toEqual(here);
  });
});
