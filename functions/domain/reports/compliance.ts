// R-RPT-2: the center's own report, SLA compliance per severity, per organisation and per target.
import { SeveritySchema, TargetNameSchema, type Severity, type TargetName, type Ticket } from '../types.js';
import { countedOutcome, isTicketInPeriod, periodMs, targetsOf, type Period } from './ticket-report.js';

/** Targets decided in a period; `compliance` = met / (met + breached), 4 decimals, null when none was decided. */
export type Compliance = { met: number; breached: number; compliance: number | null };

export type ComplianceReport = {
  period: Period;
  overall: Compliance;
  bySeverity: Record<Severity, Compliance>; // always all three
  byTarget: Record<TargetName, Compliance>; // always all three
  byOrganisation: Array<{ organisationId: string } & Compliance>; // sorted by id
};

type Tally = { met: number; breached: number };

const tally = (): Tally => ({ met: 0, breached: 0 });

const finish = ({ met, breached }: Tally): Compliance => ({
  met, breached, compliance: met + breached === 0 ? null : Math.round((met / (met + breached)) * 10_000) / 10_000,
});

const mapValues = <K extends string>(r: Record<K, Tally>): Record<K, Compliance> =>
  Object.fromEntries(Object.entries<Tally>(r).map(([k, v]) => [k, finish(v)])) as Record<K, Compliance>;

const tallies = <K extends string>(keys: readonly K[]): Record<K, Tally> =>
  Object.fromEntries(keys.map((k) => [k, tally()])) as Record<K, Tally>;

/**
 * R-RPT-2: SLA compliance of a period. A target counts when its outcome was decided in the
 * period: met (metAt in it, never breached) or breached (breachedAt in it; met late is still a
 * breach). Finished contact cycles count; running and stopped targets do not. A ticket counts
 * under its current severity. Organisations are those with a ticket in the period (R-RPT-2's
 * membership rule) or a target decided in it; one with nothing decided shows null compliance.
 */
export function complianceReport(input: { period: Period; tickets: readonly Ticket[] }): ComplianceReport {
  const p = periodMs(input.period);
  const overall = tally();
  const bySeverity = tallies(SeveritySchema.options);
  const byTarget = tallies(TargetNameSchema.options);
  const byOrganisation = new Map<string, Tally>();
  const orgOf = (id: string): Tally => byOrganisation.get(id) ?? byOrganisation.set(id, tally()).get(id)!;
  for (const t of input.tickets) {
    if (isTicketInPeriod(t, p)) orgOf(t.organisationId);
    for (const s of targetsOf(t)) {
      const outcome = countedOutcome(s, p);
      if (outcome === null) continue;
      for (const into of [overall, bySeverity[t.severity], byTarget[s.target], orgOf(t.organisationId)]) into[outcome] += 1;
    }
  }
  // Code-unit order, not localeCompare: the same order on every machine.
  const orgIds = [...byOrganisation.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    period: { ...input.period },
    overall: finish(overall),
    bySeverity: mapValues(bySeverity),
    byTarget: mapValues(byTarget),
    byOrganisation: orgIds.map((organisationId) => ({ organisationId, ...finish(byOrganisation.get(organisationId)!) })),
  };
}
