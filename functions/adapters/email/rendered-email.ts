import type { Language } from '../../domain/index.js';

/** An email ready to send: rendered from one notification, plus the threading the outbox knows. */
export type RenderedEmail = {
  notificationId: string; // the outbox's idempotency key, tagged on the message
  ticketNumber: string; // `T-1042`: in the subject, the Reply-To plus-address and a tag
  template: string;
  to: { email: string; name: string };
  language: Language;
  subject: string;
  html: string;
  text: string;
  automatic: boolean; // written by the desk, not by a person: marked so (RFC 3834) that autoresponders do not answer it
  inReplyTo?: string; // `<id@host>` of the message this one answers
  references?: string[]; // the thread's earlier Message-IDs, oldest first
};
