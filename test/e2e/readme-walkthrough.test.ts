// The README as a newcomer follows it (issue 13, item 6): `npm start` with `--port 0` prints its
// `name: URL` lines and no warning; the walk-through's shell block, copied as printed with only
// API and SMTP set to the printed lines, runs to its end in bash and writes nothing into the
// checkout; GET /_local/mail tells each email's send time on the stack's clock.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadSigningKey, signToken } from '../../bin/local/local-auth.js';
import { QUIET_ENV } from '../../bin/quiet-env.mjs';
import { ROOT, START_TIMEOUT_MS } from './stack.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'support-desk-readme-'));
let child: ChildProcess;
let printed: string[] = []; // stdout and stderr lines up to `ready`
const urls: Record<string, string> = {};

/** What a new terminal has: none of the switches our tooling sets. */
const newTerminal = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(QUIET_ENV)) delete env[name];
  return env;
};

/** The checkout's changed and untracked files, as git sees them. */
const checkoutState = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' });

beforeAll(async () => {
  child = spawn('npm', ['start', '--', '--memory', '--seed', '--clock', 'manual', '--port', '0', '--data', dataDir], {
    cwd: ROOT, env: newTerminal(), stdio: ['ignore', 'pipe', 'pipe'], detached: true, // its own group: npm, sh and node stop together
  });
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    const read = (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        printed.push(line);
        const url = /^(api|mail|smtp|dynamodb|portal): (\S+)$/.exec(line);
        if (url) urls[url[1]!] = url[2]!;
        if (line === 'ready') resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${printed.join('\n')}${buffer}`)));
  });
}, START_TIMEOUT_MS);

afterAll(async () => {
  if (child?.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('npm start, as the README shows it', () => {
  it('prints npm\'s own lines, one `name: URL` line per part on 127.0.0.1, then ready: no warning', () => {
    const ours = printed.filter((line) => !line.startsWith('> ') && line.trim() !== ''); // npm's banner: "> support-desk@… start"
    expect(ours).toEqual([
      `api: ${urls.api}`, `mail: ${urls.mail}`, `smtp: ${urls.smtp}`, `dynamodb: ${urls.dynamodb}`, `portal: ${urls.portal}`, 'ready',
    ]);
    for (const url of Object.values(urls)) expect(url).toMatch(/^(http|smtp):\/\/127\.0\.0\.1:\d+$/);
    expect(urls.smtp).not.toBe('smtp://127.0.0.1:2525'); // --port 0: the printed line, not the default
  });
});

describe('the README walk-through, copied as printed', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const walkThrough = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.startsWith('API='))!;

  it('has no placeholder such as [...] or <...> in any command line of the README', () => {
    expect(walkThrough).toBeDefined();
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const commands = blocks.flatMap((block) => block.split('\n')).map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line !== '' && !line.startsWith('#'));
    expect(commands.length).toBeGreaterThan(15);
    expect(commands.filter((line) => /\[\.\.\.|\[--|<[a-z][a-z -]*>/i.test(line))).toEqual([]);
  });

  it('runs in bash to its end: the ticket is closed, and nothing is written into the checkout', () => {
    const before = checkoutState();
    const script = walkThrough
      .replace(/^API=.*$/m, `API=${urls.api}`)
      .replace(/^SMTP=.*$/m, `SMTP=${urls.smtp}`);
    // The stack runs on a data folder of its own: the token command is given the same one, as the README says.
    const shim = 'npm() { if [ "$1 $2 $3" = "run -s token" ]; then command npm "$@" --data "$DATA"; else command npm "$@"; fi; }\n';
    const out = execFileSync('bash', ['-c', `set -euo pipefail\n${shim}${script}`], {
      cwd: ROOT, env: { ...newTerminal(), DATA: dataDir }, encoding: 'utf8', timeout: 120_000,
    });
    const lines = out.trim().split('\n');
    expect(lines.filter((l) => /^"[a-z-]+"$/.test(l))).toEqual(['"in-progress"', '"pending-customer"', '"in-progress"', '"resolved"', '"closed"']);
    expect(lines.filter((l) => /^\d{4}-/.test(l))).toEqual(['2030-01-06T08:00:00.000Z', '2030-01-08T08:00:00.000Z', '2030-01-17T08:00:00.000Z']); // the clock, one line each
    expect(out).toContain('"sentAt": "2030-01-08T08:00:00.000Z"'); // the reminder, on the stack's clock
    expect(checkoutState()).toBe(before);
  }, 150_000);

  it('GET /_local/mail gives every email its send time on the stack\'s clock (2030), not the machine\'s', async () => {
    const mail = (await (await fetch(`${urls.api}/_local/mail`)).json()) as { subject: string; sentAt: string }[];
    expect(mail.length).toBeGreaterThan(0);
    for (const email of mail) expect(email.sentAt).toMatch(/^2030-01-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const clock = (await (await fetch(`${urls.api}/_local/clock`)).json()) as { now: string };
    expect(mail.every((e) => e.sentAt <= clock.now)).toBe(true);
    expect(new Set(mail.map((e) => e.sentAt)).size).toBeGreaterThan(1); // sent at different instants of the walk-through
  });
});

describe('the local API checks tokens as the desk does', () => {
  const call = async (token: string) => (await fetch(`${urls.api}/tickets`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('takes an ID token of a known group; refuses an access token (token_use access) and a group named customer,admin', async () => {
    const key = await loadSigningKey(dataDir);
    expect(await call(await signToken(key, { role: 'admin', email: 'admin@center.example' }))).toBe(200);
    const forged = (claims: Record<string, unknown>) => new SignJWT({ email: 'dana@acme.example', 'custom:organisation': 'acme', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid }).setSubject('local-dana').setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE)
      .setIssuedAt().setExpirationTime('1h').sign(key.privateKey);
    expect(await call(await forged({ 'cognito:groups': ['admin'], token_use: 'access' }))).toBe(401);
    expect(await call(await forged({ 'cognito:groups': ['customer,admin'], token_use: 'id' }))).toBe(401);
    expect(await call(await forged({ 'cognito:groups': ['customer'], token_use: 'id' }))).toBe(200);
  });
});
