import { createHash } from 'node:crypto';
import {
  CreateScheduleCommand, DeleteScheduleCommand, UpdateScheduleCommand,
  type CreateScheduleCommandInput, type SchedulerClient,
} from '@aws-sdk/client-scheduler';

export type TicketSchedulerConfig = {
  groupName: string; // the stack's schedule group
  targetArn: string; // the timer Lambda
  roleArn: string; // the role Scheduler assumes to invoke it
  deadLetterArn: string; // an SQS queue: a wake-up that still fails after its retries lands there (alarmed)
  retry?: { maximumEventAgeInSeconds: number; maximumRetryAttempts: number };
};

/** A schedule call that failed; `retryable` says whether the outbox should try again. */
export class ScheduleError extends Error {
  constructor(readonly code: 'schedule-failed', message: string, readonly retryable: boolean, readonly context: Readonly<Record<string, string>>, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ScheduleError';
  }
}

const MINUTE_MS = 60_000;
const MIN_LEAD_MS = 5_000; // an at() time must still be ahead when Scheduler receives the call
// A missed wake-up is a missed breach or reminder: retry for as long as Scheduler allows (24 h, 185 attempts).
const DEFAULT_RETRY = { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 };
const NAME_MAX = 64;
const RETRYABLE = new Set(['ThrottlingException', 'InternalServerException', 'ConflictException']);

const errorName = (e: unknown): string => (e as { name?: string }).name ?? 'Error';

/**
 * A ticket's schedule name: `ticket-<id>` when the id is made of [0-9a-zA-Z-_.] and fits in 64;
 * otherwise the id with other characters replaced, cut, and a hash of the whole id, so two ids never share a name.
 */
export function scheduleNameFor(ticketId: string): string {
  const plain = `ticket-${ticketId}`;
  if (/^[0-9a-zA-Z\-_.]+$/.test(ticketId) && plain.length <= NAME_MAX) return plain;
  const hash = createHash('sha256').update(ticketId, 'utf8').digest('hex').slice(0, 12);
  const safe = ticketId.replace(/[^0-9a-zA-Z\-_.]/g, '_').slice(0, NAME_MAX - 'ticket-'.length - 1 - hash.length);
  return `ticket-${safe}-${hash}`;
}

/**
 * The instant a wake-up is scheduled for. Scheduler fires within 60 s after its time (design §3),
 * so the wake-up is rounded UP to the whole minute: never early. A wake-up already past (or too
 * close to now) goes to the next whole minute at least 5 s ahead, since Scheduler refuses at() times in the past.
 */
export function computeFireAt(wakeAt: string, now: string): string {
  const wake = Date.parse(wakeAt);
  const nowMs = Date.parse(now);
  if (Number.isNaN(wake) || Number.isNaN(nowMs)) throw new RangeError(`not an instant: ${Number.isNaN(wake) ? wakeAt : now}`);
  const ceil = (ms: number) => Math.ceil(ms / MINUTE_MS) * MINUTE_MS;
  return new Date(Math.max(ceil(wake), ceil(nowMs + MIN_LEAD_MS))).toISOString();
}

/** `at(yyyy-mm-ddThh:mm:ss)`, read in UTC (the schedule's time zone). */
export const atExpression = (instant: string): string => `at(${instant.slice(0, 19)})`;

/** One EventBridge Scheduler one-time schedule per ticket, firing the timer Lambda at the ticket's `nextWakeAt`. */
export class TicketScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly config: TicketSchedulerConfig,
    private readonly now: () => string = () => new Date().toISOString(), // only adapters read the clock; tests pass one
  ) {}

  /** Sets the ticket's wake-up: UpdateSchedule; a schedule that is not there (never made, or fired and deleted) is created. */
  async upsert(ticketId: string, wakeAt: string): Promise<void> {
    const input = this.inputFor(ticketId, wakeAt);
    try {
      await this.call(() => this.client.send(new UpdateScheduleCommand(input)), ticketId, input.Name!);
      return;
    } catch (error) {
      if (errorName((error as Error).cause) !== 'ResourceNotFoundException') throw error;
    }
    try {
      await this.call(() => this.client.send(new CreateScheduleCommand(input)), ticketId, input.Name!);
    } catch (error) {
      if (errorName((error as Error).cause) !== 'ConflictException') throw error;
      // A racing upsert created it between our two calls: ours is the later word, so update it.
      await this.call(() => this.client.send(new UpdateScheduleCommand(input)), ticketId, input.Name!);
    }
  }

  /** Removes the ticket's wake-up; one already gone (fired and deleted, or never made) is fine. */
  async remove(ticketId: string): Promise<void> {
    const Name = scheduleNameFor(ticketId);
    try {
      await this.call(() => this.client.send(new DeleteScheduleCommand({ Name, GroupName: this.config.groupName })), ticketId, Name);
    } catch (error) {
      if (errorName((error as Error).cause) !== 'ResourceNotFoundException') throw error;
    }
  }

  /** The full schedule (Create and Update take the same whole definition). */
  inputFor(ticketId: string, wakeAt: string): CreateScheduleCommandInput {
    const retry = this.config.retry ?? DEFAULT_RETRY;
    return {
      Name: scheduleNameFor(ticketId),
      GroupName: this.config.groupName,
      ScheduleExpression: atExpression(computeFireAt(wakeAt, this.now())),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE', // a fired one-time schedule is gone; the next upsert creates it again
      State: 'ENABLED',
      Target: {
        Arn: this.config.targetArn,
        RoleArn: this.config.roleArn,
        Input: JSON.stringify({ ticketId, wakeAt }), // the unrounded wake-up: the timer handler re-evaluates at its own now
        RetryPolicy: { MaximumEventAgeInSeconds: retry.maximumEventAgeInSeconds, MaximumRetryAttempts: retry.maximumRetryAttempts },
        DeadLetterConfig: { Arn: this.config.deadLetterArn },
      },
    };
  }

  private async call(send: () => Promise<unknown>, ticketId: string, name: string): Promise<void> {
    try {
      await send();
    } catch (error) {
      const n = errorName(error);
      const retryable = RETRYABLE.has(n) || (error as { $fault?: string }).$fault === 'server';
      throw new ScheduleError('schedule-failed', `Scheduler refused ${name}: ${n}`, retryable, { ticketId, name }, { cause: error });
    }
  }
}
