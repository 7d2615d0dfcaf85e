import type { Address, HeaderLine } from 'postal-mime';

/**
 * Every value of header `name` as it was written, unfolded and trimmed. Read raw, because
 * a parser's forms lose what we test: `Return-Path: <>` has no address to give, and an
 * unreadable Date must stay unreadable.
 */
export function rawHeaderValues(lines: readonly HeaderLine[], name: string): string[] {
  const key = name.toLowerCase();
  return lines
    .filter((line) => line.key === key)
    .map((line) => line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

const MESSAGE_ID = /<[^<>\s]+>/g;

/** The `<id>` tokens of a Message-ID header value, in order; a bare `id@host` is wrapped. */
export function messageIdsIn(value: string | string[] | undefined | false): string[] {
  const text = (Array.isArray(value) ? value.join(' ') : value || '').trim();
  const ids = text.match(MESSAGE_ID);
  if (ids) return ids;
  return /^[^\s<>@]+@[^\s<>]+$/.test(text) ? [`<${text}>`] : []; // no @ before the @: linear on "a@a@…@a b" (issue 12)
}

/** The Date header as a UTC ISO instant, or null: no clock is read when it is missing or unreadable. */
export function sentAtOf(lines: readonly HeaderLine[]): string | null {
  const value = rawHeaderValues(lines, 'date')[0];
  if (!value) return null;
  const ms = Date.parse(value.replace(/\s+\([^()]*\)\s*$/, '')); // "(IDT)" and other trailing comments; [^()] keeps it linear
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Lowercased mailbox addresses of one or more address headers, groups flattened. */
export function addressesOf(header: readonly Address[] | undefined): string[] {
  const out: string[] = [];
  for (const entry of header ?? []) {
    for (const mailbox of entry.group ?? [entry]) if (mailbox.address) out.push(mailbox.address.toLowerCase());
  }
  return out;
}

/** True when `address` is at one of `domains` or a subdomain of one (a MAIL FROM subdomain). */
export function isAtDomain(address: string, domains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}

/**
 * The first Message-ID of a raw message's header block, read without parsing the MIME, so the
 * notification log can be asked about it before the parse (bounded: a header block of 256 KB at most).
 */
export function rawMessageIdOf(raw: Buffer): string | null {
  const window = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = window.search(/\r?\n\r?\n/);
  const head = (end === -1 ? window : window.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const value = /^message-id[ \t]*:([^\r\n]*)/im.exec(head)?.[1];
  return value === undefined ? null : (messageIdsIn(value)[0] ?? null);
}
