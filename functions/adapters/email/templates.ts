// Templates live in the adapter, not the domain: the domain decides what is said to whom
// (domain/notifications); HTML, escaping and wording are this channel's presentation.
import type { Language, Severity, TargetName } from '../../domain/index.js';
import type { Notification, RecipientRole } from '../../domain/notifications/index.js';
import { cleanLine } from '../../domain/text-hygiene.js';
import { escapeHtml, formatInstant } from './format.js';
import type { RenderedEmail } from './rendered-email.js';
import { EN } from './wording-en.js';
import { HE } from './wording-he.js';
import type { Action, Block, Line, Say, Wording, WordingTable } from './wording.js';

/** What the channel knows beside the notification: where the R-CLOSE-2 action links send to. */
export type RenderOptions = {
  /** `support+T-1042+confirm@<reply domain>`: an address naming the ticket and the action (ses-mailer's `actionAddress`). */
  actionAddress?: (ticketNumber: string, action: 'confirm' | 'reject') => string;
};

const TABLES: Record<Language, WordingTable> = { en: EN, he: HE };
const TARGETS: Record<Language, Record<TargetName, string>> = {
  en: { firstResponse: 'first response', contact: 'customer update', cssResponse: 'Customer Success response' },
  he: { firstResponse: 'מענה ראשון', contact: 'עדכון ללקוח', cssResponse: 'מענה Customer Success' },
};
const SEVERITIES: Record<Language, Record<Severity, string>> = {
  en: { urgent: 'Urgent', high: 'High', normal: 'Normal' },
  he: { urgent: 'דחוף', high: 'גבוה', normal: 'רגיל' },
};
const CUSTOMER_ROLES: ReadonlySet<RecipientRole> = new Set(['requester', 'follower', 'partner']);

/** Renders one notification in its recipient's language, as HTML and plain text; the subject starts with `[T-1042]`. */
export function renderEmail(n: Notification, options: RenderOptions = {}): RenderedEmail {
  const table = TABLES[n.language];
  const say: Say = {
    time: (at) => formatInstant(at, n.language, n.timeZone),
    target: (t) => TARGETS[n.language][t],
    severity: (s) => SEVERITIES[n.language][s],
  };
  const wording = (table.templates[n.template] as (x: Notification, s: Say) => Wording)(n, say);
  const subject = cleanLine(`[${n.ticketNumber}] ${plain(wording.subject)}`); // a header is one line, with no controls or bidi overrides
  const greeting: Block = { kind: 'p', line: table.greeting(n.to.name) };
  const blocks: LinkedBlock[] = [greeting, ...wording.blocks].map((b) => withLinks(b, n.ticketNumber, options));
  const hint = CUSTOMER_ROLES.has(n.to.role) ? table.replyHint(n.ticketNumber) : null;
  return {
    notificationId: n.id, ticketNumber: n.ticketNumber, template: n.template, to: { email: n.to.email, name: n.to.name },
    language: n.language, automatic: n.template !== 'agent-reply', subject, html: toHtml(n.language, subject, blocks, table.signOff, hint), text: toText(blocks, table.signOff, hint),
  };
}

type LinkedBlock = Exclude<Block, { kind: 'actions' }> | { kind: 'links'; hint: Line; links: Array<{ label: string; href: string }> };

/** R-CLOSE-2: an actions block becomes two prefilled mailto links when the address is known, else its words. */
function withLinks(b: Block, ticketNumber: string, options: RenderOptions): LinkedBlock {
  if (b.kind !== 'actions') return b;
  if (!options.actionAddress || !ticketNumber) return { kind: 'p', line: b.fallback };
  // RFC 6068: the subject percent-encoded as UTF-8; it keeps the ticket number, like every reply
  const href = (action: 'confirm' | 'reject', a: Action) =>
    `mailto:${options.actionAddress!(ticketNumber, action)}?subject=${encodeURIComponent(`[${ticketNumber}] ${a.subject}`)}`;
  return { kind: 'links', hint: b.hint, links: [{ label: b.confirm.label, href: href('confirm', b.confirm) }, { label: b.reject.label, href: href('reject', b.reject) }] };
}

const plain = (line: Line): string => line.map((x) => (typeof x === 'string' ? x : x.value)).join('');
const html = (line: Line): string => line.map((x) => (typeof x === 'string' ? escapeHtml(x) : `<bdi>${escapeHtml(x.value)}</bdi>`)).join('');
const multiline = (text: string): string => escapeHtml(text).replace(/\r?\n/g, '<br>\n');

const BUTTON = 'display:inline-block;margin:0 0 8px;margin-inline-end:8px;padding:8px 14px;border-radius:6px;background:#0969da;color:#ffffff;text-decoration:none;font-weight:600';

function blockHtml(b: LinkedBlock): string {
  switch (b.kind) {
    case 'links': return [
      `<p style="margin:0 0 8px">${html(b.hint)}</p>`,
      `<p style="margin:0 0 12px">${b.links.map((l) => `<a href="${escapeHtml(l.href)}" style="${BUTTON}">${escapeHtml(l.label)}</a>`).join(' ')}</p>`,
    ].join('\n');
    case 'p': return `<p style="margin:0 0 12px">${html(b.line)}</p>`;
    case 'quote': return `<blockquote dir="auto" style="margin:0 0 12px;padding:8px 12px;border-inline-start:3px solid #d0d7de;background:#f6f8fa">${multiline(b.text)}</blockquote>`;
    case 'facts': return `<table role="presentation" style="margin:0 0 12px;border-collapse:collapse">\n${b.rows
      .map(([k, v]) => `<tr><th scope="row" style="text-align:start;padding:2px 16px 2px 0;font-weight:600">${escapeHtml(k)}</th><td style="padding:2px 0"><bdi>${escapeHtml(v)}</bdi></td></tr>`)
      .join('\n')}\n</table>`;
  }
}

function toHtml(language: Language, subject: string, blocks: LinkedBlock[], signOff: string[], hint: Line | null): string {
  const dir = language === 'he' ? 'rtl' : 'ltr';
  return [
    '<!DOCTYPE html>',
    `<html dir="${dir}" lang="${language}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    `<body dir="${dir}" style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;text-align:${dir === 'rtl' ? 'right' : 'left'}">`,
    // clients and viewers that drop <html>/<body> attributes keep this wrapper's direction
    `<div dir="${dir}" lang="${language}" style="direction:${dir};text-align:${dir === 'rtl' ? 'right' : 'left'}">`,
    ...blocks.map(blockHtml),
    `<p style="margin:0 0 12px">${signOff.map(escapeHtml).join('<br>')}</p>`,
    ...(hint ? [`<p style="margin:0;color:#57606a;font-size:12px">${html(hint)}</p>`] : []),
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

function toText(blocks: LinkedBlock[], signOff: string[], hint: Line | null): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'links': return [plain(b.hint), ...b.links.map((l) => `${l.label}: <${l.href}>`)].join('\n');
      case 'p': return plain(b.line);
      case 'quote': return b.text.replace(/\r\n/g, '\n');
      case 'facts': return b.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
    }
  });
  return [...parts, signOff.join('\n'), ...(hint ? [plain(hint)] : [])].join('\n\n') + '\n';
}
