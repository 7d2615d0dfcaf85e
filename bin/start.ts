// `npm start`: the whole desk on one machine (issue 5). Prints one `name: URL` line per part,
// then `ready`; SIGINT or SIGTERM stops every part (the JVM included) and frees every port.
// Each known failure is one line saying what to do, and a non-zero exit.
import { DataFolderError } from './local/data-folder.js';
import { DynamoDbLocalError } from './local/dynamodb-local.js';
import { PortInUseError } from './local/local-api-server.js';
import { startLocalStack, type LocalStack } from './local/local-stack.js';
import { parseStartOptions, UsageError, type StartOptions } from './local/start-options.js';

const fail = (line: string, code: number): never => {
  console.error(line);
  process.exit(code);
};

const log = (message: string, error?: unknown) => console.error(error === undefined ? message : `${message}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);

/** One line for a failure we know how to explain; null for anything else. */
function explain(error: unknown, options: StartOptions): string | null {
  if (error instanceof PortInUseError || error instanceof DataFolderError) return error.message;
  if (error instanceof DynamoDbLocalError) {
    if (error.code === 'java-missing') return 'Java 17+ is required to run DynamoDB Local: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) and try again';
    if (error.code === 'port-in-use') return 'DynamoDB Local could not take its port: try again, or pass --port 0';
    if (!options.memory) return `DynamoDB Local could not open the database in ${options.dataDir}/dynamodb (the data folder may be corrupt): delete it or pass another --data (details: ${error.message.split('\n')[0]})`;
  }
  if (error instanceof Error && /exists with another schema/.test(error.message)) return `the data folder ${options.dataDir} holds a table of an older schema: delete it or pass another --data`;
  return null;
}

let options: StartOptions;
try {
  options = parseStartOptions(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) fail(`npm start: ${error.message} (flags: --port <n> --data <dir> --memory --seed --clock real|manual)`, 2);
  throw error;
}

let stack: LocalStack | undefined;
let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) return fail(`${signal} again: exiting without waiting`, 130);
  stopping = true;
  console.error(`${signal}: stopping`);
  void (stack?.stop() ?? Promise.resolve()).then(
    () => process.exit(0),
    (error: unknown) => { log('stopping failed', error); process.exit(1); },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// `kill <npm's pid>`: npm's `sh -c` dies without passing the signal on; the parent changing says so.
const parentPid = process.ppid;
setInterval(() => { if (process.ppid !== parentPid && !stopping) shutdown('SIGHUP'); }, 500).unref();

try {
  stack = await startLocalStack(options!, log);
} catch (error) {
  const line = explain(error, options!);
  if (line) fail(line, 1);
  log('the local stack failed to start', error);
  process.exit(1);
}
if (stopping) {
  // A signal during start-up: the stack came up after shutdown() looked; stop it now.
  await stack.stop();
  process.exit(0);
}
for (const [name, url] of Object.entries(stack.urls)) console.log(`${name}: ${url}`);
console.log('ready');
