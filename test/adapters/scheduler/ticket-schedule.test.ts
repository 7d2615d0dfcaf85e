import {
  ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient,
  ThrottlingException, UpdateScheduleCommand, ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { computeFireAt, scheduleNameFor, TicketScheduler } from '../../../functions/adapters/scheduler/ticket-schedule.js';

const CONFIG = {
  groupName: 'support-desk-tickets',
  targetArn: 'arn:aws:lambda:eu-west-1:111122223333:function:timer',
  roleArn: 'arn:aws:iam::111122223333:role/scheduler-invoke-timer',
  deadLetterArn: 'arn:aws:sqs:eu-west-1:111122223333:timer-dlq',
};
const NOW = '2026-06-07T06:00:00.000Z';
const scheduler = mockClient(SchedulerClient);
const make = (now = NOW) => new TicketScheduler(new SchedulerClient({ region: 'eu-west-1' }), CONFIG, () => now);
const notFound = () => new ResourceNotFoundException({ message: 'Schedule ticket-t-1 does not exist.', Message: 'Schedule ticket-t-1 does not exist.', $metadata: {} });

const EXPECTED = {
  Name: 'ticket-t-1',
  GroupName: 'support-desk-tickets',
  ScheduleExpression: 'at(2026-06-07T09:01:00)',
  ScheduleExpressionTimezone: 'UTC',
  FlexibleTimeWindow: { Mode: 'OFF' },
  ActionAfterCompletion: 'DELETE',
  State: 'ENABLED',
  Target: {
    Arn: CONFIG.targetArn,
    RoleArn: CONFIG.roleArn,
    Input: JSON.stringify({ ticketId: 't-1', wakeAt: '2026-06-07T09:00:00.001Z' }),
    RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
    DeadLetterConfig: { Arn: CONFIG.deadLetterArn },
  },
};

beforeEach(() => scheduler.reset());

describe('TicketScheduler.upsert', () => {
  it('updates the ticket\'s one-time schedule with the exact definition', async () => {
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    await make().upsert('t-1', '2026-06-07T09:00:00.001Z');
    expect(scheduler.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input)).toEqual([EXPECTED]);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
  });

  it('creates the schedule when there is none to update (never made, or fired and deleted)', async () => {
    scheduler.on(UpdateScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    await make().upsert('t-1', '2026-06-07T09:00:00.001Z');
    expect(scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input)).toEqual([EXPECTED]);
  });

  it('updates again when a racing upsert created it first', async () => {
    scheduler.on(UpdateScheduleCommand).rejectsOnce(notFound()).resolves({ ScheduleArn: 'arn:schedule' });
    scheduler.on(CreateScheduleCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    await make().upsert('t-1', '2026-06-07T09:00:00.001Z');
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(2);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(1);
  });

  it('keeps the SDK error as the cause of any other failure, saying whether to retry', async () => {
    const validation = new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} });
    scheduler.on(UpdateScheduleCommand).rejects(validation);
    await expect(make().upsert('t-1', NOW)).rejects.toMatchObject({ name: 'ScheduleError', code: 'schedule-failed', retryable: false, cause: validation });
    scheduler.reset();
    scheduler.on(UpdateScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).rejects(new ThrottlingException({ message: 'slow down', Message: 'slow down', $metadata: {} }));
    await expect(make().upsert('t-1', NOW)).rejects.toMatchObject({ code: 'schedule-failed', retryable: true, context: { ticketId: 't-1', name: 'ticket-t-1' } });
  });

  it('schedules a wake-up in the past for the next whole minute', async () => {
    scheduler.on(UpdateScheduleCommand).resolves({});
    await make('2026-06-07T10:15:20.000Z').upsert('t-1', '2026-06-07T09:00:00.000Z');
    expect(scheduler.commandCalls(UpdateScheduleCommand)[0]!.args[0].input.ScheduleExpression).toBe('at(2026-06-07T10:16:00)');
  });

  it('takes its retry policy from configuration', async () => {
    scheduler.on(UpdateScheduleCommand).resolves({});
    const s = new TicketScheduler(new SchedulerClient({ region: 'eu-west-1' }), { ...CONFIG, retry: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 10 } }, () => NOW);
    await s.upsert('t-1', '2026-06-07T09:00:00.000Z');
    expect(scheduler.commandCalls(UpdateScheduleCommand)[0]!.args[0].input.Target!.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 });
  });
});

describe('TicketScheduler.remove', () => {
  it('deletes the ticket\'s schedule in its group', async () => {
    scheduler.on(DeleteScheduleCommand).resolves({});
    await make().remove('t-1');
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([{ Name: 'ticket-t-1', GroupName: 'support-desk-tickets' }]);
  });

  it('is idempotent: a schedule already gone is not an error', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(notFound());
    await expect(make().remove('t-1')).resolves.toBeUndefined();
  });

  it('keeps any other failure with its cause', async () => {
    const throttled = new ThrottlingException({ message: 'slow down', Message: 'slow down', $metadata: {} });
    scheduler.on(DeleteScheduleCommand).rejects(throttled);
    await expect(make().remove('t-1')).rejects.toMatchObject({ code: 'schedule-failed', retryable: true, cause: throttled });
  });
});

describe('computeFireAt: rounded up to the whole minute (Scheduler fires within 60 s after)', () => {
  it.each([
    ['2026-06-07T09:00:00.000Z', '2026-06-07T09:00:00.000Z'],
    ['2026-06-07T09:00:00.001Z', '2026-06-07T09:01:00.000Z'],
    ['2026-06-07T09:00:59.999Z', '2026-06-07T09:01:00.000Z'],
    ['2026-12-31T23:59:30.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s fires at %s', (wakeAt, fireAt) => expect(computeFireAt(wakeAt, NOW)).toBe(fireAt));

  it('never schedules in the past or within 5 s of now', () => {
    expect(computeFireAt('2026-06-07T05:00:00.000Z', '2026-06-07T06:00:10.000Z')).toBe('2026-06-07T06:01:00.000Z');
    expect(computeFireAt('2026-06-07T06:01:00.000Z', '2026-06-07T06:00:57.000Z')).toBe('2026-06-07T06:02:00.000Z');
    expect(computeFireAt('2026-06-07T06:01:00.000Z', '2026-06-07T06:00:50.000Z')).toBe('2026-06-07T06:01:00.000Z');
  });
});

describe('scheduleNameFor', () => {
  it('names a schedule after its ticket', () => {
    expect(scheduleNameFor('01J2ZK8Y3M4N5P6Q7R8S9T0V1W')).toBe('ticket-01J2ZK8Y3M4N5P6Q7R8S9T0V1W');
  });

  it('replaces characters Scheduler refuses and adds a hash, so distinct ids keep distinct names', () => {
    const a = scheduleNameFor('acme/42');
    const b = scheduleNameFor('acme_42');
    expect(a).toMatch(/^ticket-acme_42-[0-9a-f]{12}$/);
    expect(b).toBe('ticket-acme_42');
    expect(a).not.toBe(b);
  });

  it('fits a long id in 64 characters, deterministically', () => {
    const id = 'x'.repeat(200);
    expect(scheduleNameFor(id)).toHaveLength(64);
    expect(scheduleNameFor(id)).toBe(scheduleNameFor(id));
    expect(scheduleNameFor(id)).not.toBe(scheduleNameFor(`${id}y`));
    expect(scheduleNameFor(id)).toMatch(/^[0-9a-zA-Z\-_.]{1,64}$/);
  });
});
