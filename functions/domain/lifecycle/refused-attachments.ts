import type { Actor, Change, DomainEvent } from '../types.js';

export type RefusedAttachmentNote = { name: string; contentType: string; size: number; reason: string };

/**
 * Issue 12, limits: attachments the mail policy refused are listed on the message, and the sender
 * is told once, by one event stored with the write that recorded the message (R-COMM-1).
 * No event when nothing was refused.
 */
export function attachmentsRefusedEvent(actor: Actor, refused: readonly RefusedAttachmentNote[], at: string): DomainEvent[] {
  return refused.length === 0 ? [] : [{ type: 'attachments-refused', at, actor, data: { attachments: refused.map((a) => ({ ...a })) } }];
}

/** The same change with the refusal event added (the change's ticket is untouched). */
export const withRefusedAttachments = (change: Change, actor: Actor, refused: readonly RefusedAttachmentNote[], at: string): Change =>
  ({ ticket: change.ticket, events: [...change.events, ...attachmentsRefusedEvent(actor, refused, at)] });
