import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import { DomainError } from '../../domain/index.js';
import { detectAutoReply } from './detect-auto-reply.js';
import { detectIntent } from './detect-intent.js';
import { findPlusAddressAction, findPlusAddressTicket, findSubjectTicket } from './find-ticket-number.js';
import { htmlToText } from './html-to-text.js';
import type { InboundMail, MailAttachment, ParseInboundOptions } from './inbound-mail.js';
import { addressesOf, messageIdsIn, sentAtOf } from './mail-headers.js';
import { applyAttachmentPolicy, boundedIds, DEFAULT_MAIL_LIMITS } from './mail-limits.js';
import { extractNewReply } from './strip-reply.js';
import { cleanLine } from './text-hygiene.js';

/**
 * Reads a raw inbound message (SES stores it in S3 as received) into what the inbound handler
 * decides on: the thread it belongs to, who wrote, the new reply text, attachments, and whether
 * it is automatic or our own. Pure: no AWS, no clock. Unreadable MIME is an `invalid-input`.
 */
export async function parseInboundMail(raw: Buffer | string, options: ParseInboundOptions): Promise<InboundMail> {
  let mail: ParsedMail;
  try {
    // keepCidLinks: we keep the HTML only to know it is there, so no data: URLs are built;
    // skipHtmlToText: an HTML-only reply is read by our own reader, which knows its quotes
    mail = await simpleParser(raw, { keepCidLinks: true, skipTextLinks: true, skipHtmlToText: true });
  } catch (error) {
    throw new DomainError('invalid-input', 'the message is not readable MIME', {}, { cause: error });
  }

  const limits = options.limits ?? DEFAULT_MAIL_LIMITS;
  // Bounded (issue 12): an id over the length limit is no key of ours; 3,000 References cost one small batched lookup
  const messageId = boundedIds(messageIdsIn(mail.messageId), limits, 1)[0] ?? null;
  const inReplyToIds = boundedIds(messageIdsIn(mail.inReplyTo), limits, 1);
  const references = boundedIds(messageIdsIn(mail.references).toReversed(), limits, 20).toReversed();
  const fromEntry = mail.from?.value.find((entry) => entry.address);
  const from = fromEntry?.address ? { address: fromEntry.address.toLowerCase(), name: cleanLine(fromEntry.name ?? '') } : null;
  const subject = cleanLine(mail.subject ?? ''); // no control characters or bidi overrides, one line (text hygiene)
  const to = addressesOf(mail.to);
  const cc = addressesOf(mail.cc);
  const recipients = [...(options.envelopeRecipients ?? []), ...to, ...cc, ...addressesOf(mail.bcc)];
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : undefined;
  const fullText = mail.text || (html ? htmlToText(html) : '');
  const text = extractNewReply(mail.text || '', html, { subject: mail.subject ?? '' });
  const ourIds = new Set((options.ourMessageIds ?? []).map((id) => id.toLowerCase()));
  const { kept, refused } = applyAttachmentPolicy(mail.attachments.map(toAttachment), limits);
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
      partTypes: mail.attachments.map((a) => a.contentType),
    }),
    intent: detectIntent(text),
  };
}

const toAttachment = (a: Attachment): MailAttachment => ({
  filename: a.filename ?? null,
  contentType: a.contentType,
  size: a.size,
  content: a.content,
  contentId: a.cid ?? null,
  inline: a.contentDisposition === 'inline' || a.related === true,
});
