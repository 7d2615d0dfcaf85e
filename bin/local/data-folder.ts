// The data folder of the local stack: DynamoDB Local's database, the scheduler's pending
// wake-ups, the sent mail and the outbox's stream checkpoints as JSON, the signing key, received raw mail. A file that does not
// parse is a corrupt folder: one clear error rather than a half-started stack.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataFolderError extends Error {
  constructor(readonly file: string, reason: string, options?: ErrorOptions) {
    super(`the data folder is corrupt: ${file} is ${reason}; delete it (or the whole folder) or pass another --data`, options);
    this.name = 'DataFolderError';
  }
}

export const dataPaths = (dataDir: string) => ({
  dynamodb: path.join(dataDir, 'dynamodb'),
  schedules: path.join(dataDir, 'schedules.json'),
  mail: path.join(dataDir, 'sent-mail.json'),
  clock: path.join(dataDir, 'clock.json'),
  stream: path.join(dataDir, 'stream-checkpoints.json'),
  reportRuns: path.join(dataDir, 'report-runs.json'),
  inbound: path.join(dataDir, 'inbound-mail'),
});

/** Creates the folder; a file where the folder should be is a corrupt data folder. */
export function ensureFolder(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new DataFolderError(dir, 'a file, not a folder');
  mkdirSync(dir, { recursive: true });
}

/** The JSON in `file`, or `fallback` when there is none. */
export function readJsonFile<T>(file: string, fallback: T, isValid: (value: unknown) => boolean = () => true): T {
  if (!existsSync(file)) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataFolderError(file, 'not valid JSON', { cause: error });
  }
  if (!isValid(value)) throw new DataFolderError(file, 'not in the expected shape');
  return value as T;
}

/** Writes through a temporary file and a rename: a crash mid-write leaves the old file whole. */
export function writeJsonFile(file: string, value: unknown): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, file);
}
