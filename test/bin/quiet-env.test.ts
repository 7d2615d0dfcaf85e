// No warning noise (issue 13, item 5): the AWS SDK's Node.js version warning is silenced by the
// switch it documents (bin/quiet-env.mjs), set by the launcher every local entry point runs
// through; a handler's first import, in a fresh process, prints nothing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QUIET_ENV } from '../../bin/quiet-env.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** This process's environment without the switches: what a new terminal has. */
const plainEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, TABLE_NAME: 'quiet-env-test' };
  for (const name of Object.keys(QUIET_ENV)) delete env[name];
  return env;
};

// A handler module builds its DynamoDB client at import (a cold start), which is when the SDK warns.
const HANDLER = 'functions/handlers/http/get-ticket.ts';

describe('no warning noise', () => {
  it("a handler's first import through the launcher prints nothing at all", () => {
    const run = spawnSync(process.execPath, ['bin/launch.mjs', HANDLER], { cwd: ROOT, env: plainEnv(), encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
  }, 60_000);

  it.runIf(NODE_MAJOR < 22)('without the switch the same import warns on this Node.js (what the check would catch)', () => {
    const script = `await import(${JSON.stringify(path.join(ROOT, 'node_modules/.cache/support-desk/functions_handlers_http_get-ticket.mjs'))});`;
    spawnSync(process.execPath, ['bin/launch.mjs', HANDLER], { cwd: ROOT, env: plainEnv() }); // the bundle exists
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: plainEnv(), encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toMatch(/NodeVersionSupportWarning/);
  }, 60_000);
});
