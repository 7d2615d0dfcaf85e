import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE } from '../../functions/adapters/metrics.js';
import { SERVICE_NAME } from '../../functions/adapters/logger.js';
import { ROUTES } from '../../functions/handlers/http/routes.js';
import { apiFunctionGroups } from '../../lib/api-layout.js';
import { SupportDeskStack } from '../../lib/support-desk-stack.js';
import { newApp, SYNTH_TIMEOUT_MS } from './cdk-app.js';

type Resource = { Type: string; Properties: Record<string, any> };

let template: Template;
let functions: [string, Resource][];
let alarms: Resource[];

beforeAll(() => {
  template = Template.fromStack(new SupportDeskStack(newApp({ bundle: false }), 'SupportDesk-test'));
  functions = Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>);
  alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>);
}, SYNTH_TIMEOUT_MS);

const alarmsOn = (namespace: string, metricName: string) => alarms.filter((a) => a.Properties.Namespace === namespace && a.Properties.MetricName === metricName);
/** The metrics of an alarm on a math expression, by their MetricName. */
const expressionMetrics = (alarm: Resource): string[] =>
  (alarm.Properties.Metrics ?? []).flatMap((m: any) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));

/** Our code's functions: all but CDK's own BucketDeployment handler (Python, deploy time only; alarmed and kept a year all the same). */
const ours = () => functions.filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));

describe('Monitoring: every function', () => {
  it('there are functions to check (the API readers and writers, the timer, outbox, mail and reports)', () => {
    expect(functions.length).toBeGreaterThanOrEqual(7);
  });

  it('each function has an errors alarm and a throttles alarm, both notifying the alarm topic', () => {
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;
    for (const [fnId] of functions) {
      for (const metric of ['Errors', 'Throttles']) {
        const on = alarmsOn('AWS/Lambda', metric).filter((a) => JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: fnId } }]));
        expect(on, `${fnId} ${metric}`).toHaveLength(1);
        expect(on[0]!.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [{ Ref: topic }] });
      }
    }
  });

  it('each function logs to its own log group with a retention', () => {
    const groups = template.findResources('AWS::Logs::LogGroup') as Record<string, Resource>;
    for (const [fnId, fn] of functions) {
      const groupId = fn.Properties.LoggingConfig?.LogGroup?.Ref as string;
      expect(groups[groupId]?.Properties.RetentionInDays, fnId).toBe(365);
    }
    for (const [id, group] of Object.entries(groups)) expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
  });

  it('each function has Powertools\' service name, log level and metrics namespace (the ones the code and the alarms use)', () => {
    for (const [fnId, fn] of ours()) {
      expect(fn.Properties.Environment.Variables, fnId).toMatchObject({
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME, POWERTOOLS_LOG_LEVEL: 'INFO', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      });
    }
  });

  it('traces the background functions with X-Ray, not the API functions (their cold starts, README)', () => {
    // The layout's functions (lib/api-layout.ts) and the $default route's function.
    const api = ours().filter(([, fn]) => /^(Api|\$default)/.test(String(fn.Properties.Description)));
    expect(api).toHaveLength(apiFunctionGroups(ROUTES).length + 1);
    for (const [, fn] of api) expect(fn.Properties.TracingConfig).toBeUndefined();
    for (const [, fn] of ours().filter((f) => !api.includes(f))) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
  });
});

describe('Monitoring: the API, the queues, the stream, SES and the charter clock', () => {
  it('alarms on the API\'s 5xx rate (a share of its requests) and its p99 latency', () => {
    const rate = alarms.filter((a) => expressionMetrics(a).includes('5xx'));
    expect(rate).toHaveLength(1);
    expect(expressionMetrics(rate[0]!).sort()).toEqual(['5xx', 'Count']);
    expect(rate[0]!.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' });
    const [latency] = alarmsOn('AWS/ApiGateway', 'Latency');
    expect(latency?.Properties).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 3000 });
  });

  it('alarms as soon as any queue (each is a dead-letter queue) holds a message', () => {
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queues.length).toBeGreaterThanOrEqual(8);
    for (const queueId of queues) {
      const on = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible')
        .filter((a) => JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]));
      expect(on, queueId).toHaveLength(1);
      expect(on[0]!.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('alarms when the outbox\'s stream records wait over five minutes (iterator age)', () => {
    const [age] = alarmsOn('AWS/Lambda', 'IteratorAge');
    expect(age?.Properties).toMatchObject({ Statistic: 'Maximum', Threshold: 300_000 });
    const outbox = functions.find(([, fn]) => String(fn.Properties.Description).startsWith('Outbox'))!;
    expect(age?.Properties.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: outbox[0] } }]);
  });

  it('alarms on SES\'s bounce rate at 5% and complaint rate at 0.1%, where SES reviews an account (it pauses at 10% and 0.5%)', () => {
    expect(alarmsOn('AWS/SES', 'Reputation.BounceRate')[0]?.Properties).toMatchObject({ Threshold: 0.05, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(alarmsOn('AWS/SES', 'Reputation.ComplaintRate')[0]?.Properties).toMatchObject({ Threshold: 0.001, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('R-SLA-6: alarms when the timer lag p99 is over 120 s (the charter clock is late)', () => {
    const [lag] = alarmsOn(METRICS_NAMESPACE, 'TimerLag');
    expect(lag?.Properties).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 120, Dimensions: [{ Name: 'service', Value: SERVICE_NAME }] });
  });

  it('has one dashboard, the charter\'s figures (SLA breaches and warnings, tickets opened, timer lag) on top', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard') as Record<string, Resource>);
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    const at = (text: string) => body.indexOf(text);
    for (const text of ['SlaBreaches', 'SlaWarnings', 'TicketsOpened', 'TimerLag', 'EmailsBounced', 'InboundMailRefused', 'Function errors']) expect(at(text), text).toBeGreaterThan(0);
    expect(at('SlaBreaches')).toBeLessThan(at('EmailsSent'));
    expect(at('TimerLag')).toBeLessThan(at('Function errors'));
  });
});
