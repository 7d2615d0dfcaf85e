// R-RPT-1, R-RPT-2: the email that carries an organisation's ticket report. Like templates.ts it is
// presentation only: the report (domain/reports) says what is in it; this lays it out and words it.
import type { Language, Severity, Status } from '../../domain/index.js';
import type { ReportFrequency } from '../../domain/reports/schedule.js';
import { periodMs, type Period, type TargetOutcome, type TicketLine, type TicketReport } from '../../domain/reports/ticket-report.js';
import { escapeHtml } from './format.js';
import type { RenderedEmail } from './rendered-email.js';
import { REPORT_EN } from './report-wording-en.js';
import { REPORT_HE } from './report-wording-he.js';
import type { Line } from './wording.js';

export type ReportEmailFrequency = 'on-request' | ReportFrequency;
/** A calendar day in the policy's time zone; `month` is the language's month name ("June", "יוני"). */
export type CalendarDay = { day: number; month: string; year: number };
type Column = 'number' | 'subject' | 'status' | 'severity' | 'opened' | 'closed' | 'firstResponse' | 'timeSpent';

/** One language's wording of the report; a missing status, outcome or column does not compile. */
export type ReportWording = {
  subject: (frequency: ReportEmailFrequency, organisation: string, period: string) => Line;
  greeting: (name: string) => Line;
  intro: (organisation: string, period: string) => Line;
  totals: (totals: TicketReport['totals'], duration: (minutes: number) => string) => Line;
  empty: (organisation: string) => Line; // one sentence instead of an empty table
  note: Line;
  frequency: Record<ReportEmailFrequency, Line | null>;
  columns: Record<Column, string>;
  status: Record<Status, string>;
  severity: Record<Severity, string>;
  outcome: Record<TargetOutcome, string>;
  duration: (minutes: number) => string;
  dayMonth: (day: CalendarDay) => string;
  signOff: string[];
};

const WORDING: Record<Language, ReportWording> = { en: REPORT_EN, he: REPORT_HE };
const NONE = '—';

export type TicketReportEmailInput = {
  requestId: string;
  report: TicketReport;
  organisationName: string;
  to: { email: string; name: string };
  language: Language;
  timeZone: string; // the policy's: the period's days and the tickets' dates are read in it
  frequency: ReportEmailFrequency;
};

/**
 * R-RPT-1: the report as an email of no ticket (`ticketNumber` ''), HTML and plain text, marked
 * automatic. The period's `to` is exclusive: the last day shown is the one holding its last instant.
 */
export function renderTicketReportEmail(input: TicketReportEmailInput): RenderedEmail {
  const { report, language, timeZone } = input;
  const w = WORDING[language];
  const period = formatPeriod(report.period, w, language, timeZone);
  const subject = plain(w.subject(input.frequency, input.organisationName, period)).replace(/[\r\n]+/g, ' '); // a header is one line
  const rows = report.tickets.map((t) => rowOf(t, w, timeZone));
  const before: Line[] = [w.greeting(input.to.name), w.intro(input.organisationName, period)];
  const why = w.frequency[input.frequency];
  const after: Line[] = [...(rows.length > 0 ? [w.note] : []), ...(why ? [why] : [])];
  const summary: Line = rows.length > 0 ? w.totals(report.totals, w.duration) : w.empty(input.organisationName);
  const header = COLUMNS.map((c) => w.columns[c]);
  return {
    notificationId: input.requestId, ticketNumber: '', template: 'ticket-report', to: { email: input.to.email, name: input.to.name },
    language, automatic: true, subject,
    html: toHtml(language, subject, [...before, summary], header, rows, after, w.signOff),
    text: toText([...before, summary], header, rows, after, w.signOff),
  };
}

const COLUMNS: readonly Column[] = ['number', 'subject', 'status', 'severity', 'opened', 'closed', 'firstResponse', 'timeSpent'];
const ISOLATED: ReadonlySet<number> = new Set([0, 1]); // number and subject: customer text of any direction, in <bdi>

function rowOf(t: TicketLine, w: ReportWording, timeZone: string): string[] {
  const firstResponse = t.targets.filter((s) => s.target === 'firstResponse').at(-1);
  return [
    t.number, t.subject.replace(/\s*[\r\n]+\s*/g, ' '), w.status[t.status], w.severity[t.severity],
    numericDate(Date.parse(t.createdAt), timeZone), t.closedAt ? numericDate(Date.parse(t.closedAt), timeZone) : NONE,
    firstResponse ? w.outcome[firstResponse.outcome] : NONE, w.duration(Math.max(0, Math.round(t.workMinutes))),
  ];
}

const formats = new Map<string, Intl.DateTimeFormat>();
function partsOf(ms: number, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone, ...options })));
  return Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
}

/** `30/06/2026` in `timeZone`, in both languages: digits in that order read the same in a right-to-left table. */
const numericDate = (ms: number, timeZone: string): string => {
  const { day, month, year } = partsOf(ms, 'en-GB', timeZone, { day: '2-digit', month: '2-digit', year: 'numeric' });
  return `${day}/${month}/${year}`;
};

const calendarDay = (ms: number, language: Language, timeZone: string): CalendarDay => {
  const p = partsOf(ms, language === 'he' ? 'he-IL' : 'en-GB', timeZone, { day: 'numeric', month: 'long', year: 'numeric' });
  return { day: Number(p.day), month: p.month!, year: Number(p.year) };
};

/**
 * "1-30 June 2026", "25 May - 7 June 2026", "28 December 2026 - 3 January 2027", "7 June 2026".
 * A hyphen-minus, not an en dash: between digits it keeps "1-30" in order in right-to-left text.
 */
function formatPeriod(period: Period, w: ReportWording, language: Language, timeZone: string): string {
  const { fromMs, toMs } = periodMs(period);
  const first = calendarDay(fromMs, language, timeZone);
  const last = calendarDay(toMs - 1, language, timeZone); // `to` is exclusive: its last millisecond's day
  const full = (d: CalendarDay) => `${w.dayMonth(d)} ${d.year}`;
  if (first.year !== last.year) return `${full(first)} - ${full(last)}`;
  if (first.month !== last.month) return `${w.dayMonth(first)} - ${full(last)}`;
  return first.day === last.day ? full(last) : `${first.day}-${full(last)}`;
}

const plain = (line: Line): string => line.map((x) => (typeof x === 'string' ? x : x.value)).join('');
const html = (line: Line): string => line.map((x) => (typeof x === 'string' ? escapeHtml(x) : `<bdi>${escapeHtml(x.value)}</bdi>`)).join('');
const P = '<p style="margin:0 0 12px">';

function toHtml(language: Language, subject: string, before: Line[], header: string[], rows: string[][], after: Line[], signOff: string[]): string {
  const dir = language === 'he' ? 'rtl' : 'ltr';
  const side = dir === 'rtl' ? 'right' : 'left'; // a side, not `start`: Outlook's renderer knows no logical values
  const cell = 'padding:4px 8px;border-bottom:1px solid #d0d7de;vertical-align:top';
  const table = rows.length === 0 ? [] : [
    '<table style="margin:0 0 12px;border-collapse:collapse;font-size:13px">',
    `<thead><tr>${header.map((h) => `<th scope="col" style="${cell};text-align:${side};font-weight:600;white-space:nowrap">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((v, i) => `<td style="${cell};text-align:${side}">${ISOLATED.has(i) ? `<bdi>${escapeHtml(v)}</bdi>` : escapeHtml(v)}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ];
  return [
    '<!DOCTYPE html>',
    `<html dir="${dir}" lang="${language}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    `<body dir="${dir}" style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;text-align:${side}">`,
    ...before.map((l) => `${P}${html(l)}</p>`),
    ...table,
    ...after.map((l) => `${P}${html(l)}</p>`),
    `${P}${signOff.map(escapeHtml).join('<br>')}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** The same content as text: each ticket on two lines, its number and subject, then the other columns labelled. */
function toText(before: Line[], header: string[], rows: string[][], after: Line[], signOff: string[]): string {
  const tickets = rows.map(([number, subject, ...rest]) => `${number} ${subject}\n${rest.map((v, i) => `${header[i + 2]}: ${v}`).join(' · ')}`);
  return [...before.map(plain), ...tickets, ...after.map(plain), signOff.join('\n')].join('\n\n') + '\n';
}
