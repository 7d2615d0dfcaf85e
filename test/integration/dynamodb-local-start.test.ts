// The start/stop contract of bin/local/dynamodb-local.ts that the local stack relies on.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbLocalError, startDynamoDbLocal } from '../../bin/local/dynamodb-local.js';
import { isPortFree } from '../../bin/local/find-free-port.js';

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen({ host: '0.0.0.0', port: 0 }, () => resolve((server.address() as { port: number }).port)));

describe('startDynamoDbLocal', () => {
  const path = process.env.PATH;
  afterEach(() => { process.env.PATH = path; });

  it('answers on 127.0.0.1 and frees its port on stop()', async () => {
    const local = await startDynamoDbLocal();
    expect(local.endpoint).toBe(`http://127.0.0.1:${local.port}`);
    expect(await isPortFree(local.port)).toBe(false);

    await local.stop();

    expect(await isPortFree(local.port)).toBe(true);
  });

  it('refuses a port another server holds instead of talking to that server', async () => {
    const other = createServer();
    const port = await listen(other);
    try {
      const failure = await startDynamoDbLocal({ port }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DynamoDbLocalError);
      expect((failure as DynamoDbLocalError).code).toBe('port-in-use');
    } finally {
      other.close();
    }
  });

  it('fails fast with java-missing when there is no java', async () => {
    process.env.PATH = '/nonexistent';

    const failure = await startDynamoDbLocal().catch((error: unknown) => error);

    expect((failure as DynamoDbLocalError).code).toBe('java-missing');
  });
});

/** The local addresses listening on `port` (Linux's /proc/net/tcp and tcp6, state 0A = LISTEN). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) found.push(local.split(':')[0]!);
    }
  }
  return found;
}
// 127.0.0.1 as /proc/net spells it: little-endian hex, alone (tcp) or IPv4-mapped (tcp6).
const LOOPBACK = ['0100007F', '0000000000000000FFFF00000100007F'];

describe.runIf(existsSync('/proc/net/tcp'))('DynamoDB Local listens on 127.0.0.1 only', () => {
  it('no socket of its port listens on another address (0.0.0.0, ::, or an interface)', async () => {
    const local = await startDynamoDbLocal();
    try {
      const addresses = listeningAddresses(local.port);
      expect(addresses.length).toBeGreaterThan(0);
      expect(addresses.filter((a) => !LOOPBACK.includes(a))).toEqual([]);
    } finally {
      await local.stop();
    }
  });
});
