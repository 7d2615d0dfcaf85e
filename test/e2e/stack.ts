// Shared by the end-to-end tests: `npm start` as a child process on random loopback ports, read
// until its `ready` line; tokens signed with the data folder's local key; small HTTP helpers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadSigningKey, signToken } from '../../bin/local/local-auth.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const START_TIMEOUT_MS = 60_000; // the first run also bundles bin/start.ts

export type Urls = { api: string; mail: string; smtp: string; dynamodb: string; portal: string };
export type SesEmail = { messageId: string; destination: { to: string[] }; replyTo: string[]; subject: string; body: { html?: string; text?: string } };
export type Answer = { status: number; body: any; contentType: string | null; headers: Headers };
export type WakeUp = { name: string; at: string; input: unknown };

export type Stack = {
  readonly urls: Urls;
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly stderr: string[];
  api(method: string, route: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  tokenFor(role: string, email: string, org?: string): Promise<string>;
  moveClock(body: { now: string } | { advance: string }): Promise<string>;
  clockNow(): Promise<string>;
  sentMail(): Promise<SesEmail[]>;
  wakeUps(): Promise<WakeUp[]>;
  /** SIGTERM, resolves with the exit code. */
  stop(): Promise<number | null>;
};

/** Starts `npm start` with `args` (`--port 0` added); `dataDir` holds the signing key the tokens use. */
export async function startStack(dataDir: string, args: readonly string[]): Promise<Stack> {
  const child = spawn(process.execPath, ['bin/launch.mjs', 'bin/start.ts', '--port', '0', '--data', dataDir, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const urls = await new Promise<Urls>((resolve, reject) => {
    const found: Record<string, string> = {};
    let buffer = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`no 'ready' within ${START_TIMEOUT_MS} ms\n${stderr.join('')}`)); }, START_TIMEOUT_MS);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`npm start exited with ${code}\n${stderr.join('')}`)); });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const part = /^(\w+): (\S+)$/.exec(line);
        if (part) found[part[1]!] = part[2]!;
        if (line === 'ready') { clearTimeout(timer); resolve(found as Urls); }
      }
    });
  });

  const api: Stack['api'] = async (method, route, token, body, headers = {}) => {
    const response = await fetch(`${urls.api}${route}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, contentType: response.headers.get('content-type'), headers: response.headers };
  };
  const check = (res: Answer, what: string) => {
    if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return {
    urls, child, dataDir, stderr, api,
    tokenFor: async (role, email, org) => signToken(await loadSigningKey(dataDir), { role, email, organisationId: org ?? null }),
    moveClock: async (body) => (check(await api('POST', '/_local/clock', null, body), 'POST /_local/clock') as { now: string }).now,
    clockNow: async () => (check(await api('GET', '/_local/clock', null), 'GET /_local/clock') as { now: string }).now,
    sentMail: async () => ((await (await fetch(`${urls.mail}/store`)).json()) as { emails: SesEmail[] }).emails,
    wakeUps: async () => check(await api('GET', '/_local/wake-ups', null), 'GET /_local/wake-ups') as WakeUp[],
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * One stack for a test file, started with `args` on a fresh data folder before its tests and
 * stopped (the folder removed) after them. Call at the top of the file; the answer stands for the
 * started stack.
 */
export function useStack(name: string, args: readonly string[]): Stack {
  let started: Stack | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), `${name}-`));
    started = await startStack(dataDir, args);
  }, START_TIMEOUT_MS + 5_000);
  afterAll(async () => {
    await started?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const stack = (): Stack => {
    if (!started) throw new Error('the stack is not started yet: use it inside tests');
    return started;
  };
  return {
    get urls() { return stack().urls; },
    get child() { return stack().child; },
    get dataDir() { return stack().dataDir; },
    get stderr() { return stack().stderr; },
    api: (...a) => stack().api(...a),
    tokenFor: (...a) => stack().tokenFor(...a),
    moveClock: (body) => stack().moveClock(body),
    clockNow: () => stack().clockNow(),
    sentMail: () => stack().sentMail(),
    wakeUps: () => stack().wakeUps(),
    stop: () => stack().stop(),
  };
}
