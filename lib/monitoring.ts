import { Aspects, Duration, Stack, type IAspect } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct, type Node } from 'constructs';
import type { RateLimitFirewall } from './rate-limit-firewall.js';
import { SupportFunction } from './support-function.js';

/** A function to watch: ours (SupportFunction) or any other in the stack. */
export type WatchedFunction = { readonly node: Node; readonly function: lambda.Function };

/** The desk's own metrics (functions/adapters/metrics.ts): namespace and the `service` dimension every value carries. */
export const DESK_METRICS = { namespace: 'SupportDesk', service: 'support-desk' } as const;

/** Levels at which SES reviews an account (it may pause sending at 10% bounces and 0.5% complaints). */
export const SES_REVIEW_BOUNCE_RATE = 0.05;
export const SES_REVIEW_COMPLAINT_RATE = 0.001;
/** The charter clock is late when a wake-up fires this long after its instant (p99). */
export const TIMER_LAG_ALARM_SECONDS = 120;

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
  /** One dashboard: the charter's figures on top, then mail, the API and the functions. */
  public readonly dashboard: cloudwatch.Dashboard;
  private readonly watched = new Set<lambda.IFunction>();
  private readonly functionErrors: cloudwatch.GraphWidget;
  private readonly functionThrottles: cloudwatch.GraphWidget;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    ({ key: this.alarmKey, topic: this.alarmTopic } = encryptedAlarmTopic(this, 'Encrypts the support desk alarm topic'));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: Stack.of(this).stackName, defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(new cloudwatch.TextWidget({
      markdown: '## Support desk: the charter\nSLA breaches and warnings by target, tickets opened, the timer\'s lag (alarm: p99 over 120 s). What each alarm means: docs/operations.md',
      width: 24, height: 2,
    }));
    this.dashboard.addWidgets(
      graph('SLA breaches by target (R-SLA-6)', [search('SlaBreaches', 'target', 'Sum')]),
      graph('SLA warnings by target', [search('SlaWarnings', 'target', 'Sum')]),
      graph('Tickets opened by type and severity (R-TKT-1)', [search('TicketsOpened', 'type,severity', 'Sum')]),
      graph('Timer lag, seconds (p99, max)', [deskMetric('TimerLag', 'p99'), deskMetric('TimerLag', 'Maximum')],
        [{ value: TIMER_LAG_ALARM_SECONDS, label: 'alarm' }]),
    );
    this.dashboard.addWidgets(
      graph('Emails sent, rejected, bounced, complained', [
        deskMetric('EmailsSent', 'Sum'), deskMetric('EmailsRejected', 'Sum'), search('EmailsBounced', 'outcome', 'Sum'), search('EmailsComplained', 'outcome', 'Sum'),
      ]),
      graph('SES reputation: bounce and complaint rates', [sesMetric('Reputation.BounceRate'), sesMetric('Reputation.ComplaintRate')],
        [{ value: SES_REVIEW_BOUNCE_RATE, label: 'bounce review' }]),
      graph('Inbound mail refused by reason', [search('InboundMailRefused', 'reason', 'Sum')]),
      graph('Inbound mail accepted by outcome', [search('InboundMailAccepted', 'outcome', 'Sum')]),
    );
    this.functionErrors = graph('Function errors', []);
    this.functionThrottles = graph('Function throttles', []);
  }

  /**
   * Every alarm the desk needs besides the dead-letter queues: errors and throttles of every
   * SupportFunction in `scope` (an aspect: a function added later is covered too), the API's 5xx
   * rate and p99 latency, the stream's iterator age, SES's reputation and the timer's lag.
   */
  public watch(scope: IConstruct, parts: { api: HttpApi; streamConsumer: SupportFunction }): void {
    const { api, streamConsumer } = parts;
    const requests = api.metricCount({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM });
    const serverErrors = api.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM });
    const errorRate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx, % of requests',
      period: Duration.minutes(5),
    });
    this.add(new cloudwatch.Alarm(this, 'Api5xxRate', {
      alarmDescription: 'HTTP API: more than 1% of requests answered 5xx in two 5-minute periods running; see docs/operations.md#api-5xx-rate',
      metric: errorRate, threshold: 1, evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));
    const latency = api.metricLatency({ period: Duration.minutes(5), statistic: 'p99' });
    this.add(new cloudwatch.Alarm(this, 'ApiLatencyP99', {
      alarmDescription: 'HTTP API: p99 latency over 3 s in three 5-minute periods of the last four; see docs/operations.md#api-latency-p99',
      metric: latency, threshold: 3000, evaluationPeriods: 4, datapointsToAlarm: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));
    const iteratorAge = streamConsumer.function.metric('IteratorAge', { period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM });
    this.add(new cloudwatch.Alarm(this, 'StreamIteratorAge', {
      alarmDescription: 'Outbox: the oldest stream record waited over 5 minutes (emails and schedules are late); see docs/operations.md#stream-iterator-age',
      metric: iteratorAge, threshold: 300_000, evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));
    this.add(new cloudwatch.Alarm(this, 'SesBounceRate', {
      alarmDescription: `SES: the account's bounce rate reached ${SES_REVIEW_BOUNCE_RATE * 100}% (SES reviews the account there, may pause sending at 10%); see docs/operations.md#ses-bounce-rate`,
      metric: sesMetric('Reputation.BounceRate'), threshold: SES_REVIEW_BOUNCE_RATE, evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));
    this.add(new cloudwatch.Alarm(this, 'SesComplaintRate', {
      alarmDescription: `SES: the account's complaint rate reached ${SES_REVIEW_COMPLAINT_RATE * 100}% (SES reviews the account there, may pause sending at 0.5%); see docs/operations.md#ses-complaint-rate`,
      metric: sesMetric('Reputation.ComplaintRate'), threshold: SES_REVIEW_COMPLAINT_RATE, evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));
    this.add(new cloudwatch.Alarm(this, 'TimerLagP99', {
      alarmDescription: `Timer: p99 of wake-ups fired over ${TIMER_LAG_ALARM_SECONDS} s after their instant (the charter clock is late); see docs/operations.md#timer-lag`,
      metric: deskMetric('TimerLag', 'p99', Duration.minutes(15)), threshold: TIMER_LAG_ALARM_SECONDS, evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));

    this.dashboard.addWidgets(
      graph('API requests', [requests]),
      graph('API 5xx, % of requests', [errorRate], [{ value: 1, label: 'alarm' }]),
      graph('API latency p99, ms', [latency]),
      graph('Outbox stream iterator age, ms', [iteratorAge]),
    );
    this.dashboard.addWidgets(this.functionErrors, this.functionThrottles);
    // Ours, and any other function in the stack (CDK's BucketDeployment handler): errors and throttles of each.
    const aspect: IAspect = {
      visit: (node) => {
        if (node instanceof SupportFunction) this.watchFunction(node);
        else if (node instanceof lambda.Function && !(node.node.scope instanceof SupportFunction)) this.watchFunction({ node: node.node, function: node });
      },
    };
    Aspects.of(scope).add(aspect);
  }

  /** Errors and throttles of `fn` (once per function), on the dashboard too. */
  public watchFunction(fn: WatchedFunction, what = fn.node.path, options: { errorsAlarm?: boolean } = {}): void {
    if (this.watched.has(fn.function)) return;
    this.watched.add(fn.function);
    const errors = (label?: string) => fn.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM, ...(label ? { label } : {}) });
    const throttles = (label?: string) => fn.function.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM, ...(label ? { label } : {}) });
    const label = fn.node.path.split('/').slice(1).join('/');
    this.functionErrors.addLeftMetric(errors(label));
    this.functionThrottles.addLeftMetric(throttles(label));
    const id = fn.node.path.split('/').slice(1).join('');
    if (options.errorsAlarm ?? true) this.alarmOn(`${id}Errors`, errors(), `${what}: the function failed; see its log group and docs/operations.md#function-errors`);
    this.alarmOn(`${id}Throttles`, throttles(), `${what}: invocations throttled (concurrency exhausted); see docs/operations.md#function-throttles`);
  }

  /**
   * A web ACL's blocked requests by rule on the dashboard; with `alarmId`, an alarm too (only for a
   * web ACL whose metrics are in this stack's region: an alarm cannot watch another region's metric).
   */
  public watchFirewall(firewall: RateLimitFirewall, title: string, options: { alarmId?: string } = {}): void {
    const region = Stack.of(this).region;
    this.dashboard.addWidgets(graph(`${title}: requests blocked by rule (429)`, firewall.ruleNames.map((rule) => firewall.metricBlockedRequests(region, { rule }))));
    if (options.alarmId) this.add(rateLimitedAlarm(this, options.alarmId, firewall, title));
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

  /** Alarms when `fn` fails at all in five minutes (a handler reports a failed record as an error too); its throttles too. */
  public alarmOnErrors(id: string, fn: SupportFunction, what: string): cloudwatch.Alarm {
    const alarm = this.alarmOn(id, fn.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      `${what}: the function failed; see its log group and docs/operations.md#function-errors`);
    this.watchFunction(fn, what, { errorsAlarm: false }); // its throttles and the dashboard; this alarm is its errors alarm
    return alarm;
  }

  private alarmOn(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    return this.add(new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric,
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

/** An SNS topic for alarms, encrypted with its own key that CloudWatch may use (an AWS-managed SNS key would refuse CloudWatch). */
export function encryptedAlarmTopic(scope: Construct, description: string): { key: kms.Key; topic: sns.Topic } {
  const key = new kms.Key(scope, 'AlarmKey', { enableKeyRotation: true, description });
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'], // a key policy's `*` is this key
  }));
  return { key, topic: new sns.Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true }) };
}

/** Alarms when `firewall` blocked any request in five minutes: a client over its rate (docs/operations.md#rate-limited-clients). */
export function rateLimitedAlarm(scope: Construct, id: string, firewall: RateLimitFirewall, what: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmDescription: `${what}: WAF refused requests of a client over its rate (429); see docs/operations.md#rate-limited-clients`,
    metric: firewall.metricBlockedRequests(Stack.of(scope).region),
    threshold: 0, evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}

const graph = (title: string, left: cloudwatch.IMetric[], leftAnnotations: cloudwatch.HorizontalAnnotation[] = []): cloudwatch.GraphWidget =>
  new cloudwatch.GraphWidget({ title, left, leftAnnotations, width: 6, height: 6 });

/** One of the desk's EMF metrics, by name, over the `service` dimension alone. */
const deskMetric = (metricName: string, statistic: string, period = Duration.minutes(5)): cloudwatch.Metric =>
  new cloudwatch.Metric({ namespace: DESK_METRICS.namespace, metricName, dimensionsMap: { service: DESK_METRICS.service }, statistic, period });

/** Every series of a desk metric split by `dimensions` (a dashboard-only SEARCH: a new severity or reason shows up by itself). */
const search = (metricName: string, dimensions: string, statistic: string): cloudwatch.MathExpression =>
  new cloudwatch.MathExpression({
    expression: `SEARCH('{${DESK_METRICS.namespace},service,${dimensions}} MetricName="${metricName}"', '${statistic}', 3600)`,
    usingMetrics: {},
    label: metricName,
    period: Duration.hours(1),
  });

/** An account-level SES reputation metric (a fraction: 0.05 is 5%). */
const sesMetric = (metricName: string): cloudwatch.Metric =>
  new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.hours(1) });
