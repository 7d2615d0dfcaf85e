import { describe, expect, it } from 'vitest';
import { changeStatus, confirmResolution, defaultPolicy, type Actor } from '../../../functions/domain/index.js';
import { logWork, type WorkInput } from '../../../functions/domain/billing/index.js';
import { AGENT, CUSTOMER, aTicket, eventsOf } from '../../fixtures/builders.js';

// Sunday 7 June 2026, Israel summer time (UTC+3): a working day, 08:30-17:00 is 05:30-14:00 UTC.
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';
const SUN_1100 = '2026-06-07T08:00:00.000Z';
const SUN_1200 = '2026-06-07T09:00:00.000Z';
const MON_1200 = '2026-06-08T09:00:00.000Z';

const anInput = (over: Partial<WorkInput> = {}): WorkInput => ({ startedAt: SUN_1000, minutes: 60, kind: 'remote', outOfScope: false, note: null, ...over });

describe('R-BILL-3: an agent logs work on a ticket (start, duration, kind)', () => {
  it('records the entry and one work-logged event, as a new version of the ticket', () => {
    const ticket = aTicket(SUN_0900);
    const { change, entry } = logWork(ticket, anInput({ note: '  Restarted the reload service  ' }), 'w-1', AGENT, defaultPolicy, SUN_1200);
    expect(change.ticket.version).toBe(ticket.version + 1);
    expect(change.ticket.status).toBe(ticket.status);
    expect(change.events).toEqual([{
      type: 'work-logged', at: SUN_1200, actor: AGENT,
      data: { entryId: 'w-1', startedAt: SUN_1000, minutes: 60, kind: 'remote', outOfScope: false, rule: 'R-BILL-3' },
    }]);
    expect(entry).toEqual({
      id: 'w-1', ticketId: ticket.id, ticketNumber: 'T-1001', organisationId: 'acme', billToOrganisationId: 'acme',
      agent: AGENT.id, loggedAt: SUN_1200, startedAt: SUN_1000, minutes: 60, kind: 'remote', outOfScope: false,
      note: 'Restarted the reload service',
    });
  });

  it('normalises the start to a UTC instant and a blank note to null', () => {
    const { entry } = logWork(aTicket(SUN_0900), anInput({ startedAt: '2026-06-07T10:15:00+03:00', note: '   ' }), 'w-1', AGENT, defaultPolicy, SUN_1200);
    expect(entry).toMatchObject({ startedAt: '2026-06-07T07:15:00.000Z', note: null });
  });

  it('accepts work on a closed ticket: agents log their time after closing', () => {
    const resolved = changeStatus(aTicket(SUN_0900), 'resolved', AGENT, defaultPolicy, SUN_1100, { solution: 'Restarted the reload service' }).ticket;
    const closed = confirmResolution(resolved, CUSTOMER, defaultPolicy, SUN_1200).ticket;
    expect(closed.status).toBe('closed');
    const { change } = logWork(closed, anInput(), 'w-1', AGENT, defaultPolicy, MON_1200);
    expect(change.ticket).toMatchObject({ status: 'closed', version: closed.version + 1 });
    expect(eventsOf(change.events, 'work-logged')).toHaveLength(1);
  });

  it('accepts the bounds: a start at the opening, a whole day, and work ending right now', () => {
    const ticket = aTicket(SUN_0900);
    expect(logWork(ticket, anInput({ startedAt: SUN_0900, minutes: 1440 }), 'w-1', AGENT, defaultPolicy, '2026-06-08T06:00:00.000Z').entry.minutes).toBe(1440);
    expect(logWork(ticket, anInput({ startedAt: SUN_1100, minutes: 60 }), 'w-2', AGENT, defaultPolicy, SUN_1200).entry.startedAt).toBe(SUN_1100);
    expect(logWork(ticket, anInput({ kind: 'on-site', note: 'x'.repeat(2000) }), 'w-3', AGENT, defaultPolicy, SUN_1200).entry.note).toHaveLength(2000);
  });

  it.each<[string, Actor]>([['a customer', CUSTOMER], ['a timer', { party: 'system', id: 'system' }]])('is refused to %s', (_, actor) => {
    expect(() => logWork(aTicket(SUN_0900), anInput(), 'w-1', actor, defaultPolicy, SUN_1200)).toThrow(expect.objectContaining({ code: 'not-allowed' }));
  });

  it.each<[string, Partial<WorkInput>, string]>([
    ['no minutes', { minutes: 0 }, 'minutes'],
    ['more than a day', { minutes: 1441 }, 'minutes'],
    ['part of a minute', { minutes: 1.5 }, 'minutes'],
    ['not a number', { minutes: Number.NaN }, 'minutes'],
    ['an unreadable start', { startedAt: 'this morning' }, 'startedAt'],
    ['a start without a zone', { startedAt: '2026-06-07T10:00' }, 'startedAt'],
    ['a start in the future', { startedAt: '2026-06-07T09:30:00.000Z', minutes: 1 }, 'startedAt'],
    ['work ending after now', { startedAt: SUN_1100, minutes: 61 }, 'startedAt'],
    ['work before the ticket was opened', { startedAt: '2026-06-07T05:59:00.000Z', minutes: 30 }, 'startedAt'],
    ['a note over 2000 characters', { note: 'x'.repeat(2001) }, 'note'],
  ])('refuses %s, naming the field', (_, over, field) => {
    expect(() => logWork(aTicket(SUN_0900), anInput(over), 'w-1', AGENT, defaultPolicy, SUN_1200))
      .toThrow(expect.objectContaining({ code: 'invalid-input', context: { field } }));
  });
});

describe('R-PARTY-2: work on a ticket a partner follows is billed to the partner', () => {
  it('keeps the customer (its CSS quota) and bills the partner', () => {
    const ticket = aTicket(SUN_0900, { organisationId: 'acme', case: { partnerId: 'northwind', billToOrganisationId: 'northwind' } });
    const { entry } = logWork(ticket, anInput(), 'w-1', AGENT, defaultPolicy, SUN_1200);
    expect(entry).toMatchObject({ organisationId: 'acme', billToOrganisationId: 'northwind' });
  });
});
