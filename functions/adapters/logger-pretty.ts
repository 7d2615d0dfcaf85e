// The local stack's rendering of a Powertools log entry: `10:04:05.120 INFO  message  key=value …`,
// the Lambda-only fields left out, nested values as compact JSON.
const HIDDEN = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate', 'cold_start', 'function_arn', 'function_memory_size', 'function_name', 'function_request_id', 'xray_trace_id']);

const render = (value: unknown): string => (typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value));

/** One readable line for a log entry's attributes (as Powertools' JSON has them). */
export function prettyLogLine(attributes: Record<string, unknown>): string {
  const time = typeof attributes.timestamp === 'string' ? attributes.timestamp.slice(11, 23) : '';
  const level = String(attributes.level ?? 'INFO').padEnd(5);
  const fields = Object.entries(attributes)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${render(value)}`);
  return [time, level, String(attributes.message ?? ''), ...fields].filter(Boolean).join(' ');
}
