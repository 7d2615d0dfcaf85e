// What the local stack keeps in its data folder besides DynamoDB Local's own files: the local
// scheduler's pending schedules, the local SES's sent mail and the outbox's stream checkpoints,
// each a JSON file rewritten after every change, and read back at start-up (a wake-up that fell
// due meanwhile then fires; stream records the outbox had not handled are delivered).
import { createRequire } from 'node:module';
import { CreateScheduleCommand, type CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { InitializeMiddleware } from '@smithy/types';
import type { LocalScheduler } from './local-scheduler.js';
import { readJsonFile, writeJsonFile } from './data-folder.js';

const saveAfter = <I extends object, O extends object>(save: () => void): InitializeMiddleware<I, O> => (next) => async (args) => {
  const out = await next(args);
  save();
  return out;
};

type SavedSchedule = { definition: CreateScheduleCommandInput };

/**
 * Reloads saved schedules into `scheduler` (`restoring` must make its clock accept past at()
 * times meanwhile) and saves them again after every request it answers and every firing.
 */
export async function keepSchedules(scheduler: LocalScheduler, file: string | null, restoring: { on: boolean }): Promise<{ save(): void }> {
  const save = () => { if (file) writeJsonFile(file, scheduler.pending().map((s): SavedSchedule => ({ definition: s.definition }))); };
  if (!file) return { save };
  const saved = readJsonFile<SavedSchedule[]>(file, [], (v) => Array.isArray(v) && v.every((s) => typeof s?.definition?.Name === 'string'));
  restoring.on = true;
  try {
    for (const s of saved) await scheduler.client.send(new CreateScheduleCommand(s.definition));
  } finally {
    restoring.on = false;
  }
  // Runs before the in-process answer (which never calls on), and sees its outcome.
  scheduler.client.middlewareStack.addRelativeTo(
    saveAfter(save),
    { relation: 'before', toMiddleware: 'localSchedulerAnswers', name: 'localSchedulerKeeps' },
  );
  return { save };
}

// aws-ses-v2-local keeps its mail in one module-level store (see local-ses.ts); the same
// require() resolution reaches the same module instance.
type SesStore = { emails: unknown[] };
const sesStore = (): SesStore =>
  (createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as { getStoreReadonly(): SesStore }).getStoreReadonly();

/** Puts saved mail back into the local SES store, and saves the store after every send through `client`. */
export function keepSentMail(client: SESv2Client, file: string | null): { save(): void } {
  const save = () => { if (file) writeJsonFile(file, sesStore().emails); };
  if (!file) return { save };
  const saved = readJsonFile<unknown[]>(file, [], Array.isArray);
  sesStore().emails.push(...saved);
  client.middlewareStack.add(
    saveAfter(save),
    { step: 'initialize', name: 'localSesKeeps' },
  );
  return { save };
}

type SavedCheckpoints = { streamArn: string; shards: Record<string, string> };

/**
 * The outbox's place in the table's stream, as an event source mapping keeps it: the last record
 * handled per shard, saved after every batch, so a start after a crash (`kill -9`) delivers what
 * the last run had not handled, and no more. `checkpoints` is undefined when there is nothing to
 * resume: no file (a new folder, or one from before checkpoints were kept) or another stream (a
 * table made anew).
 */
export function keepStreamCheckpoints(file: string | null, streamArn: string): {
  checkpoints: Record<string, string> | undefined;
  onCheckpoint(shardId: string, sequenceNumber: string): void;
} {
  const isValid = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as SavedCheckpoints).streamArn === 'string'
    && typeof (v as SavedCheckpoints).shards === 'object' && (v as SavedCheckpoints).shards !== null
    && Object.values((v as SavedCheckpoints).shards).every((seq) => typeof seq === 'string');
  const saved = file ? readJsonFile<SavedCheckpoints | null>(file, null, isValid) : null;
  const resumed = saved?.streamArn === streamArn ? saved.shards : undefined;
  const shards = { ...resumed };
  return {
    checkpoints: resumed,
    onCheckpoint(shardId, sequenceNumber) {
      shards[shardId] = sequenceNumber;
      if (file) writeJsonFile(file, { streamArn, shards } satisfies SavedCheckpoints);
    },
  };
}

/**
 * The periodic report runs (R-RPT-1) as a recurring schedule keeps them: the time of each
 * frequency's last run, so a run that fell due while the stack was down fires at start. A new
 * folder counts from `now`: no reports for periods before the stack existed.
 */
export function keepReportRuns(file: string | null, now: string): { since: Record<'weekly' | 'monthly', string>; save(since: Record<'weekly' | 'monthly', string>): void } {
  const isValid = (v: unknown) => typeof v === 'object' && v !== null
    && ['weekly', 'monthly'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string' && Number.isFinite(Date.parse((v as Record<string, string>)[k]!)));
  const saved = file ? readJsonFile<Record<'weekly' | 'monthly', string> | null>(file, null, isValid) : null;
  return {
    since: saved ?? { weekly: now, monthly: now },
    save(since) { if (file) writeJsonFile(file, since); },
  };
}
