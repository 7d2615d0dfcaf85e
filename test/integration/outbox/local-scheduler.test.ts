// The local stand-in for EventBridge Scheduler answers the real TicketScheduler adapter as the
// service would, and fires what is due as a manual clock passes it.
import {
  ConflictException, CreateScheduleCommand, GetScheduleCommand, ResourceNotFoundException, ValidationException,
} from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { createLocalScheduler } from '../../../bin/local/local-scheduler.js';
import { TicketScheduler } from '../../../functions/adapters/scheduler/ticket-schedule.js';

const CONFIG = {
  groupName: 'support-desk-tickets', targetArn: 'arn:aws:lambda:eu-west-1:000000000000:function:timer',
  roleArn: 'arn:aws:iam::000000000000:role/scheduler', deadLetterArn: 'arn:aws:sqs:eu-west-1:000000000000:timer-dlq',
};
const NOW = '2026-06-07T06:00:00.000Z';

const setup = () => {
  let now = NOW;
  const local = createLocalScheduler({ now: () => now });
  const tickets = new TicketScheduler(local.client, CONFIG, () => now);
  return { local, tickets, setNow: (at: string) => { now = at; } };
};

describe('the local Scheduler answers TicketScheduler like the service', () => {
  it('upsert creates a missing schedule (Update is NotFound first), then updates it in place; remove deletes it', async () => {
    const { local, tickets } = setup();
    await tickets.upsert('t-1', '2026-06-07T09:00:00.001Z');
    expect(local.calls()).toEqual(['UpdateSchedule ticket-t-1', 'CreateSchedule ticket-t-1']);
    expect(local.pending()).toMatchObject([{ name: 'ticket-t-1', groupName: CONFIG.groupName, at: '2026-06-07T09:01:00.000Z', input: { ticketId: 't-1', wakeAt: '2026-06-07T09:00:00.001Z' }, actionAfterCompletion: 'DELETE' }]);
    await tickets.upsert('t-1', '2026-06-08T09:00:00.000Z');
    expect(local.calls().slice(2)).toEqual(['UpdateSchedule ticket-t-1']);
    expect(local.pending().map((s) => s.at)).toEqual(['2026-06-08T09:00:00.000Z']);
    await tickets.remove('t-1');
    await tickets.remove('t-1'); // already gone: fine
    expect(local.pending()).toEqual([]);
  });

  it('answers Get with the definition, and refuses what the service refuses, with its exceptions', async () => {
    const { local, tickets } = setup();
    await tickets.upsert('t-1', '2026-06-07T09:00:00.000Z');
    const got = await local.client.send(new GetScheduleCommand({ Name: 'ticket-t-1', GroupName: CONFIG.groupName }));
    expect(got).toMatchObject({ Name: 'ticket-t-1', ScheduleExpression: 'at(2026-06-07T09:00:00)', ActionAfterCompletion: 'DELETE', Target: { Arn: CONFIG.targetArn } });
    const input = tickets.inputFor('t-1', '2026-06-07T09:00:00.000Z');
    await expect(local.client.send(new CreateScheduleCommand(input))).rejects.toBeInstanceOf(ConflictException);
    await expect(local.client.send(new GetScheduleCommand({ Name: 'ticket-t-2', GroupName: CONFIG.groupName }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(local.client.send(new CreateScheduleCommand({ ...input, Name: 'ticket-t-2', ScheduleExpression: 'at(2026-06-07T05:00:00)' })))
      .rejects.toBeInstanceOf(ValidationException); // in the past
  });

  it('fires every due schedule in time order, deleting each, and leaves the later ones', async () => {
    const { local, tickets, setNow } = setup();
    await tickets.upsert('late', '2026-06-07T12:00:00.000Z');
    await tickets.upsert('early', '2026-06-07T08:00:00.000Z');
    await tickets.upsert('later', '2026-06-09T08:00:00.000Z');
    setNow('2026-06-07T12:00:00.000Z');
    const fired: unknown[] = [];
    const done = await local.fireDue('2026-06-07T12:00:00.000Z', async (input) => { fired.push(input); });
    expect(fired).toEqual([{ ticketId: 'early', wakeAt: '2026-06-07T08:00:00.000Z' }, { ticketId: 'late', wakeAt: '2026-06-07T12:00:00.000Z' }]);
    expect(done.map((s) => s.name)).toEqual(['ticket-early', 'ticket-late']);
    expect(local.pending().map((s) => s.name)).toEqual(['ticket-later']);
  });

  it('a failing invocation goes to the dead letters, and fireDue rejects after firing the rest', async () => {
    const { local, tickets } = setup();
    await tickets.upsert('a', '2026-06-07T08:00:00.000Z');
    await tickets.upsert('b', '2026-06-07T08:30:00.000Z');
    const fired: string[] = [];
    await expect(local.fireDue('2026-06-07T09:00:00.000Z', async (input) => {
      const { ticketId } = input as { ticketId: string };
      fired.push(ticketId);
      if (ticketId === 'a') throw new Error('timer crashed');
    })).rejects.toThrow('1 invocation(s) failed');
    expect(fired).toEqual(['a', 'b']);
    expect(local.deadLetters().map((s) => s.name)).toEqual(['ticket-a']);
  });
});
