// The handler modules build their live wiring at import, from the environment (cold start): give
// them a valid one before they load. Import this first; the tests pass their own deps anyway.
const ENV: Record<string, string> = {
  TABLE_NAME: 'wired-by-the-tests',
  SCHEDULE_GROUP: 'support-desk-tickets',
  TIMER_TARGET_ARN: 'arn:aws:lambda:eu-west-1:000000000000:function:timer',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/scheduler-invokes-timer',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:000000000000:timer-dlq',
  MAIL_FROM: 'Support <support@center.example>',
  MAIL_REPLY_TO_DOMAIN: 'center.example',
  SES_CONFIGURATION_SET: 'support-desk',
  AWS_REGION: 'eu-west-1',
  STAFF_ROSTER: JSON.stringify({
    tierDuty: { 1: { email: 'duty1@center.example', name: 'Duty 1' }, 2: { email: 'duty2@center.example', name: 'Duty 2' }, 3: { email: 'duty3@center.example', name: 'Duty 3' }, 4: { email: 'vendor-desk@center.example', name: 'Vendor desk' } },
    hos: { email: 'hos@center.example', name: 'HOS' },
    cco: { email: 'cco@center.example', name: 'CCO' },
  }),
};
for (const [name, value] of Object.entries(ENV)) process.env[name] ??= value;
