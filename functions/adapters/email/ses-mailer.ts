import { createHash } from 'node:crypto';
import { cleanLine } from '../../domain/text-hygiene.js';
import { SendEmailCommand, type MessageHeader, type MessageTag, type SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { RenderedEmail } from './rendered-email.js';

export type SesMailerConfig = {
  from: string; // 'Support <support@support.center.example>', a verified identity
  replyToDomain: string; // replies go to `support+T-1042@<replyToDomain>` (`support@…` for mail of no ticket), which the receipt rule takes in
  configurationSetName: string; // bounces, complaints and deliveries are published from it
  region: string; // the SES region: it names the host of the Message-ID SES gives the mail
  replyToMailbox?: string; // the local part before `+`, 'support' unless told
};

export type SentEmail = { messageId: string; rfcMessageId: string };

/** A send that failed; `retryable` says whether the outbox should try again (throttling, a paused account, a 5xx) or give up. */
export class MailError extends Error {
  constructor(readonly code: 'mail-rejected' | 'mail-failed', message: string, readonly retryable: boolean, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MailError';
  }
}

const RETRYABLE = new Set(['TooManyRequestsException', 'LimitExceededException', 'SendingPausedException', 'InternalServiceErrorException']);
const REJECTED = new Set(['MessageRejected', 'BadRequestException']);
const HEADER_VALUE_MAX = 870; // SES: a header value is printable ASCII, at most 870 characters
const TAG_MAX = 256; // SES: tag values are [A-Za-z0-9_-], at most 256 characters

/** Sends rendered notifications with SES v2 (Content.Simple) through the configuration set. */
export class SesMailer {
  constructor(private readonly client: SESv2Client, private readonly config: SesMailerConfig) {}

  /**
   * R-CLOSE-2: `support+T-1042+confirm@<reply domain>`, where a resolution's action link sends; the
   * inbound handler reads the ticket and the action from it (and honours it only from an authenticated sender).
   */
  actionAddress(ticketNumber: string, action: 'confirm' | 'reject'): string {
    return `${this.config.replyToMailbox ?? 'support'}+${ticketNumber}+${action}@${this.config.replyToDomain}`;
  }

  /** Sends one email; the answer carries SES's MessageId and the RFC Message-ID the mail really went out with. */
  async send(email: RenderedEmail): Promise<SentEmail> {
    const input = this.toInput(email);
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.client.send(new SendEmailCommand(input)));
    } catch (error) {
      const name = (error as { name?: string }).name ?? 'Error';
      const fault = (error as { $fault?: string }).$fault;
      const rejected = REJECTED.has(name);
      throw new MailError(rejected ? 'mail-rejected' : 'mail-failed', `SES refused ${email.notificationId}: ${name}`,
        !rejected && (RETRYABLE.has(name) || fault === 'server'), { cause: error });
    }
    if (!messageId) throw new MailError('mail-failed', `SES gave no MessageId for ${email.notificationId}`, true);
    return { messageId, rfcMessageId: rfcMessageIdOf(messageId, this.config.region) };
  }

  /** The exact SendEmail input: public so the outbox's tests and the local SES can see what goes out. */
  toInput(email: RenderedEmail): SendEmailCommandInput {
    const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
    const headers = headersOf(email);
    return {
      FromEmailAddress: this.config.from,
      Destination: { ToAddresses: [formatAddress(email.to.name, email.to.email)] },
      ReplyToAddresses: [replyToOf(email, this.config)],
      Content: {
        Simple: {
          Subject: utf8(cleanLine(email.subject)), // one line whatever the template built
          Body: { Html: utf8(email.html), Text: utf8(email.text) },
          ...(headers.length > 0 ? { Headers: headers } : {}),
        },
      },
      ConfigurationSetName: this.config.configurationSetName,
      EmailTags: tagsOf(email),
    };
  }
}

/**
 * The plus-address names the ticket: a reply threads back even when the client drops In-Reply-To.
 * Mail of no ticket (`ticketNumber` '', a ticket report) answers to the plain mailbox instead.
 */
function replyToOf(email: RenderedEmail, config: SesMailerConfig): string {
  const mailbox = config.replyToMailbox ?? 'support';
  return `${email.ticketNumber ? `${mailbox}+${email.ticketNumber}` : mailbox}@${config.replyToDomain}`;
}

/** SES replaces any Message-ID we set with its own, derived from the MessageId it answers with. */
export const rfcMessageIdOf = (messageId: string, region: string): string =>
  `<${messageId}@${region === 'us-east-1' ? 'email' : region}.amazonses.com>`;

function headersOf(email: RenderedEmail): MessageHeader[] {
  const headers: MessageHeader[] = [];
  if (email.automatic) { // RFC 3834: no autoresponder answers it, so an out-of-office never loops through the desk
    headers.push({ Name: 'Auto-Submitted', Value: 'auto-generated' }, { Name: 'X-Auto-Response-Suppress', Value: 'OOF, AutoReply' });
  }
  if (email.inReplyTo) headers.push({ Name: 'In-Reply-To', Value: headerSafe(email.inReplyTo) });
  const refs = (email.references ?? []).map(headerSafe);
  if (refs.length > 0) headers.push({ Name: 'References', Value: fitReferences(refs) });
  return headers;
}

const headerSafe = (value: string): string => {
  if (!/^[\x21-\x7e]+$/.test(value)) throw new MailError('mail-rejected', `not a Message-ID: ${JSON.stringify(value)}`, false);
  return value;
};

/** RFC 5322 §3.6.4: when the thread is too long, keep its first id and as many of the latest as fit. */
function fitReferences(refs: string[]): string {
  const all = refs.join(' ');
  if (all.length <= HEADER_VALUE_MAX) return all;
  const kept: string[] = [];
  let length = refs[0]!.length;
  for (let i = refs.length - 1; i > 0 && length + 1 + refs[i]!.length <= HEADER_VALUE_MAX; i--) {
    kept.unshift(refs[i]!);
    length += 1 + refs[i]!.length;
  }
  return [refs[0]!, ...kept].join(' ');
}

/** Tags ride on every SES event of the message: the bounce handler finds the notification (and so the event and ticket) from them. */
function tagsOf(email: RenderedEmail): MessageTag[] {
  const id = Buffer.from(email.notificationId, 'utf8').toString('base64url'); // reversible, and within the tag alphabet
  return [
    ...(email.ticketNumber ? [{ Name: 'ticket', Value: email.ticketNumber.replace(/[^A-Za-z0-9_-]/g, '_') }] : []),
    { Name: 'notification', Value: id.length <= TAG_MAX ? id : `sha256-${createHash('sha256').update(email.notificationId).digest('hex')}` },
    { Name: 'template', Value: email.template.replace(/[^A-Za-z0-9_-]/g, '_') },
  ];
}

/** `"Dana Cohen" <dana@…>`; a name outside printable ASCII becomes RFC 2047 encoded-words of at most 75 characters. */
export function formatAddress(name: string, email: string): string {
  const clean = cleanLine(name); // no line break, control character or bidi override in a header
  if (!clean) return email;
  if (/^[\x20-\x7e]+$/.test(clean)) return `"${clean.replace(/["\\]/g, '\\$&')}" <${email}>`;
  const words: string[] = [];
  let chunk = '';
  for (const ch of clean) { // whole code points, at most 45 bytes a word: 60 base64 characters plus 12 of framing
    if (Buffer.byteLength(chunk + ch) > 45) { words.push(chunk); chunk = ''; }
    chunk += ch;
  }
  words.push(chunk);
  return `${words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ')} <${email}>`;
}
