// R-RPT-1, R-RPT-2: the periodic ticket report of one organisation, as plain data; mailing it is a handler's job.
import type { WorkEntry } from '../billing/types.js';
import { DomainError } from '../errors.js';
import { instantMs } from '../calendar/business-time.js';
import {
  SeveritySchema, StatusSchema, TargetNameSchema,
  type Severity, type SlaTarget, type Status, type TargetName, type Ticket, type TicketType,
} from '../types.js';

/** A reporting period, half-open: `[from, to)`, both UTC ISO instants. */
export type Period = { from: string; to: string };

/** What became of a target: a breach stays a breach even when the target was met late (R-SLA-6). */
export type TargetOutcome = 'met' | 'breached' | 'running' | 'stopped';

export type TargetLine = {
  target: TargetName;
  startAt: string;
  dueAt: string;
  outcome: TargetOutcome;
  decidedAt: string | null; // breachedAt, metAt or stoppedAt, by the outcome; null while running
};

export type TicketLine = {
  id: string;
  number: string;
  subject: string;
  type: TicketType;
  severity: Severity;
  status: Status;
  createdAt: string;
  closedAt: string | null;
  targets: TargetLine[]; // current targets and finished contact cycles, oldest first
  workMinutes: number; // R-RPT-2 "time spent": work that started within the period
};

export type TicketReport = {
  organisationId: string;
  period: Period;
  tickets: TicketLine[]; // newest first
  totals: {
    tickets: number;
    openedInPeriod: number;
    closedInPeriod: number;
    byStatus: Record<Status, number>;
    bySeverity: Record<Severity, number>;
    workMinutes: number;
    targetsMet: number; // decided in the period (see `countedOutcome`)
    targetsBreached: number;
  };
};

/** A period read once: its bounds in epoch ms, refused when empty or reversed. */
export type PeriodMs = { fromMs: number; toMs: number };

export function periodMs(period: Period): PeriodMs {
  const fromMs = instantMs(period.from);
  const toMs = instantMs(period.to);
  if (!(fromMs < toMs)) throw new DomainError('invalid-input', 'a period ends after it starts', { from: period.from, to: period.to });
  return { fromMs, toMs };
}

const within = (p: PeriodMs, at: string | null): boolean => {
  if (at === null) return false;
  const ms = instantMs(at);
  return ms >= p.fromMs && ms < p.toMs;
};

/** Every target a ticket has had: its finished contact cycles (R-SLA-6 history) and its current ones. */
export const targetsOf = (t: Ticket): SlaTarget[] =>
  [...t.slaHistory, ...TargetNameSchema.options.flatMap((name) => t.sla[name] ?? [])];

/** A target's outcome; a target met after its breach is breached. */
export function targetOutcome(s: SlaTarget): TargetOutcome {
  if (s.breachedAt !== null) return 'breached';
  if (s.metAt !== null) return 'met';
  if (s.stoppedAt !== null) return 'stopped';
  return 'running';
}

/**
 * The outcome a target contributes to a period's figures: 'met' when met in the period without
 * a breach, 'breached' when breached in the period, else null (running, stopped, or decided outside).
 */
export function countedOutcome(s: SlaTarget, p: PeriodMs): 'met' | 'breached' | null {
  if (s.breachedAt !== null) return within(p, s.breachedAt) ? 'breached' : null;
  return within(p, s.metAt) ? 'met' : null;
}

/** When a ticket was closed: `statusSince` of a closed ticket, else null. */
export const closedAtOf = (t: Ticket): string | null => (t.status === 'closed' ? t.statusSince : null);

/** The period's tickets: opened before its end and not closed before its start (closed exactly at `from` is in). */
export function isTicketInPeriod(t: Ticket, p: PeriodMs): boolean {
  const closedAt = closedAtOf(t);
  return instantMs(t.createdAt) < p.toMs && (closedAt === null || instantMs(closedAt) >= p.fromMs);
}

const countBy = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const byNewest = (a: Ticket, b: Ticket): number =>
  instantMs(b.createdAt) - instantMs(a.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const lineOf = (s: SlaTarget): TargetLine => {
  const outcome = targetOutcome(s);
  const decidedAt = outcome === 'breached' ? s.breachedAt : outcome === 'met' ? s.metAt : outcome === 'stopped' ? s.stoppedAt : null;
  return { target: s.target, startAt: s.startAt, dueAt: s.dueAt, outcome, decidedAt };
};

/**
 * R-RPT-2: one organisation's tickets of a period with status, severity, each SLA target's outcome
 * and the time spent in the period. Status and outcomes are as of the tickets given (a report of a
 * past period shows today's status); other organisations' tickets and work are ignored.
 */
export function ticketReport(input: {
  organisationId: string;
  period: Period;
  tickets: readonly Ticket[];
  work: readonly Pick<WorkEntry, 'ticketId' | 'minutes' | 'startedAt'>[];
}): TicketReport {
  const p = periodMs(input.period);
  const tickets = input.tickets.filter((t) => t.organisationId === input.organisationId && isTicketInPeriod(t, p)).sort(byNewest);
  const minutesOf = new Map(tickets.map((t) => [t.id, 0]));
  for (const w of input.work) {
    const sum = minutesOf.get(w.ticketId);
    if (sum !== undefined && within(p, w.startedAt)) minutesOf.set(w.ticketId, sum + w.minutes);
  }
  const totals: TicketReport['totals'] = {
    tickets: tickets.length, openedInPeriod: 0, closedInPeriod: 0,
    byStatus: countBy(StatusSchema.options), bySeverity: countBy(SeveritySchema.options),
    workMinutes: 0, targetsMet: 0, targetsBreached: 0,
  };
  const lines = tickets.map((t): TicketLine => {
    const targets = targetsOf(t);
    const workMinutes = minutesOf.get(t.id)!;
    if (within(p, t.createdAt)) totals.openedInPeriod += 1;
    if (within(p, closedAtOf(t))) totals.closedInPeriod += 1;
    totals.byStatus[t.status] += 1;
    totals.bySeverity[t.severity] += 1;
    totals.workMinutes += workMinutes;
    for (const s of targets) {
      const counted = countedOutcome(s, p);
      if (counted === 'met') totals.targetsMet += 1;
      else if (counted === 'breached') totals.targetsBreached += 1;
    }
    return {
      id: t.id, number: t.number, subject: t.subject, type: t.type, severity: t.severity, status: t.status,
      createdAt: t.createdAt, closedAt: closedAtOf(t),
      targets: targets.map(lineOf).sort((a, b) => instantMs(a.startAt) - instantMs(b.startAt)),
      workMinutes,
    };
  });
  return { organisationId: input.organisationId, period: { ...input.period }, tickets: lines, totals };
}
