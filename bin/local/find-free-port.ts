// Ports for local servers. DynamoDB Local has no host option (its Jetty binds 0.0.0.0), so a
// port is "free" only if 0.0.0.0 can take it, not just 127.0.0.1.
import { createServer } from 'node:net';

/** Binds host:port (port 0: any), reads the port and frees it again. */
const bindAndRelease = (host: string, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (bound ? resolve(bound) : reject(new Error('no port assigned'))));
    });
  });

/** A port free on 127.0.0.1 a moment ago; the race until the server binds it is accepted. */
export const findFreePort = (): Promise<number> => bindAndRelease('127.0.0.1', 0);

/** Whether every interface's `port` is free now. */
export const isPortFree = async (port: number): Promise<boolean> => {
  try {
    await bindAndRelease('0.0.0.0', port);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
    throw error;
  }
};
