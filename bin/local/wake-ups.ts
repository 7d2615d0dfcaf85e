// Plays EventBridge Scheduler's part in time for the local stack: fires the timer handler for
// every wake-up the clock has passed, and every recurring run (the periodic reports), in order,
// each followed by the outbox (stream drained), so its emails and next wake-up are settled
// before the next one fires. One move at a time.
import type { LocalClock } from './local-clock.js';
import type { LocalScheduler } from './local-scheduler.js';

export type WakeUpDriver = {
  /** Manual clock: moves to `at`, stopping at each wake-up on the way. Real clock: fires what is due now. */
  moveTo(at: string): Promise<void>;
  /** Resolves when no move is in flight. */
  idle(): Promise<void>;
};

export type WakeUpParts = {
  readonly clock: LocalClock;
  readonly scheduler: LocalScheduler;
  readonly timer: (input: unknown) => Promise<unknown>;
  /** Delivers every stream record written so far to the outbox. */
  readonly drain: () => Promise<void>;
  /** After each firing and move: write the kept state. */
  readonly save: () => void;
  /** Recurring schedules (cron in AWS): each fires at every `nextAfter` the clock passes after its `since`. */
  readonly recurring?: readonly RecurringRun[];
  readonly log: (message: string, error?: unknown) => void;
};

export type RecurringRun = {
  readonly name: string;
  /** The last run's time (or when runs began to count): kept across restarts, so a run missed while down fires at start. */
  since: string;
  /** The first run strictly after `at`. */
  readonly nextAfter: (at: string) => string;
  readonly fire: (at: string) => Promise<unknown>;
};

export function driveWakeUps(parts: WakeUpParts): WakeUpDriver {
  const { clock, scheduler } = parts;
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = (run: () => Promise<void>): Promise<void> => {
    const result = lock.then(run);
    lock = result.catch(() => undefined);
    return result;
  };
  const due = (upTo: string) => scheduler.pending().find((s) => Date.parse(s.at) <= Date.parse(upTo) && s.definition.State !== 'DISABLED');

  const fireAt = async (at: string) => {
    try {
      await scheduler.fireDue(at, (input) => parts.timer(input));
    } catch (error) {
      parts.log(`scheduler: a wake-up at ${at} failed (kept in the dead letters)`, error); // Scheduler's DLQ
    }
    await parts.drain();
    parts.save();
  };

  /** The earliest recurring run due by `upTo`, if it comes before the next one-time wake-up. */
  const recurringDue = (upTo: string, before: string | undefined) => (parts.recurring ?? [])
    .map((run) => ({ run, at: run.nextAfter(run.since) }))
    .filter((r) => Date.parse(r.at) <= Date.parse(upTo) && (before === undefined || Date.parse(r.at) < Date.parse(before)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];

  const fireRecurring = async ({ run, at }: { run: RecurringRun; at: string }) => {
    if (clock.mode === 'manual' && Date.parse(at) > Date.parse(clock.now())) clock.set(at);
    try {
      await run.fire(at); // the scheduled time, as Scheduler passes it: a run missed while down reports its own period
    } catch (error) {
      parts.log(`scheduler: the ${run.name} run at ${at} failed (kept in the dead letters)`, error);
    }
    run.since = at;
    await parts.drain();
    parts.save();
  };

  return {
    moveTo: (at) => exclusive(async () => {
      await parts.drain(); // schedules the requests so far asked for
      for (;;) {
        const next = due(at);
        const recurring = recurringDue(at, next?.at);
        if (recurring) { await fireRecurring(recurring); continue; }
        if (!next) break;
        // A wake-up earlier than the clock (restored after downtime) fires at the clock's time.
        if (clock.mode === 'manual' && Date.parse(next.at) > Date.parse(clock.now())) clock.set(next.at);
        await fireAt(clock.mode === 'manual' ? clock.now() : at);
      }
      if (clock.mode === 'manual') clock.set(at);
      await parts.drain();
      parts.save();
    }),
    idle: () => lock.then(() => undefined),
  };
}
