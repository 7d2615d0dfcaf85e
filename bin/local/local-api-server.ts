// The HTTP API on 127.0.0.1: routes.ts's paths and methods mapped to the handlers, the JWT
// authorizer's check and answers (401 `{"message":"Unauthorized"}`, 404 `{"message":"Not Found"}`
// as API Gateway words them), and the local stack's own /_local/… endpoints.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toHttpEvent } from './http-event.js';
import { verifyBearer, type LocalSigningKey } from './local-auth.js';
import { matchRoute, type MountedRoute } from './route-handlers.js';

export type LocalAnswer = { status: number; body: unknown };

export type ApiWiring = {
  readonly routes: readonly MountedRoute[];
  readonly key: LocalSigningKey;
  readonly now: () => string;
  /** /_local/… requests; null: not one of them (404). */
  local(method: string, path: string, body: unknown): Promise<LocalAnswer | null>;
  /** After a request that may have written (not GET): the manual clock settles the outbox here. */
  afterWrite(): Promise<void>;
  readonly log: (message: string, error?: unknown) => void;
};

export type ApiServer = {
  readonly server: Server;
  readonly port: number;
  /** Requests before this get 503: the server binds first, so a taken port fails before anything starts. */
  serve(wiring: ApiWiring): void;
  stop(): Promise<void>;
};

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use: pass --port 0 or another port`);
    this.name = 'PortInUseError';
  }
}

const MAX_BODY_BYTES = 10 * 1024 * 1024; // HTTP API's payload limit

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const readBody = async (req: IncomingMessage): Promise<Buffer | null> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

async function answer(wiring: ApiWiring, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQueryString = q < 0 ? '' : target.slice(q + 1);
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  if (body === null) return send(res, 413, { message: 'Request Entity Too Large' });

  if (rawPath.startsWith('/_local/')) {
    let parsed: unknown = undefined;
    try {
      parsed = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      return send(res, 400, { message: 'the body is not JSON' });
    }
    const local = await wiring.local(method, rawPath, parsed);
    return local ? send(res, local.status, local.body) : send(res, 404, { message: 'Not Found' });
  }

  const match = matchRoute(wiring.routes, method, rawPath);
  if (!match) return send(res, 404, { message: 'Not Found' });
  const claims = match.route.auth ? await verifyBearer(wiring.key, req.headers.authorization) : null;
  if (match.route.auth && !claims) return send(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
  // A route open to anonymous callers (tokenOptional): a token sent is verified here, as the
  // function verifies it in AWS; a bad one is a 401, never a quiet anonymous call.
  const optionalClaims = match.route.tokenOptional && req.headers.authorization ? await verifyBearer(wiring.key, req.headers.authorization) : null;
  if (match.route.tokenOptional && req.headers.authorization && !optionalClaims) return send(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer error="invalid_token"' });

  const event = toHttpEvent({ req, rawPath, rawQueryString, routeKey: match.route.routeKey, pathParameters: match.pathParameters, body, claims: claims ?? optionalClaims, at: wiring.now() });
  const result = await match.route.handler(event);
  if (method !== 'GET') await wiring.afterWrite();
  const headers: Record<string, string | string[]> = { 'content-type': 'application/json', ...result.headers };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode, headers);
  res.end(result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

/** Binds 127.0.0.1:`port` (0: a free one); a taken port is a PortInUseError. */
export async function listenApi(port: number): Promise<ApiServer> {
  let wiring: ApiWiring | null = null;
  const server = createServer((req, res) => {
    if (!wiring) return send(res, 503, { message: 'the local stack is starting' });
    const w = wiring;
    answer(w, req, res).catch((error: unknown) => {
      w.log(`api: ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    serve: (w) => { wiring = w; },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
