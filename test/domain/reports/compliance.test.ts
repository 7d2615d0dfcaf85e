import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SeveritySchema, TargetNameSchema, changeStatus, defaultPolicy, recordAgentReply,
  type Severity, type SlaTarget, type Status, type TargetName, type Ticket,
} from '../../../functions/domain/index.js';
import { complianceReport, ticketReport, type Compliance, type Period } from '../../../functions/domain/reports/index.js';
import { AGENT, aTicket, fireTimer } from '../../fixtures/builders.js';

const P = defaultPolicy;
// Israel's week of Sunday 7 June 2026 (UTC+3), half-open.
const WEEK: Period = { from: '2026-06-06T21:00:00.000Z', to: '2026-06-13T21:00:00.000Z' };
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';
const MON_1000 = '2026-06-08T07:00:00.000Z';

/** acme, high: first response in time, then Monday's update meets the first contact cycle (2 met). */
const acmeAnswered = (): Ticket => {
  const replied = recordAgentReply(aTicket(SUN_0900, { id: 'a-1' }), AGENT, P, SUN_1000).ticket;
  return recordAgentReply(replied, AGENT, P, MON_1000).ticket;
};

/** acme, urgent: the timer breaches the first response at 12:00; the answer at 15:30 is late (1 breached). */
const acmeLate = (): Ticket => {
  const breached = fireTimer(aTicket(SUN_0900, { id: 'a-2', severity: 'urgent' }), '2026-06-07T12:00:00.000Z').ticket;
  return recordAgentReply(breached, AGENT, P, '2026-06-07T12:30:00.000Z').ticket;
};

/** globex, urgent: answered in time, then 6 business hours without news breach the contact cycle (1 met, 1 breached). */
const globexSilent = (): Ticket => {
  const replied = recordAgentReply(aTicket(SUN_0900, { id: 'g-1', severity: 'urgent', organisationId: 'globex' }), AGENT, P, SUN_1000).ticket;
  const breached = fireTimer(replied, '2026-06-07T14:00:00.000Z').ticket;
  return recordAgentReply(breached, AGENT, P, '2026-06-08T06:00:00.000Z').ticket; // the breached cycle goes to slaHistory
};

/** initech, normal: answered the Thursday before; its contact cycle runs all week (nothing decided). */
const initechQuiet = (): Ticket =>
  recordAgentReply(aTicket('2026-06-04T06:00:00.000Z', { id: 'i-1', severity: 'normal', organisationId: 'initech' }), AGENT, P, '2026-06-04T07:00:00.000Z').ticket;

/** umbrella: opened when the week ends, so not in it. */
const umbrellaNext = (): Ticket => aTicket(WEEK.to, { id: 'u-1', organisationId: 'umbrella' });

const week = () => complianceReport({ period: WEEK, tickets: [umbrellaNext(), initechQuiet(), globexSilent(), acmeLate(), acmeAnswered()] });
const NONE: Compliance = { met: 0, breached: 0, compliance: null };

describe('R-RPT-2: SLA compliance per severity and per organisation', () => {
  it('checks the scenario: the contact breach is in the history, the late answer kept its breach', () => {
    const g = globexSilent();
    expect(g.slaHistory).toMatchObject([{ target: 'contact', breachedAt: '2026-06-07T13:00:00.000Z', metAt: null }]);
    expect(acmeLate().sla.firstResponse).toMatchObject({ breachedAt: '2026-06-07T09:00:00.000Z', metAt: '2026-06-07T12:30:00.000Z' });
  });
  it('overall: targets decided in the period', () => {
    expect(week().overall).toEqual({ met: 3, breached: 2, compliance: 0.6 });
  });
  it('per severity, always all three, a severity with nothing decided null', () => {
    expect(week().bySeverity).toEqual({
      urgent: { met: 1, breached: 2, compliance: 0.3333 },
      high: { met: 2, breached: 0, compliance: 1 },
      normal: NONE,
    });
  });
  it('per organisation, sorted by id; an organisation with tickets but nothing decided is null; one without tickets in the period is absent', () => {
    expect(week().byOrganisation).toEqual([
      { organisationId: 'acme', met: 2, breached: 1, compliance: 0.6667 },
      { organisationId: 'globex', met: 1, breached: 1, compliance: 0.5 },
      { organisationId: 'initech', ...NONE },
    ]);
  });
  it('per target, contact cycles from the history included', () => {
    expect(week().byTarget).toEqual({
      firstResponse: { met: 2, breached: 1, compliance: 0.6667 },
      contact: { met: 1, breached: 1, compliance: 0.5 },
      cssResponse: NONE,
    });
  });
  it('a Customer Success response met in time counts under cssResponse', () => {
    const css = aTicket(SUN_0900, { id: 'c-1', type: 'service-request', entitlement: { css: true } });
    const r = complianceReport({ period: WEEK, tickets: [recordAgentReply(css, AGENT, P, SUN_1000).ticket] });
    expect(r.byTarget).toEqual({ firstResponse: { met: 1, breached: 0, compliance: 1 }, contact: NONE, cssResponse: { met: 1, breached: 0, compliance: 1 } });
  });
});

describe('R-RPT-2: what counts toward compliance', () => {
  it('a breached-then-met target counts once, as breached', () => {
    expect(complianceReport({ period: WEEK, tickets: [acmeLate()] }).overall).toEqual({ met: 0, breached: 1, compliance: 0 });
  });
  it('counts a breach in the period it happened: a late answer in a later period counts for nothing', () => {
    const afterBreach: Period = { from: '2026-06-07T10:00:00.000Z', to: WEEK.to };
    expect(complianceReport({ period: afterBreach, tickets: [acmeLate()] }).overall).toEqual(NONE);
  });
  it('running and stopped targets do not count', () => {
    let resolved = recordAgentReply(aTicket('2026-06-04T06:00:00.000Z', { id: 'a-3' }), AGENT, P, '2026-06-04T07:00:00.000Z').ticket;
    resolved = changeStatus(resolved, 'resolved', AGENT, P, MON_1000, { solution: 'Patched' }).ticket;
    expect(resolved.slaHistory).toMatchObject([{ target: 'contact', stoppedAt: MON_1000 }]);
    const r = complianceReport({ period: WEEK, tickets: [resolved, initechQuiet()] });
    expect(r.overall).toEqual(NONE);
    expect(r.byOrganisation).toEqual([{ organisationId: 'acme', ...NONE }, { organisationId: 'initech', ...NONE }]);
  });
  it('null compliance everywhere when nothing counted, and no organisations without tickets', () => {
    const r = complianceReport({ period: WEEK, tickets: [] });
    expect(r).toEqual({
      period: WEEK, overall: NONE,
      bySeverity: { urgent: NONE, high: NONE, normal: NONE },
      byTarget: { firstResponse: NONE, contact: NONE, cssResponse: NONE },
      byOrganisation: [],
    });
  });
  it('refuses a reversed period', () => {
    expect(() => complianceReport({ period: { from: WEEK.to, to: WEEK.from }, tickets: [] })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

// Hand-built tickets with arbitrary verdicts a few days either side of the week.
const FROM_MS = Date.parse(WEEK.from);
const TO_MS = Date.parse(WEEK.to);
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const BASE = aTicket('2026-06-01T06:00:00.000Z');
const instant = fc.integer({ min: (FROM_MS - 3 * DAY_MS) / 60_000, max: (TO_MS + 3 * DAY_MS) / 60_000 }).map((m) => iso(m * 60_000));
const verdict = fc.option(instant, { nil: null });
const target = (name: TargetName) => fc.record({ metAt: verdict, breachedAt: verdict, stoppedAt: verdict })
  .map((v): SlaTarget => ({ ...BASE.sla.firstResponse!, target: name, ...v }));
const ticket = fc.record({
  organisationId: fc.constantFrom('acme', 'globex', 'initech'),
  severity: fc.constantFrom<Severity>(...SeveritySchema.options),
  status: fc.constantFrom<Status>('new', 'in-progress', 'pending-customer', 'resolved'),
  firstResponse: fc.option(target('firstResponse'), { nil: undefined }),
  contact: fc.option(target('contact'), { nil: undefined }),
  cssResponse: fc.option(target('cssResponse'), { nil: undefined }),
  slaHistory: fc.array(target('contact'), { maxLength: 4 }),
});
const tickets = fc.array(ticket, { maxLength: 12 }).map((list) => list.map((t, i): Ticket => ({
  ...BASE, id: `t-${i}`, organisationId: t.organisationId, severity: t.severity, status: t.status, slaHistory: t.slaHistory,
  sla: Object.fromEntries(TargetNameSchema.options.flatMap((n) => (t[n] ? [[n, t[n]]] : []))),
})));

const sum = (parts: readonly Compliance[]) => parts.reduce((a, c) => ({ met: a.met + c.met, breached: a.breached + c.breached }), { met: 0, breached: 0 });
const counts = ({ met, breached }: Compliance) => ({ met, breached });

describe('R-RPT-2: the compliance breakdowns add up', () => {
  it('met and breached summed over severities, organisations and targets equal the overall figures', () => {
    fc.assert(fc.property(tickets, (list) => {
      const r = complianceReport({ period: WEEK, tickets: list });
      expect(sum(Object.values(r.bySeverity))).toEqual(counts(r.overall));
      expect(sum(r.byOrganisation)).toEqual(counts(r.overall));
      expect(sum(Object.values(r.byTarget))).toEqual(counts(r.overall));
      for (const c of [r.overall, ...Object.values(r.bySeverity), ...r.byOrganisation]) {
        expect(c.compliance).toBe(c.met + c.breached === 0 ? null : Math.round((c.met / (c.met + c.breached)) * 1e4) / 1e4);
      }
    }), { seed: 20260607, numRuns: 300 });
  });
  it("agrees with each organisation's ticket report on targets met and breached", () => {
    fc.assert(fc.property(tickets, (list) => {
      const r = complianceReport({ period: WEEK, tickets: list });
      for (const org of r.byOrganisation) {
        const { totals } = ticketReport({ organisationId: org.organisationId, period: WEEK, tickets: list, work: [] });
        expect({ met: totals.targetsMet, breached: totals.targetsBreached }).toEqual(counts(org));
      }
    }), { seed: 20260607, numRuns: 200 });
  });
});
