// One JSON line per log entry (CloudWatch Logs Insights reads the fields); errors keep their cause.
export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

const describeError = (error: unknown, depth = 0): unknown => {
  if (!(error instanceof Error)) return error;
  const { name, message } = error;
  const code = (error as { code?: unknown }).code;
  const cause = depth < 3 && error.cause !== undefined ? describeError(error.cause, depth + 1) : undefined;
  return { name, message, ...(code === undefined ? {} : { code }), ...(cause === undefined ? {} : { cause }) };
};

/** The handlers' default log: JSON lines on stdout (errors on stderr). */
export const jsonLog: Log = (level, message, fields = {}) => {
  const entry = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? describeError(v) : v]));
  const line = JSON.stringify({ level, message, ...entry });
  if (level === 'error') console.error(line);
  else console.log(line);
};

/** A log that drops everything: for tests that assert outcomes, not lines. */
export const silentLog: Log = () => undefined;
