// Runs a long-lived child (the DynamoDB Local JVM) so that it cannot outlive this Node process,
// however Node ends: a test runner SIGTERMs its workers (no 'exit' event, no afterAll), a
// timeout SIGKILLs them. A POSIX sh watchdog holds a pipe from Node and stops the child when
// the pipe closes, which the kernel does on any death of Node.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const WATCHDOG = `
exec 3<&0
"$@" </dev/null &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
{ read -r _ <&3; kill -TERM "$pid" 2>/dev/null; } &
watcher=$!
exec 3<&-
status=0
wait "$pid" || status=$?
while kill -0 "$pid" 2>/dev/null; do wait "$pid" || status=$?; done
kill "$watcher" 2>/dev/null
exit "$status"
`;

/** sh exits 127 when the command is not found. */
export const COMMAND_NOT_FOUND = 127;

export type GuardedProcess = {
  readonly child: ChildProcess;
  /** Resolves when the watchdog (and so the command) has exited. */
  readonly exited: Promise<void>;
  /** SIGTERM, then SIGKILL to the whole group after `graceMs`; resolves once everything exited. */
  stop(graceMs: number): Promise<void>;
};

const live = new Set<number>();
// Belt and braces for a normal exit: kill the groups synchronously rather than wait for EOF.
process.on('exit', () => live.forEach((pid) => killGroup(pid, 'SIGKILL')));

const killGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
};

/** Spawns `command args` under the watchdog, in a process group of its own; stdout and stderr are piped. */
export const spawnGuarded = (command: string, args: readonly string[], options: Pick<SpawnOptions, 'cwd' | 'env'>): GuardedProcess => {
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'guarded', command, ...args], {
    ...options,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true, // its own group, so a SIGKILL reaches the command too
  });
  const pid = child.pid;
  if (pid !== undefined) live.add(pid);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // spawn failure: no 'exit' follows
  });
  void exited.then(() => pid !== undefined && live.delete(pid));

  const stop = async (graceMs: number) => {
    if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    child.stdin?.destroy();
  };
  return { child, exited, stop };
};
