import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import * as z from '../domain/zod.js';
import { applyDue, computeDue, defaultPolicy, type Ticket } from '../domain/index.js';
import { DynamoTicketStore } from '../adapters/dynamo-ticket-store.js';
import { TicketScheduler } from '../adapters/scheduler/ticket-schedule.js';
import type { TicketStore } from '../adapters/store.js';
import { retryOnConflict } from './http/command.js';
import { policyOf, policyRegistry, type PolicyRegistry } from './http/deps.js';
import { jsonLog, type Log } from './log.js';
import { observeTimer } from './observe.js';
import { traced } from '../adapters/tracing.js';
import { readTimerRuntimeConfig } from './runtime-config.js';

/** What Scheduler passes: the schedule's Target.Input (TicketScheduler.inputFor), parsed. */
export const TimerInputSchema = /* @__PURE__ */ z.schema(() => z.looseObject({ ticketId: z.string().check(z.minLength(1)), wakeAt: z.string().check(z.minLength(1)) }));

export type TimerDeps = {
  tickets: Pick<TicketStore, 'get' | 'commit'>;
  scheduler: Pick<TicketScheduler, 'upsert' | 'remove'>;
  policies: PolicyRegistry;
  now: () => string;
  log?: Log;
};

export type TimerOutcome =
  | { ticketId: string; outcome: 'committed'; version: number; actions: string[]; nextWakeAt: string | null }
  | { ticketId: string; outcome: 'nothing-due'; version: number; nextWakeAt: string | null }
  | { ticketId: string; outcome: 'missing' };

const MAX_REARMS = 5;

/**
 * The ticket's wake-up (design §3): re-evaluates the ticket with the domain at the current time
 * and commits whatever fell due in one write (R-SLA-6, R-ESC-3, R-COMM-2, R-PEND-2..4,
 * R-CLOSE-2..4); a lost race is re-read and re-decided. The outbox then mails the new events and
 * sets the next wake-up. A duplicate, early or stale firing finds nothing due and writes nothing;
 * since the schedule that fired deleted itself, it re-arms the ticket's schedule at `nextWakeAt`.
 */
export const makeTimerHandler = (deps: TimerDeps) => async (event: unknown): Promise<TimerOutcome> => {
  const log = deps.log ?? jsonLog;
  const { ticketId, wakeAt } = TimerInputSchema.parse(event);
  const result = await retryOnConflict(async () => {
    const record = await deps.tickets.get(ticketId);
    if (!record) return null;
    const policy = policyOf(deps.policies, record.ticket);
    const due = computeDue(record.ticket, policy, deps.now());
    if (due.actions.length === 0) return { ticket: record.ticket, due, committed: false };
    const change = applyDue(record.ticket, due, policy);
    await deps.tickets.commit(change, { expectedVersion: record.ticket.version });
    return { ticket: change.ticket, due, committed: true };
  });

  let outcome: TimerOutcome;
  if (!result) {
    await deps.scheduler.remove(ticketId); // a wake-up for a ticket that is not there: nothing will ever be due
    outcome = { ticketId, outcome: 'missing' };
  } else if (result.committed) {
    const actions = result.due.actions.map((a) => (a.kind === 'timer' ? `${a.timer}#${a.n}` : `${a.kind}:${a.target}`));
    outcome = { ticketId, outcome: 'committed', version: result.ticket.version, actions, nextWakeAt: result.ticket.nextWakeAt };
  } else {
    const ticket = await rearm(deps, result.ticket, result.due.nextWakeAt);
    outcome = { ticketId, outcome: 'nothing-due', version: ticket.version, nextWakeAt: ticket.nextWakeAt };
  }
  log(outcome.outcome === 'missing' ? 'warn' : 'info', 'timer fired', { ...outcome, wakeAt, now: deps.now() });
  return outcome;
};

/**
 * Sets the schedule to the ticket's next wake-up, then reads the ticket again: a command that
 * committed meanwhile has its own outbox upsert, which ours must not overwrite with an older
 * instant, so a newer version is armed again (the outbox never races itself: one batch per shard).
 */
async function rearm(deps: TimerDeps, ticket: Ticket, nextWakeAt: string | null): Promise<Ticket> {
  let current = ticket;
  let wakeAt = nextWakeAt;
  for (let n = 0; n < MAX_REARMS; n++) {
    if (wakeAt) await deps.scheduler.upsert(current.id, wakeAt);
    else await deps.scheduler.remove(current.id);
    const again = await deps.tickets.get(current.id);
    if (!again || again.ticket.version === current.version) return current;
    current = again.ticket;
    wakeAt = current.nextWakeAt;
  }
  return current;
}

// Live wiring, once per cold start (style §3); tests and the local stack call makeTimerHandler.
const config = readTimerRuntimeConfig(process.env);
export const handler = observeTimer(makeTimerHandler({
  tickets: new DynamoTicketStore(traced(new DynamoDBClient({})), config.tableName),
  scheduler: new TicketScheduler(traced(new SchedulerClient({})), config.scheduler),
  policies: policyRegistry(defaultPolicy),
  now: () => new Date().toISOString(),
}));
