// Every handler logs through this port; the live one is Powertools' Logger (functions/adapters/
// logger.ts): one JSON line per entry with level, timestamp, service, cold start, Lambda's request
// id and the keys the entry point appended (ticketId), so Logs Insights reads the fields.
import { logger } from '../adapters/logger.js';

export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/** The handlers' default log: Powertools' Logger; an Error in `fields` is printed with its name, message, stack and cause. */
export const jsonLog: Log = (level, message, fields = {}) => {
  logger[level](message, fields);
};

/** A log that drops everything: for tests that assert outcomes, not lines. */
export const silentLog: Log = () => undefined;

/**
 * Runs `work` with `keys` (a ticket's id and number) on every line it logs, then takes them off
 * again: Lambda reuses the logger across invocations, and a batch moves from ticket to ticket.
 */
export async function withLogKeys<T>(keys: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const present = Object.fromEntries(Object.entries(keys).filter((entry): entry is [string, string] => entry[1] !== undefined));
  logger.appendKeys(present);
  try {
    return await work();
  } finally {
    logger.removeKeys(Object.keys(present));
  }
}

export { logger };
