// Starts Amazon DynamoDB Local (the jar shipped by amplify-dynamodb-simulator) as a child
// process for the local stack and the integration tests, and stops it without leaving a JVM.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort, isPortFree } from './find-free-port.js';
import { COMMAND_NOT_FOUND, spawnGuarded } from './guarded-process.js';

export type DynamoDbLocalOptions = {
  /** 0 or absent: a free port on 127.0.0.1. */
  readonly port?: number;
  /** A directory for the database files; absent: in memory. */
  readonly dbPath?: string;
  /** One database for every credential and region (default true), so any client sees the same tables. */
  readonly sharedDb?: boolean;
  /** How long to wait for the first answer (default 20 s). */
  readonly startTimeoutMs?: number;
};

export type DynamoDbLocal = {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
};

export type DynamoDbLocalErrorCode = 'java-missing' | 'port-in-use' | 'start-failed' | 'start-timeout';

export class DynamoDbLocalError extends Error {
  constructor(readonly code: DynamoDbLocalErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DynamoDbLocalError';
  }
}

/** Fixed dummy credentials and region: DynamoDB Local checks neither, but the SDK must sign. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

const JAVA_REQUIRED = 'Java 17+ is required to run DynamoDB Local (install openjdk-17-jre-headless)';
const STOP_GRACE_MS = 3_000;

const emulatorDir = (): string =>
  path.join(path.dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')), 'emulator');

// DynamoDB Local's own main() binds every interface and has no option for the address (1.25:
// -port, -inMemory, -dbPath, -sharedDb, -cors, -disableTelemetry, -delayTransientStatuses,
// -optimizeDbBeforeStartup). This main builds the server from the same arguments, as the
// documented ServerRunner.createServerFromCommandLineArgs does for embedding, and sets the host of
// its Jetty connector to 127.0.0.1 before starting it. Java runs it from source (JEP 330, in the
// runtime image of Debian's openjdk-17-jre-headless): no build step in the checkout.
const LOOPBACK_MAIN = `
import java.lang.reflect.Field;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    if (proxy == null) System.exit(2);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    for (Connector connector : ((Server) field.get(proxy)).getConnectors()) ((ServerConnector) connector).setHost("127.0.0.1");
    proxy.start();
  }
}
`;

const LOOPBACK_CLASS = 'LoopbackDynamoDbLocal';

/**
 * The java arguments that run the loopback main on `classPath`: its class, compiled once into the
 * temp folder (never the checkout) by the runtime's own compiler module, which saves the ~1 s a
 * source launch spends compiling at every start; the source launch itself when that fails.
 */
async function loopbackMain(classPath: string): Promise<string[]> {
  // Class files for Java 17 (--release 17), the oldest DynamoDB Local runs on, so any later java runs them too.
  const dir = path.join(tmpdir(), `support-desk-dynamodb-local-17-${createHash('sha256').update(LOOPBACK_MAIN).digest('hex').slice(0, 12)}`);
  const source = (into: string) => { const file = path.join(into, `${LOOPBACK_CLASS}.java`); writeFileSync(file, LOOPBACK_MAIN); return file; };
  if (!existsSync(path.join(dir, `${LOOPBACK_CLASS}.class`))) {
    const work = mkdtempSync(`${dir}-build-`);
    const compiled = await new Promise<boolean>((resolve) => {
      execFile('java', ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '--release', '17', '-nowarn', '-proc:none', '-cp', classPath, '-d', work, source(work)], (error) => resolve(!error));
    });
    if (!compiled) return ['-cp', classPath, source(work)]; // no compiler module: JEP 330 needs one too, and java says so
    try {
      renameSync(work, dir); // atomic: a concurrent start finds a whole folder or none
    } catch {
      rmSync(work, { recursive: true, force: true }); // another start got there first
    }
  }
  return ['-cp', `${dir}${path.delimiter}${classPath}`, LOOPBACK_CLASS];
}

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  const pickPort = !options.port;
  try {
    return await startOnce(options.port || (await findFreePort()), options);
  } catch (error) {
    // Another process took the port between findFreePort and java's bind: one more try.
    if (pickPort && error instanceof DynamoDbLocalError && error.code === 'port-in-use') {
      return startOnce(await findFreePort(), options);
    }
    throw error;
  }
};

const startOnce = async (port: number, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> => {
  // Checked first: polling a port another server holds would "succeed" against that server.
  if (!(await isPortFree(port))) throw new DynamoDbLocalError('port-in-use', `Port ${port} is already in use`);
  const dir = emulatorDir();
  const args = [
    // C1 only and serial GC: start-up matters more than peak throughput here (~10% faster start).
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
    // Listens on 127.0.0.1 only, not on every interface as the jar's own main does.
    ...(await loopbackMain([path.join(dir, 'DynamoDBLocal.jar'), path.join(dir, 'DynamoDBLocal_lib', '*')].join(path.delimiter))),
    '-port', String(port),
    ...(options.dbPath ? ['-dbPath', path.resolve(options.dbPath)] : ['-inMemory']),
    ...(options.sharedDb === false ? [] : ['-sharedDb']),
    '-disableTelemetry',
  ];
  // 1.25.1 ignores -disableTelemetry when deciding to build its telemetry client; only this
  // variable stops it (measured: ~1.8 s start with it, 2.3-3.8 s without, offline). Telemetry
  // also writes dynamodb-local-metadata.json into the working directory, hence tmpdir() too.
  const env = { ...process.env, DDB_LOCAL_TELEMETRY: '0' };
  const jvm = spawnGuarded('java', args, { cwd: tmpdir(), env });

  let output = '';
  let rejectStart: (error: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => { rejectStart = reject; });
  failure.catch(() => undefined); // only observed while starting
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
    // A failed start (port taken) throws in Java's main thread, but the JVM lives on, held by
    // DynamoDB Local's non-daemon job threads: an exit would never come, so read the output.
    // The stack trace naming the cause may come in a later chunk: classify a moment later.
    if (output.includes('Exception in thread "main"')) setTimeout(() => rejectStart(startError(port, null, output)), 200);
  };
  jvm.child.stdout?.on('data', keep);
  jvm.child.stderr?.on('data', keep);
  jvm.child.once('error', rejectStart);
  jvm.child.once('exit', (code) => rejectStart(startError(port, code, output)));

  const stop = () => jvm.stop(STOP_GRACE_MS);

  const endpoint = `http://127.0.0.1:${port}`;
  const polling = new AbortController();
  try {
    await Promise.race([waitUntilAnswering(endpoint, options.startTimeoutMs ?? 20_000, polling.signal), failure]);
  } catch (error) {
    polling.abort();
    await stop();
    if (error instanceof DynamoDbLocalError && error.code === 'start-timeout') {
      throw new DynamoDbLocalError('start-timeout', `${error.message}\n${output}`, { cause: error });
    }
    throw error;
  }
  return { endpoint, port, stop };
};

const startError = (port: number, code: number | null, output: string): DynamoDbLocalError => {
  if (code === COMMAND_NOT_FOUND || /UnsupportedClassVersionError|compiled by a more recent version/.test(output)) {
    return new DynamoDbLocalError('java-missing', `${JAVA_REQUIRED}\n${output}`);
  }
  if (/Failed to bind|Address already in use|BindException/.test(output)) {
    return new DynamoDbLocalError('port-in-use', `DynamoDB Local could not bind port ${port}\n${output}`);
  }
  return new DynamoDbLocalError('start-failed', `DynamoDB Local failed to start (exit code ${code})\n${output}`);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitUntilAnswering = async (endpoint: string, timeoutMs: number, signal: AbortSignal): Promise<void> => {
  const client = new DynamoDBClient({
    ...localClientConfig(endpoint),
    maxAttempts: 1,
    // A start on a loaded machine may take a request past 2 s: an error to poll again on, not a [WARN] line.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (let delayMs = 25; ; delayMs = Math.min(delayMs * 2, 250)) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() + delayMs > deadline) {
          throw new DynamoDbLocalError('start-timeout', `DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms`, { cause: error });
        }
      }
      await sleep(delayMs);
      if (signal.aborted) return; // the start already failed; stop polling
    }
  } finally {
    client.destroy();
  }
};
