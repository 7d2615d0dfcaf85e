import { describe, expect, it } from 'vitest';
import { readOutboxRuntimeConfig, readTimerRuntimeConfig, staffMember } from '../../functions/handlers/runtime-config.js';

const ROSTER = {
  tierDuty: { 1: { email: 'Duty1@Center.example', name: 'Duty 1' }, 2: { email: 'duty2@center.example', name: 'Duty 2', language: 'he' }, 3: { email: 'cto@center.example', name: 'CTO' }, 4: { email: 'vendor@center.example', name: 'Vendor desk' } },
  hos: { email: 'hos@center.example', name: 'HOS' },
  cco: { email: 'cco@center.example', name: 'CCO' },
};
const ENV = {
  TABLE_NAME: 'support-desk',
  SCHEDULE_GROUP: 'support-desk-tickets',
  TIMER_TARGET_ARN: 'arn:aws:lambda:eu-west-1:111122223333:function:timer',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/scheduler',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:111122223333:timer-dlq',
  MAIL_FROM: 'Support <support@center.example>',
  MAIL_REPLY_TO_DOMAIN: 'center.example',
  SES_CONFIGURATION_SET: 'support-desk',
  AWS_REGION: 'eu-west-1',
  STAFF_ROSTER: JSON.stringify(ROSTER),
};

describe('the event handlers\' runtime configuration, parsed once at cold start', () => {
  it('reads the outbox\'s wiring, mail settings and roster (emails lower-cased, staff English unless told)', () => {
    const config = readOutboxRuntimeConfig(ENV);
    expect(config).toMatchObject({
      tableName: 'support-desk',
      scheduler: { groupName: 'support-desk-tickets', targetArn: ENV.TIMER_TARGET_ARN, roleArn: ENV.SCHEDULER_ROLE_ARN, deadLetterArn: ENV.SCHEDULER_DLQ_ARN },
      mail: { from: ENV.MAIL_FROM, replyToDomain: 'center.example', configurationSetName: 'support-desk', region: 'eu-west-1' },
    });
    expect(config.staff.tierDuty[1]).toEqual({ email: 'duty1@center.example', name: 'Duty 1', language: 'en', unreachable: false });
    expect(staffMember(config.staff, 'DUTY2@center.example')?.language).toBe('he');
    expect(staffMember(config.staff, 'someone@center.example')).toBeUndefined();
    expect(readOutboxRuntimeConfig({ ...ENV, SES_REGION: 'us-east-1' }).mail.region).toBe('us-east-1');
  });

  it('the timer needs only the table and the scheduler wiring', () => {
    const { TABLE_NAME, SCHEDULE_GROUP, TIMER_TARGET_ARN, SCHEDULER_ROLE_ARN, SCHEDULER_DLQ_ARN } = ENV;
    expect(readTimerRuntimeConfig({ TABLE_NAME, SCHEDULE_GROUP, TIMER_TARGET_ARN, SCHEDULER_ROLE_ARN, SCHEDULER_DLQ_ARN }).tableName).toBe('support-desk');
  });

  it.each([
    ['a missing variable', { MAIL_FROM: undefined }, 'MAIL_FROM'],
    ['a roster that is not JSON', { STAFF_ROSTER: '{tierDuty:' }, 'STAFF_ROSTER'],
    ['a roster without the HOS', { STAFF_ROSTER: JSON.stringify({ ...ROSTER, hos: undefined }) }, 'STAFF_ROSTER.hos'],
    ['a target that is not an ARN', { TIMER_TARGET_ARN: 'timer' }, 'TIMER_TARGET_ARN'],
    ['no region for SES', { AWS_REGION: undefined }, 'SES_REGION'],
  ])('fails the init on %s, naming it', (_, over, name) => {
    expect(() => readOutboxRuntimeConfig({ ...ENV, ...over })).toThrow(name);
  });
});
