import type { Notification, TemplateName } from '../../domain/notifications/index.js';
import type { Severity, TargetName } from '../../domain/index.js';

/** A run of text: literal wording, or an inserted value (escaped and bidi-isolated in HTML). */
export type Inline = string | { value: string };
export type Line = Inline[];

/** The body of an email as plain structure: the layouts turn it into HTML and text, so nothing unescaped reaches the HTML. */
export type Block =
  | { kind: 'p'; line: Line }
  | { kind: 'quote'; text: string } // free text someone wrote (a reply, a solution): shown as written, `dir="auto"`
  | { kind: 'facts'; rows: Array<[string, string]> }
  // R-CLOSE-2: confirm / reject without typing: two links, each a prefilled email to an address
  // naming the ticket and the action; `fallback` says the same in words where no address is known
  | { kind: 'actions'; confirm: Action; reject: Action; hint: Line; fallback: Line };

/** One action link: its label and the subject of the email it prefills (the ticket number is added). */
export type Action = { label: string; subject: string };

export type Wording = { subject: Line; blocks: Block[] };

/** `tx\`Ticket ${number} is closed\``: literals stay wording, every interpolation becomes a value. */
export function tx(strings: TemplateStringsArray, ...values: Array<string | number>): Line {
  const line: Line = [];
  strings.forEach((s, i) => {
    if (s) line.push(s);
    if (i < values.length) line.push({ value: String(values[i]) });
  });
  return line;
}

export const p = (line: Line): Block => ({ kind: 'p', line });
export const quote = (text: string): Block => ({ kind: 'quote', text });
export const actions = (confirm: Action, reject: Action, hint: Line, fallback: Line): Block => ({ kind: 'actions', confirm, reject, hint, fallback });
export const facts = (rows: Array<[string, string | null]>): Block => ({ kind: 'facts', rows: rows.filter((r): r is [string, string] => r[1] !== null) });

/** Language-bound formatting the wording uses. */
export type Say = { time: (at: string) => string; target: (t: TargetName) => string; severity: (s: Severity) => string };

export type NotificationOf<K extends TemplateName> = Extract<Notification, { template: K }>;

/** One language's wording: one function per template; a template without wording does not compile. */
export type WordingTable = {
  greeting: (name: string) => Line;
  signOff: string[];
  replyHint: (ticketNumber: string) => Line; // customer-facing mail only
  templates: { [K in TemplateName]: (n: NotificationOf<K>, say: Say) => Wording };
};
