import type { Actor } from '../../domain/index.js';
import type { InboundMail, MailAttachment } from '../../adapters/mail/index.js';
import type { AttachmentWriter } from '../../adapters/object-store.js';
import type { Attachment, Message } from '../../adapters/store.js';

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

/** The public message an inbound email becomes: the new reply text, its attachments, its Message-ID. */
export async function emailMessage(writer: AttachmentWriter, id: string, ticketId: string, at: string, author: Actor, mail: InboundMail): Promise<Message> {
  return {
    id, ticketId, at, author, visibility: 'public', body: mail.text,
    attachments: await storeAttachments(writer, ticketId, id, mail.attachments), channel: 'email', emailMessageId: mail.messageId,
  };
}
