// The wiring the Lambda functions read from their environment, for the local stack: one table,
// one schedule group, one sender. The ARNs only need to look like ARNs: nothing calls them.
import { SEED_STAFF } from './seed-world.js';

export const TABLE_NAME = 'support-desk-local';

export const SCHEDULER_WIRING = {
  groupName: 'support-desk-tickets',
  targetArn: 'arn:aws:lambda:eu-west-1:000000000000:function:support-desk-timer',
  roleArn: 'arn:aws:iam::000000000000:role/support-desk-scheduler',
  deadLetterArn: 'arn:aws:sqs:eu-west-1:000000000000:support-desk-timer-dlq',
};

/** The support domain: replies go to ticket addresses under it (and to the local SMTP listener). */
export const SUPPORT_DOMAIN = 'center.example';

export const MAIL = { from: `Support <support@${SUPPORT_DOMAIN}>`, replyToDomain: SUPPORT_DOMAIN, configurationSetName: 'support-desk-local', region: 'eu-west-1' };

export const LOCAL_ENV: Record<string, string> = {
  TABLE_NAME,
  SCHEDULE_GROUP: SCHEDULER_WIRING.groupName,
  TIMER_TARGET_ARN: SCHEDULER_WIRING.targetArn,
  SCHEDULER_ROLE_ARN: SCHEDULER_WIRING.roleArn,
  SCHEDULER_DLQ_ARN: SCHEDULER_WIRING.deadLetterArn,
  MAIL_FROM: MAIL.from,
  MAIL_REPLY_TO_DOMAIN: MAIL.replyToDomain,
  SES_CONFIGURATION_SET: MAIL.configurationSetName,
  AWS_REGION: MAIL.region,
  STAFF_ROSTER: JSON.stringify(SEED_STAFF),
  // The receipt rule's S3 action: a folder of the data folder here (FolderObjects), named like a bucket.
  INBOUND_MAIL_BUCKET: 'local-inbound-mail',
  INBOUND_MAIL_PREFIX: 'raw/',
  ATTACHMENT_BUCKET: 'local-attachments',
  MAIL_DOMAINS: SUPPORT_DOMAIN,
  // Powertools' log lines printed one readable line each on stderr (functions/adapters/logger.ts).
  SUPPORT_DESK_LOG_FORMAT: 'pretty',
};
