import type { InboundMail } from '../../adapters/mail/index.js';
import type { NotificationLog } from '../../adapters/notification-log.js';
import type { TicketStore } from '../../adapters/store.js';

/** How an inbound email named its ticket; the first that answers wins, in this order. */
export type TicketReference =
  | { via: 'our-message-id'; messageId: string } // In-Reply-To/References: a Message-ID SES gave our mail
  | { via: 'inbound-message-id'; messageId: string } // …or an earlier inbound email of the thread
  | { via: 'plus-address'; number: string } // support+T-1042@
  | { via: 'subject'; number: string }; // [T-1042] or T-1042 in the subject

export type FoundTicket = { ticketId: string; reference: TicketReference };

export type FindTicketDeps = {
  tickets: Pick<TicketStore, 'findIdByNumber' | 'findIdsByInboundMessageIds'>;
  mailLog: Pick<NotificationLog, 'findByRfcMessageId'>;
};

/**
 * The ticket an inbound email belongs to: its thread first (In-Reply-To, then References nearest
 * first; each Message-ID looked up among the mail we sent, then among inbound mail we stored), then
 * the plus-address, then the subject token. A client that drops the headers still has the address;
 * one that rewrites the address (a forward) still has the subject. Null: no reference at all.
 */
export async function findTicket(deps: FindTicketDeps, mail: Pick<InboundMail, 'threadMessageIds' | 'plusAddressTicket' | 'subjectTicket'>): Promise<FoundTicket | null> {
  // The thread's ids are few (parse-inbound bounds them): our mail's looked up side by side on the
  // index, the inbound markers in one BatchGetItem; then the first id in thread order that answers wins.
  const ids = mail.threadMessageIds;
  const [sent, inbound] = ids.length === 0 ? [[], new Map<string, string>()] as const : await Promise.all([
    Promise.all(ids.map((id) => deps.mailLog.findByRfcMessageId(id))),
    deps.tickets.findIdsByInboundMessageIds(ids),
  ]);
  for (const [i, messageId] of ids.entries()) {
    const ours = sent[i];
    if (ours) return { ticketId: ours.ticketId, reference: { via: 'our-message-id', messageId } };
    const theirs = inbound.get(messageId);
    if (theirs) return { ticketId: theirs, reference: { via: 'inbound-message-id', messageId } };
  }
  for (const [via, number] of [['plus-address', mail.plusAddressTicket], ['subject', mail.subjectTicket]] as const) {
    if (!number) continue;
    const ticketId = await deps.tickets.findIdByNumber(number);
    if (ticketId) return { ticketId, reference: { via, number } };
  }
  return null;
}
