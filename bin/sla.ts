// The SLA preview command for support managers (issue 2). Its interface is a public contract:
//   sla preview --severity urgent|high|normal --at <ISO-8601 instant> [--calendar basic|extended] [--css]
//   sla calendar --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--json]
// Output on stdout only on success; a bad argument exits 2 with one line on stderr naming it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { computeSlaPreview } from '../functions/domain/preview.js';
import { parsePolicy, PolicySchema, type Policy } from '../functions/domain/policy.js';
import { SeveritySchema } from '../functions/domain/types.js';
import { listClosedDays } from '../functions/domain/calendar/closed-days.js';
import { MAX_YEAR, MIN_YEAR } from '../functions/domain/calendar/business-calendar.js';

class UsageError extends Error {}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isRealDate = (y: string, m: string, d: string) => {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
};

function parseInstant(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--${name} is required (an ISO-8601 instant such as 2026-06-04T09:15:00Z)`);
  const m = INSTANT.exec(value);
  const ms = Date.parse(value);
  if (!m || !isRealDate(m[1]!, m[2]!, m[3]!) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59 || !Number.isFinite(ms)) {
    throw new UsageError(`--${name} must be an ISO-8601 instant with a time zone, such as 2026-06-04T09:15:00Z (got "${value}")`);
  }
  const year = new Date(ms).getUTCFullYear();
  if (year < MIN_YEAR || year >= MAX_YEAR) throw new UsageError(`--${name} must be within ${MIN_YEAR}-${MAX_YEAR - 1} (got "${value}")`);
  return new Date(ms).toISOString();
}

function parseDate(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--${name} is required (a date such as 2026-04-01)`);
  const m = DATE.exec(value);
  if (!m || !isRealDate(m[1]!, m[2]!, m[3]!)) throw new UsageError(`--${name} must be a date YYYY-MM-DD (got "${value}")`);
  if (Number(m[1]) < MIN_YEAR || Number(m[1]) >= MAX_YEAR) throw new UsageError(`--${name} must be within ${MIN_YEAR}-${MAX_YEAR - 1} (got "${value}")`);
  return value;
}

function loadPolicy(file: string | undefined): Policy {
  if (file === undefined) return parsePolicy();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--policy: cannot read JSON from ${file} (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = PolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--policy: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function run(argv: string[]): string {
  const [command, ...rest] = argv;
  const options = {
    severity: { type: 'string' }, at: { type: 'string' }, calendar: { type: 'string' }, css: { type: 'boolean' },
    from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' }, policy: { type: 'string' },
  } as const;
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!);
  }
  const policy = loadPolicy(values.policy);
  if (command === 'preview') {
    for (const name of ['from', 'to', 'json'] as const) if (values[name] !== undefined) throw new UsageError(`--${name} is not an option of preview`);
    const severity = SeveritySchema.safeParse(values.severity);
    if (!severity.success) throw new UsageError(`--severity must be urgent, high or normal (got ${values.severity === undefined ? 'nothing' : `"${values.severity}"`})`);
    const calendar = values.calendar ?? 'basic';
    if (calendar !== 'basic' && calendar !== 'extended') throw new UsageError(`--calendar must be basic or extended (got "${calendar}")`);
    const at = parseInstant('at', values.at);
    return JSON.stringify(computeSlaPreview({ severity: severity.data, at, calendar, css: values.css ?? false }, policy), null, 2);
  }
  if (command === 'calendar') {
    for (const name of ['severity', 'at', 'calendar', 'css'] as const) if (values[name] !== undefined) throw new UsageError(`--${name} is not an option of calendar`);
    const from = parseDate('from', values.from);
    const to = parseDate('to', values.to);
    if (to < from) throw new UsageError(`--to must not be before --from`);
    const days = listClosedDays(from, to, policy);
    if (values.json) return JSON.stringify(days, null, 2);
    return days.map((d) => `${d.date}  ${d.reason.padEnd(8)}  ${d.name}`).join('\n');
  }
  throw new UsageError(command === undefined ? 'a command is required: preview or calendar' : `unknown command "${command}": use preview or calendar`);
}

const HELP = `Usage: npm run -s sla -- <command> [options]

Commands:
  preview   when every charter deadline falls for a ticket opened at --at
            --severity urgent|high|normal   (required)
            --at <ISO-8601 instant>         (required; Z or an offset, e.g. 2026-03-31T13:00:00Z)
            --calendar basic|extended       (default basic: 08:30-17:00; extended 08:00-20:00)
            --css                           add the Customer Success response (R-SLA-3)
  calendar  the closed days of a period, with the reason for each
            --from <YYYY-MM-DD> --to <YYYY-MM-DD>   (required)
            --json                          JSON instead of lines

Both take --policy <file.json> to use an operator's policy instead of the charter's defaults.
Instants print in UTC. A bad argument exits 2 with one line on stderr.`;

const wantsHelp = (argv: string[]) => argv.includes('--help') || argv.includes('-h') || argv[0] === 'help';

try {
  const argv = process.argv.slice(2);
  const out = wantsHelp(argv) ? HELP : run(argv);
  if (out) process.stdout.write(`${out}\n`);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`sla: ${e.message}\n`);
  process.exitCode = 2;
}
