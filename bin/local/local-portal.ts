// The portal on the local stack: the built web/ app, its /config.json (the local API, local
// sign-in), and the local sign-in endpoints, which exist only here: the deployed portal is static
// files and Cognito signs people in. Every other path without a file is the app (SPA fallback).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { signToken, type LocalSigningKey } from './local-auth.js';
import { PortInUseError } from './local-api-server.js';
import { SEED_CONTACTS, SEED_ORGANISATIONS, SEED_STAFF } from './seed-world.js';

export type LocalPerson = { email: string; name: string; role: string; organisationId: string | null; language: 'he' | 'en' };

/** Everyone the local sign-in offers: the seeded contacts, then the seeded staff. */
export function localPeople(): LocalPerson[] {
  const kindOf = new Map(SEED_ORGANISATIONS.map((o) => [o.id, o.kind]));
  const contacts = SEED_CONTACTS.map((c) => ({
    email: c.email, name: c.name, organisationId: c.organisationId, language: c.language,
    role: kindOf.get(c.organisationId) === 'partner' ? 'partner' : 'customer',
  }));
  const staff: LocalPerson[] = [
    ...([1, 2, 3] as const).map((tier) => ({ ...SEED_STAFF.tierDuty[tier], role: `agent-tier${tier}` })),
    { ...SEED_STAFF.tierDuty[4], name: 'Support Manager', role: 'support-manager' },
    { ...SEED_STAFF.hos, role: 'support-manager' },
    { ...SEED_STAFF.cco, role: 'customer-officer' },
  ].map((p) => ({ email: p.email, name: p.name, role: p.role, organisationId: null, language: p.language }));
  return [...contacts, ...staff];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
};

/** The same policy lib/portal.ts puts on CloudFront, with the local API as the one other origin. */
export const contentSecurityPolicy = (apiOrigin: string): string => [
  "default-src 'self'", `connect-src 'self' ${apiOrigin}`, "img-src 'self' data:", "style-src 'self'", "script-src 'self'",
  "font-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

export type PortalWiring = {
  /** The built app's folder, or why there is none; asked at the first request for a file. */
  readonly dist: () => Promise<string | { error: string }>;
  readonly apiUrl: string;
  readonly key: LocalSigningKey;
  readonly log: (message: string, error?: unknown) => void;
};

export type PortalServer = { readonly port: number; readonly url: string; serve(w: PortalWiring): void; stop(): Promise<void> };

const send = (res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
};
const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body), 'application/json');

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) return null;
  }
  try { return JSON.parse(text); } catch { return null; }
}

async function answer(w: PortalWiring, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
  const method = req.method ?? 'GET';
  if (pathname === '/config.json') {
    return json(res, 200, { apiUrl: w.apiUrl, auth: { kind: 'local', peopleUrl: '/_local/people', signInUrl: '/_local/sign-in' } });
  }
  if (pathname === '/_local/people' && method === 'GET') return json(res, 200, localPeople());
  if (pathname === '/_local/sign-in' && method === 'POST') {
    const email = String((await readJson(req) as { email?: unknown } | null)?.email ?? '').toLowerCase();
    const person = localPeople().find((p) => p.email === email);
    if (!person) return json(res, 404, { message: `no seeded person ${email}` });
    const idToken = await signToken(w.key, { role: person.role, email, organisationId: person.organisationId, locale: person.language, name: person.name });
    return json(res, 200, { idToken });
  }
  if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { message: 'Method Not Allowed' });
  const dist = await w.dist();
  if (typeof dist !== 'string') {
    return send(res, 503, `The portal is not built, so it cannot be served: ${dist.error}\n`, 'text/plain; charset=utf-8');
  }
  const headers = { 'content-security-policy': contentSecurityPolicy(new URL(w.apiUrl).origin), 'referrer-policy': 'strict-origin-when-cross-origin', 'x-frame-options': 'DENY' };
  const file = path.join(dist, path.normalize(pathname).replace(/^([/\\])+/, ''));
  if (file.startsWith(dist) && existsSync(file) && statSync(file).isFile()) {
    const immutable = pathname.startsWith('/assets/') ? { 'cache-control': 'public, max-age=31536000, immutable' } : { 'cache-control': 'no-cache' };
    return send(res, 200, readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream', { ...headers, ...immutable });
  }
  if (path.extname(pathname)) return send(res, 404, 'Not Found\n', 'text/plain; charset=utf-8');
  // SPA fallback: /tickets/T-1001 is the app, which routes it.
  return send(res, 200, readFileSync(path.join(dist, 'index.html')), TYPES['.html']!, { ...headers, 'cache-control': 'no-cache' });
}

/** Binds 127.0.0.1:`port` (0: a free one); serves 503 until `serve` is called. */
export async function listenPortal(port: number): Promise<PortalServer> {
  let wiring: PortalWiring | null = null;
  const server: Server = createServer((req, res) => {
    if (!wiring) return json(res, 503, { message: 'the local stack is starting' });
    const w = wiring;
    answer(w, req, res).catch((error: unknown) => {
      w.log(`portal: ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    serve: (w) => { wiring = w; },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
