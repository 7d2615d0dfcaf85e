import PostalMime, { type Attachment, type Email } from 'postal-mime';
import { DomainError } from '../../domain/index.js';
import { detectAutoReply } from './detect-auto-reply.js';
import { detectIntent } from './detect-intent.js';
import { findPlusAddressAction, findPlusAddressTicket, findSubjectTicket } from './find-ticket-number.js';
import { htmlToText } from './html-to-text.js';
import type { InboundMail, MailAttachment, ParseInboundOptions } from './inbound-mail.js';
import { addressesOf, messageIdsIn, sentAtOf } from './mail-headers.js';
import { applyAttachmentPolicy, boundedIds, DEFAULT_MAIL_LIMITS } from './mail-limits.js';
import { extractNewReply } from './strip-reply.js';
import { cleanLine } from '../../domain/text-hygiene.js';

/**
 * Reads a raw inbound message (SES stores it in S3 as received) into what the inbound handler
 * decides on: the thread it belongs to, who wrote, the new reply text, attachments, and whether
 * it is automatic or our own. Pure: no AWS, no clock. Unreadable MIME is an `invalid-input`.
 */
export async function parseInboundMail(raw: Buffer | string, options: ParseInboundOptions): Promise<InboundMail> {
  let mail: Email;
  try {
    // postal-mime (no code-page tables: charsets through TextDecoder, issue 13's bundle) leaves
    // `text` unset for an HTML-only message: it is read by our own reader, which knows its quotes.
    // A message/rfc822 part stays one attachment, as mailparser kept it (never parsed into the body).
    mail = await PostalMime.parse(raw, { forceRfc822Attachments: true });
  } catch (error) {
    throw new DomainError('invalid-input', 'the message is not readable MIME', {}, { cause: error });
  }

  const limits = options.limits ?? DEFAULT_MAIL_LIMITS;
  // Bounded (issue 12): an id over the length limit is no key of ours; 3,000 References cost one small batched lookup
  const messageId = boundedIds(messageIdsIn(mail.messageId), limits, 1)[0] ?? null;
  const inReplyToIds = boundedIds(messageIdsIn(mail.inReplyTo), limits, 1);
  const references = boundedIds(messageIdsIn(mail.references).toReversed(), limits, 20).toReversed();
  const from = mail.from?.address ? { address: mail.from.address.toLowerCase(), name: cleanLine(mail.from.name) } : null; // a group in From is no sender
  const subject = cleanLine(mail.subject ?? ''); // no control characters or bidi overrides, one line (text hygiene)
  const to = addressesOf(mail.to);
  const cc = addressesOf(mail.cc);
  const recipients = [...(options.envelopeRecipients ?? []), ...to, ...cc, ...addressesOf(mail.bcc)];
  const html = mail.html?.trim() ? mail.html : undefined;
  const [statusParts, parts] = partition(mail.attachments, isDeliveryStatus);
  const plain = [mail.text, ...statusParts.map((a) => bytesOf(a.content).toString('utf8'))].filter(Boolean).join('\n');
  const fullText = plain || (html ? htmlToText(html) : '');
  const text = extractNewReply(plain, html, { subject: mail.subject ?? '' });
  const ourIds = new Set((options.ourMessageIds ?? []).map((id) => id.toLowerCase()));
  const { kept, refused } = applyAttachmentPolicy(parts.map(toAttachment), limits);
  const policy = { attachments: kept, refusedAttachments: refused };

  return {
    messageId,
    inReplyTo: inReplyToIds[0] ?? null,
    references,
    threadMessageIds: boundedIds([...inReplyToIds, ...references.toReversed()], limits),
    from,
    to,
    cc,
    subject,
    sentAt: sentAtOf(mail.headerLines),
    plusAddressTicket: findPlusAddressTicket(recipients, options.ourDomains),
    plusAddressAction: findPlusAddressAction(recipients, options.ourDomains),
    subjectTicket: findSubjectTicket(subject),
    text,
    fullText,
    hasHtml: html !== undefined,
    ...policy,
    autoReply: detectAutoReply({
      headerLines: mail.headerLines,
      messageId,
      fromAddress: from?.address ?? null,
      ourDomains: options.ourDomains,
      ourMessageIdSuffixes: options.ourMessageIdSuffixes,
      isOurMessageId: (id) => ourIds.has(id.toLowerCase()),
      subject: mail.subject ?? '',
      partTypes: mail.attachments.map((a) => a.mimeType),
    }),
    intent: detectIntent(text),
  };
}

/**
 * A bounce's machine-readable part (RFC 3464, 7-bit text) is read as body text, not kept as an
 * attachment, as mailparser read it: `mail inspect` shows it, and the reply texts stay as they were.
 */
const isDeliveryStatus = (a: Attachment) => a.mimeType === 'message/delivery-status' && a.disposition !== 'attachment';

const partition = <T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] => [items.filter(test), items.filter((item) => !test(item))];

/** attachmentEncoding is left at 'arraybuffer', so the content is binary; a string is read as UTF-8. */
const bytesOf = (content: Attachment['content']): Buffer =>
  typeof content === 'string' ? Buffer.from(content, 'utf8') : content instanceof ArrayBuffer ? Buffer.from(content) : Buffer.from(content);

function toAttachment(a: Attachment): MailAttachment {
  const content = bytesOf(a.content);
  return {
    filename: a.filename,
    contentType: a.mimeType,
    size: content.length,
    content,
    contentId: a.contentId?.replace(/^<([^<>]*)>$/, '$1') || null, // as mailparser gave it: without the angle brackets
    inline: a.disposition === 'inline' || a.related === true,
  };
}
