// Plays EventBridge Scheduler's part in time for the local stack: fires the timer handler for
// every wake-up the clock has passed, in order, each followed by the outbox (stream drained),
// so its emails and next wake-up are settled before the next one fires. One move at a time.
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
  readonly log: (message: string, error?: unknown) => void;
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

  return {
    moveTo: (at) => exclusive(async () => {
      await parts.drain(); // schedules the requests so far asked for
      for (let next = due(at); next; next = due(at)) {
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
