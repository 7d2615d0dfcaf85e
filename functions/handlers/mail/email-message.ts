import type { Actor } from '../../domain/index.js';
import { cleanLine, DEFAULT_MAIL_LIMITS, type InboundMail, type MailAttachment, type MailLimits } from '../../adapters/mail/index.js';
import type { AttachmentWriter } from '../../adapters/object-store.js';
import type { Attachment, Message, RefusedAttachment } from '../../adapters/store.js';

// Path separators, control characters and what S3 keys and shells stumble on; letters of any script stay.
const UNSAFE = /[/\\\u0000-\u001f\u007f<>:"|?*]+/g;

/** A filename fit for a key: no path, no control characters, not empty, at most 200 characters; repeats numbered. */
export function attachmentNames(attachments: readonly Pick<MailAttachment, 'filename' | 'contentType'>[]): string[] {
  const taken = new Set<string>();
  return attachments.map((a, i) => {
    const clean = (a.filename ?? '').replace(UNSAFE, '_').replace(/^\.+/, '').trim().slice(-200);
    let name = clean || `attachment-${i + 1}`;
    for (let n = 2; taken.has(name); n++) name = name.replace(/(\.[^.]*)?$/, (ext) => `-${n}${ext}`);
    taken.add(name);
    return name;
  });
}

/**
 * Stores an email's attachments under `attachments/<ticketId>/<messageId>/<filename>` (our message
 * id, not the RFC one: a key without angle brackets or another's hostname) and returns the references.
 * Inline parts (a pasted screenshot, a signature logo) are kept too: we cannot tell which is which.
 */
export async function storeAttachments(writer: AttachmentWriter, ticketId: string, messageId: string, attachments: readonly MailAttachment[]): Promise<Attachment[]> {
  const names = attachmentNames(attachments);
  return Promise.all(attachments.map(async (a, i) => {
    const key = `attachments/${ticketId}/${messageId}/${names[i]}`;
    await writer.put(key, a.content, a.contentType);
    return { name: names[i]!, contentType: a.contentType, size: a.content.length, key };
  }));
}

/** The first `max` characters, not cutting a surrogate pair in two. */
const preview = (text: string, max: number) => (/[\ud800-\udbff]/.test(text[max - 1] ?? '') ? text.slice(0, max - 1) : text.slice(0, max));

/** The refused attachments as the message lists them: a one-line name, never empty. */
export const refusedOf = (mail: Pick<InboundMail, 'refusedAttachments'>): RefusedAttachment[] =>
  mail.refusedAttachments.map((a) => ({ name: cleanLine(a.filename ?? '') || '(no name)', contentType: a.contentType, size: a.size, reason: a.reason }));

/**
 * The public message an inbound email becomes: the new reply text, its attachments, its Message-ID.
 * A text too long for the item (a pasted log) is kept whole in S3, `attachments/<ticket>/bodies/<message>.txt`,
 * and the message carries a preview and where the rest is; refused attachments are listed.
 */
export async function emailMessage(writer: AttachmentWriter, id: string, ticketId: string, at: string, author: Actor, mail: InboundMail, limits: MailLimits = DEFAULT_MAIL_LIMITS): Promise<Message> {
  const long = mail.text.length > limits.maxInlineBodyChars;
  let fullBody: Message['fullBody'];
  if (long) {
    const bytes = Buffer.from(mail.text, 'utf8');
    const key = `attachments/${ticketId}/bodies/${id}.txt`; // beside the messages' folders (a uuid each), never one of them
    await writer.put(key, bytes, 'text/plain; charset=utf-8');
    fullBody = { key, size: bytes.length };
  }
  const refused = refusedOf(mail);
  return {
    id, ticketId, at, author, visibility: 'public', body: long ? preview(mail.text, limits.maxInlineBodyChars) : mail.text,
    attachments: await storeAttachments(writer, ticketId, id, mail.attachments), channel: 'email', emailMessageId: mail.messageId,
    ...(fullBody ? { fullBody } : {}), ...(refused.length ? { refusedAttachments: refused } : {}),
  };
}
