import type { AttachmentVerdict, MailLimits } from './mail-limits.js';

/** What we call ours: the support domains and the Message-ID suffixes SES gives the mail we send. */
export type ParseInboundOptions = {
  /** `support.center.example`: a plus-address here names a ticket; a sender here is a loop. */
  ourDomains: string[];
  /** `@email.amazonses.com>` (us-east-1), `@eu-west-1.amazonses.com>` (elsewhere): a Message-ID with one is ours. */
  ourMessageIdSuffixes: string[];
  /** Message-IDs the notification log knows as mail we sent (exact match): a message carrying one is a loop. */
  ourMessageIds?: readonly string[];
  /** SES receipt `recipients` (the envelope), which also see a Bcc the headers hide. */
  envelopeRecipients?: string[];
  /** Ids, attachments and body limits; DEFAULT_MAIL_LIMITS unless told. */
  limits?: MailLimits;
};

export type MailAddress = { address: string; name: string };

export type MailAttachment = {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
  /** Without angle brackets, as a `cid:` URL names it; Gmail sets one on plain attachments too. */
  contentId: string | null;
  /** Shown in the body (an embedded image, a signature logo) rather than attached. */
  inline: boolean;
};

/** Why a message must never open or bump a ticket; the first that applies, in this order. */
export type AutoReplyReason =
  | 'own-message-id' // a loop: a Message-ID SES gave to mail we sent
  | 'own-domain-sender' // a loop: From is one of our domains
  | 'delivery-report' // Content-Type multipart/report (DSN, MDN)
  | 'null-return-path' // Return-Path <>: a bounce or another automatic notice
  | 'mailer-daemon' // From MAILER-DAEMON@ or postmaster@
  | 'auto-submitted' // RFC 3834, any value but `no`
  | 'x-autoreply'
  | 'x-autorespond'
  | 'x-auto-response-suppress' // no longer used: it only asks not to be answered automatically, people's mail carries it
  | 'precedence' // bulk, junk or list
  | 'list-headers' // List-Id or List-Unsubscribe: a mailing list
  | 'x-loop' // X-Loop: a ticketing system or filter marked its own mail
  | 'automatic-subject' // "Automatic reply:", "Out of Office", "Undeliverable:" in the languages we meet
  | 'notification-sender'; // a machine sender such as AWS SNS notifications

export type AutoReplyVerdict =
  | { isAuto: false; reason?: undefined; detail?: undefined }
  | { isAuto: true; reason: AutoReplyReason; detail: string };

/** R-CLOSE-2: what a short reply to a resolved ticket asks for. */
export type ReplyIntent = 'confirm' | 'reopen' | null;

/** A raw inbound message reduced to what the inbound handler decides on. */
export type InboundMail = {
  /** Normalised `<id@host>`; null when the message has none, or one too long to be a key. */
  messageId: string | null;
  inReplyTo: string | null;
  /** Oldest first, as in the header; only the nearest few, each of a bounded length. */
  references: string[];
  /** In-Reply-To, then References nearest first, without repeats: the order to look a ticket up in. */
  threadMessageIds: string[];
  from: MailAddress | null;
  /** Lowercased addresses, groups flattened. */
  to: string[];
  cc: string[];
  subject: string;
  /** The Date header as a UTC ISO instant; null when it is missing or unreadable (never "now"). */
  sentAt: string | null;
  /** `T-1042` from `support+T-1042@<our domain>` among the recipients. */
  plusAddressTicket: string | null;
  /** R-CLOSE-2: `confirm` or `reject` from an action link's address `support+T-1042+confirm@<our domain>`. */
  plusAddressAction: 'confirm' | 'reject' | null;
  /** `T-1042` from `[T-1042]` or a bare `T-1042` in the subject. */
  subjectTicket: string | null;
  /** Only the new part of a reply: quoted history and signatures removed. */
  text: string;
  /** The whole text body, for the record. */
  fullText: string;
  hasHtml: boolean;
  /** The attachments the policy keeps; `refusedAttachments` lists the others with why. */
  attachments: MailAttachment[];
  refusedAttachments: AttachmentVerdict[];
  autoReply: AutoReplyVerdict;
  intent: ReplyIntent;
};
