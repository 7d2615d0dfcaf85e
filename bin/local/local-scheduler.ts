// EventBridge Scheduler for the local stack and the tests: a real SchedulerClient whose
// Create/Update/Delete/GetSchedule requests are answered in-process by a middleware at the
// start of the SDK's stack (before serialising, signing or any network), with the service's own
// exception classes, so the REAL TicketScheduler adapter runs unchanged. `fireDue(now, invoke)`
// plays the service's part in time: every schedule whose at() time has come fires in time order.
import {
  ConflictException, ResourceNotFoundException, SchedulerClient, ValidationException,
  type CreateScheduleCommandInput, type GetScheduleCommandOutput,
} from '@aws-sdk/client-scheduler';

export type LocalSchedule = {
  readonly groupName: string;
  readonly name: string;
  readonly arn: string;
  /** The at() instant, UTC ISO with milliseconds. */
  readonly at: string;
  readonly expression: string;
  /** Target.Input parsed: what the target receives. */
  readonly input: unknown;
  readonly targetArn: string;
  readonly actionAfterCompletion: 'DELETE' | 'NONE';
  readonly definition: CreateScheduleCommandInput;
};

export type FiredSchedule = LocalSchedule & { readonly error?: unknown };

export type LocalScheduler = {
  /** Hand this to TicketScheduler: its requests never leave the process. */
  readonly client: SchedulerClient;
  /** Schedules not yet fired, soonest first. */
  pending(): LocalSchedule[];
  /**
   * Fires every schedule whose time is at or before `now`, in time order (schedules the
   * invocations create count too, if they are due), deleting each as it fires
   * (ActionAfterCompletion DELETE: Scheduler invokes a Lambda target asynchronously, so the
   * schedule is gone before the handler runs). A failing invocation goes to `deadLetters()` and
   * makes fireDue reject once every due schedule has fired.
   */
  fireDue(now: string, invoke: (input: unknown, schedule: LocalSchedule) => Promise<unknown>): Promise<FiredSchedule[]>;
  deadLetters(): FiredSchedule[];
  /** Every request answered, in order, as `CreateSchedule ticket-…`: for asserting call counts. */
  calls(): string[];
};

export type LocalSchedulerOptions = {
  /** The service's clock: with it, an at() time already past is refused, as Scheduler does. */
  readonly now?: () => string;
  readonly region?: string;
  readonly accountId?: string;
};

const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;
const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
const MAX_FIRINGS = 10_000;

const meta = { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 };
const notFound = (name: string) => new ResourceNotFoundException({ message: `Schedule ${name} does not exist.`, Message: `Schedule ${name} does not exist.`, $metadata: { httpStatusCode: 404 } });
const invalid = (message: string) => new ValidationException({ message, Message: message, $metadata: { httpStatusCode: 400 } });

export function createLocalScheduler(options: LocalSchedulerOptions = {}): LocalScheduler {
  const region = options.region ?? 'eu-west-1';
  const account = options.accountId ?? '000000000000';
  const schedules = new Map<string, LocalSchedule & { createdAt: Date; modifiedAt: Date }>();
  const dead: FiredSchedule[] = [];
  const log: string[] = [];
  const keyOf = (group: string | undefined, name: string | undefined) => `${group ?? 'default'}/${name ?? ''}`;

  const parse = (input: CreateScheduleCommandInput): LocalSchedule => {
    const name = input.Name ?? '';
    const groupName = input.GroupName ?? 'default';
    if (!NAME.test(name)) throw invalid(`Invalid schedule name ${name}`);
    const at = AT.exec(input.ScheduleExpression ?? '');
    if (!at) throw invalid(`Invalid Schedule Expression ${input.ScheduleExpression}. The local scheduler supports at() only.`);
    if ((input.ScheduleExpressionTimezone ?? 'UTC') !== 'UTC') throw invalid('The local scheduler reads at() in UTC only.');
    if (!input.FlexibleTimeWindow?.Mode) throw invalid('FlexibleTimeWindow is required.');
    if (!input.Target?.Arn || !input.Target.RoleArn) throw invalid('Target Arn and RoleArn are required.');
    const instant = new Date(`${at[1]}Z`);
    if (Number.isNaN(instant.getTime())) throw invalid(`Invalid Schedule Expression ${input.ScheduleExpression}`);
    const now = options.now?.();
    if (now !== undefined && instant.getTime() < Date.parse(now)) {
      throw invalid(`The schedule expression ${input.ScheduleExpression} is in the past.`);
    }
    return {
      groupName, name, arn: `arn:aws:scheduler:${region}:${account}:schedule/${groupName}/${name}`, at: instant.toISOString(),
      expression: input.ScheduleExpression!, input: input.Target.Input === undefined ? undefined : JSON.parse(input.Target.Input),
      targetArn: input.Target.Arn, actionAfterCompletion: input.ActionAfterCompletion === 'DELETE' ? 'DELETE' : 'NONE',
      definition: structuredClone(input),
    };
  };

  const answer = (command: string, input: Record<string, unknown>): Record<string, unknown> => {
    const key = keyOf(input.GroupName as string | undefined, input.Name as string | undefined);
    const existing = schedules.get(key);
    log.push(`${command.replace(/Command$/, '')} ${String(input.Name)}`);
    switch (command) {
      case 'CreateScheduleCommand': {
        if (existing) throw new ConflictException({ message: `Schedule ${input.Name} already exists.`, Message: `Schedule ${input.Name} already exists.`, $metadata: { httpStatusCode: 409 } });
        const schedule = parse(input as unknown as CreateScheduleCommandInput);
        const at = new Date(options.now?.() ?? Date.now());
        schedules.set(key, { ...schedule, createdAt: at, modifiedAt: at });
        return { ScheduleArn: schedule.arn };
      }
      case 'UpdateScheduleCommand': { // Update replaces the whole definition
        if (!existing) throw notFound(String(input.Name));
        const schedule = parse(input as unknown as CreateScheduleCommandInput);
        schedules.set(key, { ...schedule, createdAt: existing.createdAt, modifiedAt: new Date(options.now?.() ?? Date.now()) });
        return { ScheduleArn: schedule.arn };
      }
      case 'DeleteScheduleCommand':
        if (!existing) throw notFound(String(input.Name));
        schedules.delete(key);
        return {};
      case 'GetScheduleCommand': {
        if (!existing) throw notFound(String(input.Name));
        const d = existing.definition;
        const out: Omit<GetScheduleCommandOutput, '$metadata'> = {
          Arn: existing.arn, GroupName: existing.groupName, Name: existing.name, ScheduleExpression: d.ScheduleExpression,
          ScheduleExpressionTimezone: d.ScheduleExpressionTimezone, State: d.State ?? 'ENABLED', FlexibleTimeWindow: d.FlexibleTimeWindow,
          Target: d.Target, ActionAfterCompletion: d.ActionAfterCompletion ?? 'NONE', CreationDate: existing.createdAt, LastModificationDate: existing.modifiedAt,
        };
        return out;
      }
      default:
        throw new Error(`local scheduler: ${command} is not supported`);
    }
  };

  const client = new SchedulerClient({ region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const output = answer(context.commandName ?? '', structuredClone(args.input as Record<string, unknown>));
      return { output: { ...output, $metadata: meta }, response: {} };
    },
    { step: 'initialize', name: 'localSchedulerAnswers', priority: 'high' },
  );

  const pending = () => [...schedules.values()].sort((a, b) => a.at.localeCompare(b.at) || a.name.localeCompare(b.name));

  return {
    client,
    pending: () => pending().map(({ createdAt: _c, modifiedAt: _m, ...s }) => s),
    async fireDue(now, invoke) {
      const nowMs = Date.parse(now);
      const fired: FiredSchedule[] = [];
      for (let n = 0; ; n++) {
        const next = pending().find((s) => Date.parse(s.at) <= nowMs && s.definition.State !== 'DISABLED');
        if (!next) break;
        if (n >= MAX_FIRINGS) throw new Error(`local scheduler: more than ${MAX_FIRINGS} firings up to ${now}`);
        // DELETE removes it once fired; NONE keeps a one-time schedule that will never fire again.
        if (next.actionAfterCompletion === 'DELETE') schedules.delete(keyOf(next.groupName, next.name));
        else schedules.set(keyOf(next.groupName, next.name), { ...next, definition: { ...next.definition, State: 'DISABLED' } });
        const { createdAt: _c, modifiedAt: _m, ...schedule } = next;
        try {
          await invoke(structuredClone(schedule.input), schedule);
          fired.push(schedule);
        } catch (error) {
          const failed = { ...schedule, error };
          fired.push(failed);
          dead.push(failed); // Scheduler: retries per RetryPolicy, then the DLQ
        }
      }
      const failures = fired.filter((f) => 'error' in f);
      if (failures.length > 0) throw new AggregateError(failures.map((f) => f.error), `local scheduler: ${failures.length} invocation(s) failed`);
      return fired;
    },
    deadLetters: () => [...dead],
    calls: () => [...log],
  };
}
