import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './logger.js';

// X-Ray through Powertools' Tracer, for the background functions only (timer, outbox, inbound
// mail, mail events, reports): there a trace across DynamoDB, Scheduler, SES and S3 explains a
// late wake-up or a slow batch. The API functions go without: the Tracer costs each of their cold
// starts ~14 ms and ~120 KB of bundle (npm run bench:coldstart's figures, README).
const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME });

/** `client` with every call a subsegment of the invocation's trace (a no-op outside Lambda or with tracing off). */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
