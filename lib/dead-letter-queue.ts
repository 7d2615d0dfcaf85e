import { Duration, Validations } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { SupportFunction } from './support-function.js';

/**
 * A dead-letter queue as the desk's constructs make them: SQS-managed encryption (no KMS key for
 * Scheduler, Lambda or EventBridge to be granted), TLS only, kept the SQS maximum of 14 days.
 */
export function deadLetterQueue(scope: Construct, id: string, of: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of ${of}, not a work queue: a DLQ of a DLQ would only move the same messages; its depth is alarmed (Monitoring).`,
  });
  return queue;
}

/**
 * Where an asynchronous invocation of `fn` goes once Lambda's own retries (two) fail: Scheduler,
 * SES and EventBridge hand an event over and forget it, so without this a failed wake-up, email
 * or bounce would be dropped silently. Lambda sends it as the function's role.
 */
export function asyncFailureQueue(scope: Construct, id: string, fn: SupportFunction, of: string): sqs.Queue {
  const queue = deadLetterQueue(scope, id, `${of} (failed asynchronous invocations)`);
  fn.function.configureAsyncInvoke({ onFailure: new SqsDestination(queue), retryAttempts: 2, maxEventAge: Duration.hours(6) });
  return queue;
}
