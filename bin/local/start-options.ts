// The flags of `npm start`, parsed strictly: an unknown or malformed flag is one line and exit 2.
import { parseArgs } from 'node:util';

export type ClockMode = 'real' | 'manual';

export type StartOptions = {
  /** The API's port; 0: a free one. */
  readonly port: number;
  /** The data folder: DynamoDB Local's -dbPath, the scheduler's and the mail's JSON, the signing key. */
  readonly dataDir: string;
  /** Nothing kept between runs (the signing key excepted: tokens must outlive a restart). */
  readonly memory: boolean;
  readonly seed: boolean;
  readonly clock: ClockMode;
  /** Browser origins the API answers CORS for (the portal's); none by default. */
  readonly allowedOrigins?: readonly string[];
};

export const DEFAULT_DATA_DIR = '.local-data';

export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** Parses `npm start` arguments; throws UsageError naming the flag at fault. */
export function parseStartOptions(args: readonly string[]): StartOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '3000' },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        memory: { type: 'boolean', default: false },
        seed: { type: 'boolean', default: false },
        clock: { type: 'string', default: 'real' },
        'allow-origin': { type: 'string', multiple: true, default: [] },
      },
    }));
  } catch (error) {
    // node's messages name the flag ("Unknown option '--prot'"); keep the first line only.
    throw new UsageError(String((error as Error).message).split('\n')[0]!, { cause: error });
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new UsageError(`--port must be a port number (0-65535), not '${values.port}'`);
  if (values.clock !== 'real' && values.clock !== 'manual') throw new UsageError(`--clock must be 'real' or 'manual', not '${values.clock}'`);
  if (values.data.trim() === '') throw new UsageError('--data needs a folder');
  const origins = values['allow-origin'];
  const badOrigin = origins.find((o) => { try { return new URL(o).origin !== o; } catch { return true; } });
  if (badOrigin !== undefined) throw new UsageError(`--allow-origin must be an origin such as http://127.0.0.1:5173, not '${badOrigin}'`);
  return { port, dataDir: values.data, memory: values.memory, seed: values.seed, clock: values.clock, ...(origins.length ? { allowedOrigins: origins } : {}) };
}
