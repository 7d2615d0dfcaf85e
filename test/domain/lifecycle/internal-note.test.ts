import { describe, expect, it } from 'vitest';
import { changeStatus, defaultPolicy, recordInternalNote } from '../../../functions/domain/index.js';
import { AGENT, CUSTOMER, aTicket, typesOf } from '../../fixtures/builders.js';

const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';

describe('recordInternalNote: a note changes no state but is one write', () => {
  it('bumps the version and records note-added, nothing else', () => {
    const ticket = aTicket(SUN_0900);
    const noted = recordInternalNote(ticket, AGENT, defaultPolicy, SUN_1000);
    expect(noted.ticket.version).toBe(ticket.version + 1);
    expect(typesOf(noted.events)).toEqual(['note-added']);
    expect({ ...noted.ticket, version: ticket.version }).toEqual(ticket);
  });
  it('is accepted on a closed ticket', () => {
    const resolved = changeStatus(aTicket(SUN_0900), 'resolved', AGENT, defaultPolicy, SUN_1000, { solution: 'patched' }).ticket;
    const closed = changeStatus(resolved, 'closed', CUSTOMER, defaultPolicy, SUN_1000).ticket;
    expect(typesOf(recordInternalNote(closed, AGENT, defaultPolicy, SUN_1000).events)).toEqual(['note-added']);
  });
  it('is refused to a customer-side person', () => {
    expect(() => recordInternalNote(aTicket(SUN_0900), CUSTOMER, defaultPolicy, SUN_1000)).toThrow(expect.objectContaining({ code: 'not-allowed' }));
  });
});
