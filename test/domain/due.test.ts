import { describe, expect, it } from 'vitest';
import {
  applyDue, changeStatus, computeDue, defaultPolicy, recordAgentReply, TRANSITIONS, canTransition,
  type DomainEvent, type Party, type Status,
} from '../../functions/domain/index.js';
import { AGENT, aTicket, eventsOf, fireTimer, typesOf } from '../fixtures/builders.js';

const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';
const pending = () => changeStatus(recordAgentReply(aTicket(SUN_0900), AGENT, defaultPolicy, SUN_1000).ticket, 'pending-customer', AGENT, defaultPolicy, SUN_1000).ticket;

describe('computeDue: what falls due at now, and the next wake-up', () => {
  it('is idempotent: applying what is due and asking again at the same now finds nothing', () => {
    const ticket = pending();
    for (const now of ['2026-06-09T07:00:00.000Z', '2026-06-11T07:00:00.000Z', '2026-06-30T07:00:00.000Z']) {
      const due = computeDue(ticket, defaultPolicy, now);
      const applied = applyDue(ticket, due, defaultPolicy).ticket;
      expect(computeDue(applied, defaultPolicy, now)).toEqual({ actions: [], nextWakeAt: applied.nextWakeAt });
    }
  });
  it('a late timer records the same history as punctual ones, each step at its own instant', () => {
    let punctual = pending();
    const punctualEvents: DomainEvent[] = [];
    for (const at of ['2026-06-09T07:00:00.000Z', '2026-06-11T07:00:00.000Z', '2026-06-15T07:00:00.000Z', '2026-06-17T07:00:00.000Z']) {
      const fired = fireTimer(punctual, at);
      punctual = fired.ticket;
      punctualEvents.push(...fired.events);
    }
    const late = fireTimer(pending(), '2026-06-17T08:00:00.000Z');
    const strip = (events: typeof punctualEvents) => events.map((e) => ({ ...e, data: { ...e.data, notify: undefined } }));
    expect(strip(late.events)).toEqual(strip(punctualEvents));
    expect(late.ticket.status).toBe('resolved');
  });
  it('when catching up, only the last step of a chain notifies', () => {
    const late = fireTimer(pending(), '2026-06-17T08:00:00.000Z');
    expect(eventsOf(late.events, 'pending-customer-reminder').map((e) => e.data.notify)).toEqual([false, false]);
    expect(eventsOf(late.events, 'resolution-check-in').map((e) => e.data.notify)).toEqual([true]);
    expect(typesOf(late.events)).toContain('status-changed');
  });
  it('a warning and a breach due together: only the breach notifies', () => {
    const due = computeDue(aTicket(SUN_0900), defaultPolicy, '2026-06-07T11:00:00.000Z');
    expect(due.actions.map((a) => [a.kind, a.notify])).toEqual([['sla-warning', false], ['sla-breach', true]]);
  });
  it('nextWakeAt is the earliest open deadline, and null when nothing is pending', () => {
    const ticket = aTicket(SUN_0900);
    expect(ticket.nextWakeAt).toBe(ticket.sla.firstResponse?.warnAt);
    const closed = changeStatus(changeStatus(ticket, 'resolved', AGENT, defaultPolicy, SUN_1000, { solution: 's' }).ticket, 'closed', AGENT, defaultPolicy, SUN_1000).ticket;
    expect(closed.nextWakeAt).toBeNull();
  });
  it('an early or duplicate firing changes nothing', () => {
    const ticket = aTicket(SUN_0900);
    expect(computeDue(ticket, defaultPolicy, SUN_0900).actions).toEqual([]);
    const once = fireTimer(ticket, ticket.nextWakeAt!).ticket;
    expect(computeDue(once, defaultPolicy, ticket.nextWakeAt!).actions).toEqual([]);
  });
});

describe('R-ENT-1: without an active subscription a ticket is accepted, flagged, and has no SLA clock', () => {
  it('has no targets and nothing to wake for', () => {
    const ticket = aTicket(SUN_0900, { entitlement: { subscription: 'expired' } });
    expect(ticket).toMatchObject({ status: 'new', entitlement: { subscription: 'expired' }, sla: {}, nextWakeAt: null });
    expect(recordAgentReply(ticket, AGENT, defaultPolicy, SUN_1000).ticket.sla).toEqual({});
  });
  it('an active subscription gets its clock', () => {
    expect(aTicket(SUN_0900).sla.firstResponse).toBeDefined();
  });
});

describe('R-CAL-3: an extended-hours ticket runs on 08:00-20:00', () => {
  it('is due later the same day where a basic ticket waits for the next', () => {
    const at = '2026-06-07T12:00:00.000Z'; // Sunday 15:00
    expect(aTicket(at, { severity: 'urgent', entitlement: { calendar: 'extended' } }).sla.firstResponse?.dueAt).toBe('2026-06-07T15:00:00.000Z');
    expect(aTicket(at, { severity: 'urgent' }).sla.firstResponse?.dueAt).toBe('2026-06-08T06:30:00.000Z'); // 2 h Sun + 1 h Mon
  });
});

describe('R-TKT-1: tickets can be opened at any hour, any day', () => {
  it('opens on a Saturday night and on a holiday', () => {
    for (const at of ['2026-06-06T21:00:00.000Z', '2026-09-21T10:00:00.000Z']) expect(aTicket(at).status).toBe('new');
  });
});

describe('The lifecycle: every status change and who may make it', () => {
  const all: Status[] = ['new', 'in-progress', 'pending-customer', 'pending-vendor', 'resolved', 'closed'];
  const parties: Party[] = ['customer', 'agent', 'system'];
  it('allows exactly the charter\'s transitions', () => {
    const allowed = all.flatMap((from) => all.flatMap((to) => parties.filter((p) => canTransition(from, to, p)).map((p) => `${from}>${to}:${p}`)));
    expect(allowed).toEqual([
      'new>in-progress:agent', 'new>pending-customer:agent', 'new>pending-vendor:agent', 'new>resolved:agent',
      'in-progress>pending-customer:agent', 'in-progress>pending-customer:system', 'in-progress>pending-vendor:agent', 'in-progress>resolved:agent',
      'pending-customer>in-progress:customer', 'pending-customer>in-progress:agent', 'pending-customer>pending-vendor:agent',
      'pending-customer>resolved:agent', 'pending-customer>resolved:system',
      'pending-vendor>in-progress:agent', 'pending-vendor>pending-customer:agent', 'pending-vendor>resolved:agent',
      'resolved>in-progress:customer', 'resolved>in-progress:agent',
      'resolved>closed:customer', 'resolved>closed:agent', 'resolved>closed:system',
    ]);
    expect(Object.keys(TRANSITIONS.closed)).toEqual([]);
  });
});
