import type { MailAttachment } from './inbound-mail.js';

/**
 * What one inbound email may carry (issue 12, limits). Each limit has a clear, permanent outcome and
 * loses nothing: a message over the total is refused whole (a permanent SMTP error locally; a refusal
 * logged, never a bounce, in AWS, where the raw MIME stays in S3); a body too long for the item is
 * kept whole in S3 with a preview on the message; a refused attachment is listed on the message.
 */
export type MailLimits = {
  /** The whole raw message. */
  maxMessageBytes: number;
  /** A Message-ID, In-Reply-To or References id longer than this is ignored (DynamoDB keys stop at 1-2 KB). */
  maxIdLength: number;
  /** In-Reply-To and the nearest References: the ids the ticket lookup reads, in one batch. */
  maxThreadIds: number;
  /** The new text kept on the message; longer text goes whole to S3 and this many characters stay as a preview. */
  maxInlineBodyChars: number;
  maxAttachmentBytes: number;
  maxAttachments: number;
  /** File name endings refused whatever their declared type: programs and scripts a click runs. */
  blockedExtensions: readonly string[];
  blockedContentTypes: readonly string[];
};

const MIB = 1024 * 1024;
export const DEFAULT_MAIL_LIMITS: MailLimits = {
  maxMessageBytes: 20 * MIB, // a 10 MiB attachment, base64-encoded, fits
  maxIdLength: 255,
  maxThreadIds: 5,
  maxInlineBodyChars: 20_000, // as the API's message body
  maxAttachmentBytes: 10 * MIB,
  maxAttachments: 10,
  blockedExtensions: ['exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'msi', 'msp', 'dll', 'cpl', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ps1', 'hta', 'jar', 'lnk', 'reg', 'iso', 'img'],
  blockedContentTypes: ['application/x-msdownload', 'application/x-msdos-program', 'application/x-dosexec', 'application/x-sh', 'application/hta', 'application/x-ms-shortcut'],
};

export type RefusedAttachmentReason = 'too-large' | 'too-many' | 'type-not-allowed';
export type AttachmentVerdict = { filename: string | null; contentType: string; size: number; reason: RefusedAttachmentReason };

const extensionOf = (filename: string | null) => /\.([a-z0-9]{1,8})\s*$/i.exec(filename ?? '')?.[1]?.toLowerCase() ?? null;

/** Which attachments are kept and which refused, and why: type first, then size, then count (in message order). */
export function applyAttachmentPolicy(attachments: readonly MailAttachment[], limits: MailLimits): { kept: MailAttachment[]; refused: AttachmentVerdict[] } {
  const kept: MailAttachment[] = [];
  const refused: AttachmentVerdict[] = [];
  for (const a of attachments) {
    const extension = extensionOf(a.filename);
    const reason: RefusedAttachmentReason | null =
      (extension && limits.blockedExtensions.includes(extension)) || limits.blockedContentTypes.includes(a.contentType.toLowerCase()) ? 'type-not-allowed'
      : a.size > limits.maxAttachmentBytes ? 'too-large'
      : kept.length >= limits.maxAttachments ? 'too-many'
      : null;
    if (reason) refused.push({ filename: a.filename, contentType: a.contentType, size: a.size, reason });
    else kept.push(a);
  }
  return { kept, refused };
}

/** The ids a lookup may use: no longer than `maxIdLength`, no repeats, at most `max`. */
export const boundedIds = (ids: readonly string[], limits: MailLimits, max = limits.maxThreadIds): string[] =>
  [...new Set(ids.filter((id) => id.length <= limits.maxIdLength))].slice(0, max);
