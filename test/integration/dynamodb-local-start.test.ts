// The start/stop contract of bin/local/dynamodb-local.ts that the local stack relies on.
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
