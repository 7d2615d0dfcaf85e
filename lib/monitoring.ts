import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SupportFunction } from './support-function.js';

/**
 * Where the desk says something is wrong: one encrypted SNS topic every alarm notifies (operators
 * subscribe to it by hand: an email or a chat hook is an operator's choice, not the stack's).
 * A message in a DLQ is a lost email or a missed wake-up; a function error is one about to be.
 */
export class Monitoring extends Construct {
  public readonly alarmTopic: sns.Topic;
  /** Encrypts the topic; CloudWatch may use it to publish (an AWS-managed SNS key would refuse CloudWatch). */
  public readonly alarmKey: kms.Key;
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.alarmKey = new kms.Key(this, 'AlarmKey', { enableKeyRotation: true, description: 'Encrypts the support desk alarm topic' });
    this.alarmKey.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'], // a key policy's `*` is this key
    }));
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { masterKey: this.alarmKey, enforceSSL: true });
  }

  /** Alarms as soon as one message waits in `queue` (a dead letter is never normal). */
  public alarmOnDeadLetters(id: string, queue: sqs.IQueue, what: string): cloudwatch.Alarm {
    return this.add(new cloudwatch.Alarm(this, id, {
      alarmDescription: `${what}: a message is in the dead-letter queue; inspect it and redrive or discard it`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));
  }

  /** Alarms when `fn` fails at all in five minutes (a handler reports a failed record as an error too). */
  public alarmOnErrors(id: string, fn: SupportFunction, what: string): cloudwatch.Alarm {
    return this.add(new cloudwatch.Alarm(this, id, {
      alarmDescription: `${what}: the function failed; see its log group`,
      metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));
  }

  private add(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
    return alarm;
  }
}
