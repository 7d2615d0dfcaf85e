import { Logger } from '@aws-lambda-powertools/logger';
import type { LogItem } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';
import { prettyLogLine } from './logger-pretty.js';

/** The service name on every log line and the metrics' `service` dimension, unless the environment names another. */
export const SERVICE_NAME = 'support-desk';

/**
 * Powertools' Logger, one JSON line per entry in Lambda (level, timestamp, service, cold start,
 * request id, then the appended keys). With SUPPORT_DESK_LOG_FORMAT=pretty (the local stack) the
 * same entries are printed as one readable line each on stderr instead; the variable is read at
 * each print, so the local stack may set it after this module was first imported.
 */
export class SupportLogger extends Logger {
  protected override printLog(logLevel: number, log: LogItem): void {
    if (process.env.SUPPORT_DESK_LOG_FORMAT !== 'pretty') return super.printLog(logLevel, log);
    log.prepareForPrint();
    const attributes = JSON.parse(JSON.stringify(log.getAttributes(), this.getJsonReplacer())) as Record<string, unknown>;
    process.stderr.write(`${prettyLogLine(attributes)}\n`);
  }

  protected override createLogger(options?: ConstructorOptions): Logger {
    return new SupportLogger(options);
  }
}

/** The one logger of a function (module scope: Lambda keeps it across invocations). */
export const logger = new SupportLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME });
