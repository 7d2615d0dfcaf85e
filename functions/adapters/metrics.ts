import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SERVICE_NAME } from './logger.js';

/** The CloudWatch namespace of the desk's own metrics, unless POWERTOOLS_METRICS_NAMESPACE names another. */
export const METRICS_NAMESPACE = 'SupportDesk';

/** The desk's business metrics, each with its unit; lib/monitoring.ts alarms and graphs them by these names. */
export const METRIC_UNITS = {
  TicketsOpened: MetricUnit.Count, // by type and severity (R-TKT-1)
  SlaWarnings: MetricUnit.Count, // by target (R-SLA-6)
  SlaBreaches: MetricUnit.Count, // by target (R-SLA-6, R-ESC-3)
  EmailsSent: MetricUnit.Count,
  EmailsRejected: MetricUnit.Count, // SES refused for good (MessageRejected)
  EmailsBounced: MetricUnit.Count,
  EmailsComplained: MetricUnit.Count,
  InboundMailRefused: MetricUnit.Count, // dropped or refused, by reason
  InboundMailAccepted: MetricUnit.Count, // written to a ticket, by outcome
  TimerLag: MetricUnit.Seconds, // a wake-up's instant to the firing that handled it
} as const;
export type MetricName = keyof typeof METRIC_UNITS;

/** Records one value of a metric; dimensions beyond `service` split it (keep them few: each combination is a metric). */
export type Meter = (name: MetricName, value: number, dimensions?: Record<string, string>) => void;

let metrics: Metrics | undefined;

/**
 * The live meter: Powertools Metrics in the embedded metric format, one EMF line per value on
 * stdout, which CloudWatch turns into metrics without an API call (no PutMetricData, no latency).
 * Built on first use, so a function that never measures pays nothing at init.
 */
export const emfMeter: Meter = (name, value, dimensions = {}) => {
  metrics ??= new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME,
  });
  const single = metrics.singleMetric(); // published at once, with its own dimensions
  for (const [key, v] of Object.entries(dimensions)) single.addDimension(key, v);
  single.addMetric(name, METRIC_UNITS[name], value);
};

/** A meter that drops everything: tests that assert outcomes, the local stack. */
export const silentMeter: Meter = () => undefined;
