// What the inbound handler would make of one raw message, without a table: for `mail inspect`
// (bin/mail.ts), which operators use to answer "why was this mail dropped?". Its field names are
// a public contract: add, never rename.
import { DomainError } from '../../domain/index.js';
import {
  authenticateSender, DEFAULT_MAIL_LIMITS, parseInboundMail, type DnsResolver, type MailLimits, type ReceiptVerdicts, type SenderAuth,
} from '../../adapters/mail/index.js';

export type MailInspection = {
  size: number;
  /** `message-too-large` when the handler would refuse it whole; `unreadable-mime`; else null. */
  refused: 'message-too-large' | 'unreadable-mime' | null;
  messageId: string | null;
  from: { address: string; name: string } | null;
  /** R-MAIL-1: whether From is authenticated, how, and the evidence. */
  authenticated: boolean;
  authentication: (Pick<SenderAuth, 'method' | 'fromDomain' | 'dkim' | 'spf' | 'dmarc'> & { receipt: 'ses-headers' | 'none' }) | null;
  subject: string;
  /** How the handler looks the ticket up, in order: thread ids (against the desk's mail), then the plus-address, then the subject. */
  match: {
    via: 'thread' | 'plus-address' | 'subject' | 'none';
    ticket: string | null;
    threadMessageIds: string[];
    plusAddressTicket: string | null;
    subjectTicket: string | null;
    /** R-CLOSE-2: an action link's `confirm` / `reject`. */
    action: 'confirm' | 'reject' | null;
  };
  automatic: { isAuto: boolean; reason: string | null; detail: string | null };
  intent: string | null;
  text: string;
  attachments: {
    kept: Array<{ name: string | null; contentType: string; size: number }>;
    refused: Array<{ name: string | null; contentType: string; size: number; reason: string }>;
  };
};

export type InspectOptions = { ourDomains: string[]; resolver: DnsResolver; now: string; limits?: MailLimits };

const VERDICT: Record<string, string> = { pass: 'PASS', fail: 'FAIL', softfail: 'FAIL', none: 'GRAY', neutral: 'GRAY', temperror: 'PROCESSING_FAILED', permerror: 'PROCESSING_FAILED' };

/**
 * SES's verdicts as it wrote them into the stored message: the first `Authentication-Results:
 * amazonses.com;` header (SES puts its own on top; one further down may be forged by the sender).
 */
export function receiptFromHeaders(raw: Buffer): { receipt: ReceiptVerdicts; envelopeFrom: string | null } | null {
  const end = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((i) => i >= 0);
  const head = raw.subarray(0, end.length ? Math.min(...end) : raw.length).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const line = /^authentication-results:[ \t]*([^\r\n]*)/im.exec(head)?.[1];
  if (!line || !/^amazonses\.com\s*;/i.test(line)) return null;
  const result = (name: string) => {
    const value = new RegExp(`(?:^|[;\\s])${name}=(\\w+)`, 'i').exec(line)?.[1]?.toLowerCase();
    return value ? VERDICT[value] : undefined;
  };
  const envelopeFrom = /\b(?:envelope-from|smtp\.mailfrom)=([^\s;]+)/i.exec(line)?.[1] ?? null;
  return { receipt: { spf: result('spf'), dkim: result('dkim'), dmarc: result('dmarc') }, envelopeFrom };
}

/** The handler's reading of `raw`: limits, parse, authentication (DNS through `resolver`), match, automatic, intent, text, attachments. */
export async function inspectMail(raw: Buffer, options: InspectOptions): Promise<MailInspection> {
  const limits = options.limits ?? DEFAULT_MAIL_LIMITS;
  const empty: MailInspection = {
    size: raw.length, refused: null, messageId: null, from: null, authenticated: false, authentication: null, subject: '',
    match: { via: 'none', ticket: null, threadMessageIds: [], plusAddressTicket: null, subjectTicket: null, action: null },
    automatic: { isAuto: false, reason: null, detail: null }, intent: null, text: '', attachments: { kept: [], refused: [] },
  };
  if (raw.length > limits.maxMessageBytes) return { ...empty, refused: 'message-too-large' };
  let mail;
  try {
    mail = await parseInboundMail(raw, { ourDomains: options.ourDomains, ourMessageIdSuffixes: [], limits });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid-input') return { ...empty, refused: 'unreadable-mime' };
    throw error;
  }
  const ses = receiptFromHeaders(raw);
  const auth = await authenticateSender({
    raw, fromAddress: mail.from?.address ?? null, envelopeFrom: ses?.envelopeFrom ?? null, receipt: ses?.receipt ?? {}, resolver: options.resolver, now: options.now,
  });
  const via = mail.threadMessageIds.length ? 'thread' : mail.plusAddressTicket ? 'plus-address' : mail.subjectTicket ? 'subject' : 'none';
  return {
    ...empty,
    messageId: mail.messageId,
    from: mail.from,
    authenticated: auth.authenticated,
    authentication: { method: auth.method, fromDomain: auth.fromDomain, dkim: auth.dkim, spf: auth.spf, dmarc: auth.dmarc, receipt: ses ? 'ses-headers' : 'none' },
    subject: mail.subject,
    match: {
      via, ticket: via === 'plus-address' ? mail.plusAddressTicket : via === 'subject' ? mail.subjectTicket : null,
      threadMessageIds: mail.threadMessageIds, plusAddressTicket: mail.plusAddressTicket, subjectTicket: mail.subjectTicket, action: mail.plusAddressAction,
    },
    automatic: { isAuto: mail.autoReply.isAuto, reason: mail.autoReply.reason ?? null, detail: mail.autoReply.detail ?? null },
    intent: mail.intent,
    text: mail.text,
    attachments: {
      kept: mail.attachments.map((a) => ({ name: a.filename, contentType: a.contentType, size: a.size })),
      refused: mail.refusedAttachments.map((a) => ({ name: a.filename, contentType: a.contentType, size: a.size, reason: a.reason })),
    },
  };
}
