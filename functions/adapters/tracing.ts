import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './logger.js';

// X-Ray through Powertools' Tracer, for the background functions (timer, outbox, mail events,
// reports): there a trace across DynamoDB, Scheduler and SES explains a late wake-up or a slow
// batch. The API functions and inbound mail go without: the Tracer costs each of their cold
// starts ~10 ms and ~85 KB of bundle (npm run bench:coldstart's figures, README); their functions
// keep Lambda's active tracing, which records each invocation and its init.
const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME });

/** `client` with every call a subsegment of the invocation's trace (a no-op outside Lambda or with tracing off). */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
