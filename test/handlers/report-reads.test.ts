import { describe, expect, it } from 'vitest';
import type { WorkEntry } from '../../functions/domain/billing/types.js';
import type { Ticket } from '../../functions/domain/index.js';
import { seenByPartner } from '../../functions/handlers/report-reads.js';

// Only the fields seenByPartner reads: which organisation, which partner, which ticket.
const ticket = (id: string, organisationId: string, partnerId: string | null) => ({ id, organisationId, partnerId }) as Ticket;
const work = (ticketId: string, minutes: number) => ({ ticketId, minutes }) as WorkEntry;

describe('R-PARTY-2: seenByPartner, a report as a partner may see it', () => {
  const tickets = [ticket('old', 'contoso', 'northwind'), ticket('new', 'contoso', 'fabrikam'), ticket('own', 'fabrikam', null)];
  const entries = [work('old', 45), work('new', 30), work('own', 10)];

  it('keeps the tickets recording the partner, and its own, with their work only', () => {
    const seen = seenByPartner('fabrikam', tickets, entries);
    expect(seen.tickets.map((t) => t.id)).toEqual(['new', 'own']);
    expect(seen.work.map((w) => w.minutes)).toEqual([30, 10]);
  });

  it("drops the tickets of the customer's former partner's time", () => {
    expect(seenByPartner('northwind', tickets, entries)).toEqual({ tickets: [tickets[0]], work: [entries[0]] });
  });
});
