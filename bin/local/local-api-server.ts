// The HTTP API on 127.0.0.1: routes.ts's paths and methods mapped to the handlers, the JWT
// authorizer's check, the $default route's 404 and 405, CORS for the configured portal origins
// only, and the local stack's own /_local/… endpoints (signed attachment URLs among them). Every
// error is problem+json (RFC 9457); in AWS the JWT authorizer's own 401 is the one exception
// (README, "The HTTP API").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_OBJECTS_PATH, type ObjectAnswer } from '../../functions/adapters/folder-attachment-storage.js';
import { HttpProblem, problemResponse, toProblem } from '../../functions/handlers/http/problem.js';
import { allowedMethods } from '../../functions/handlers/http/route-match.js';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS } from '../../functions/handlers/http/routes.js';
import type { EdgeProblemCode } from '../../functions/handlers/http/types.js';
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
  /** Signed attachment URLs (/_local/objects/<key>): the local stand-in for S3's presigned PUT and GET. */
  readonly objects?: { serve(method: string, key: string, query: URLSearchParams, contentType: string | undefined, body: Buffer, now: string): Promise<ObjectAnswer> };
  /** Origins a browser may call from (the portal's): CORS answers for these only; none by default. */
  readonly allowedOrigins?: readonly string[];
};

export { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS }; // as the HTTP API's corsPreflight (lib/support-api.ts) allows them
const CORS_MAX_AGE_S = 600;

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

/** An edge refusal as problem+json, worded as the API's own (problem.ts). */
const sendProblem = (res: ServerResponse, code: EdgeProblemCode, detail: string, headers: Record<string, string> = {}) => {
  const { problem, headers: extra } = toProblem(new HttpProblem(code, detail, [], headers), undefined);
  const answer = problemResponse(problem, extra);
  res.writeHead(answer.statusCode, answer.headers);
  res.end(answer.body);
};

/** The CORS headers of an answer to `origin`; none when it is not an allowed one. */
const corsFor = (wiring: Pick<ApiWiring, 'allowedOrigins'>, origin: string | undefined): Record<string, string> =>
  origin !== undefined && (wiring.allowedOrigins ?? []).includes(origin)
    ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(', '), vary: 'origin' }
    : {};

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
  const cors = corsFor(wiring, req.headers.origin);
  // Every answer to an allowed origin carries its CORS headers, problems included; every answer's
  // Date is the stack's clock (with --clock manual, not the machine's): the desk's countdowns count on it.
  const writeHead = res.writeHead.bind(res);
  res.writeHead = ((status: number, headers?: Record<string, string | string[]>) => writeHead(status, { date: new Date(wiring.now()).toUTCString(), ...headers, ...cors })) as typeof res.writeHead;

  if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) { // a CORS preflight
    if (Object.keys(cors).length === 0) return sendProblem(res, 'route-not-found', `no CORS for origin ${req.headers.origin ?? '(none)'}`);
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': CORS_ALLOW_HEADERS.join(', '),
      'access-control-max-age': String(CORS_MAX_AGE_S),
    });
    return void res.end();
  }

  const body = await readBody(req);
  if (body === null) return sendProblem(res, 'payload-too-large', `The body may be at most ${MAX_BODY_BYTES} bytes`);

  if (rawPath.startsWith(LOCAL_OBJECTS_PATH) && wiring.objects && (method === 'PUT' || method === 'GET')) {
    let key: string;
    try {
      key = rawPath.slice(LOCAL_OBJECTS_PATH.length).split('/').map(decodeURIComponent).join('/');
    } catch {
      return sendProblem(res, 'route-not-found', 'not an object key');
    }
    const type = req.headers['content-type'];
    const object = await wiring.objects.serve(method, key, new URLSearchParams(rawQueryString), type, body, wiring.now());
    res.writeHead(object.status, object.headers);
    return void res.end(object.body);
  }

  if (rawPath.startsWith('/_local/')) {
    let parsed: unknown = undefined;
    try {
      parsed = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      return sendProblem(res, 'malformed-json', 'the body is not JSON');
    }
    const local = await wiring.local(method, rawPath, parsed);
    return local ? send(res, local.status, local.body) : sendProblem(res, 'route-not-found', `No local endpoint ${method} ${rawPath}`);
  }

  const match = matchRoute(wiring.routes, method, rawPath);
  if (!match) {
    const allowed = allowedMethods(rawPath, wiring.routes);
    return allowed.length > 0
      ? sendProblem(res, 'method-not-allowed', `${rawPath} takes ${allowed.join(', ')}, not ${method}`, { allow: allowed.join(', ') })
      : sendProblem(res, 'route-not-found', `No route ${method} ${rawPath}`);
  }
  const claims = match.route.auth ? await verifyBearer(wiring.key, req.headers.authorization) : null;
  if (match.route.auth && !claims) {
    return sendProblem(res, 'unauthorized', req.headers.authorization ? 'The bearer token is not valid' : 'A bearer token is required', { 'www-authenticate': 'Bearer' });
  }
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
    if (!wiring) return void res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' }).end(JSON.stringify({ type: 'tag:support-desk,2026:problem:starting', title: 'Starting', status: 503, detail: 'the local stack is starting' }));
    const w = wiring;
    answer(w, req, res).catch((error: unknown) => {
      w.log(`api: ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) sendProblem(res, 'internal', 'An unexpected error occurred');
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
