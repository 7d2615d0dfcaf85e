// The HTTP API (payload 2.0) event API Gateway hands a Lambda integration, built from a Node
// request: raw path and query, lower-cased headers (repeated ones joined by commas), the
// decoded path parameters, the body as text, and the JWT authorizer's flattened claims.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HttpEvent } from '../../functions/handlers/http/types.js';

export type EventInput = {
  readonly req: IncomingMessage;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
  readonly body: Buffer;
  readonly claims: Record<string, string> | null;
  /** The request's instant (the stack's clock). */
  readonly at: string;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
/** requestContext.time as API Gateway writes it: `01/Jun/2026:08:06:40 +0000`. */
const gatewayTime = (d: Date) =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

export function toHttpEvent(input: EventInput): HttpEvent {
  const { req } = input;
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const query = new URLSearchParams(input.rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of query) queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  const at = new Date(input.at);
  const sourceIp = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  const event: HttpEvent = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: { method: req.method ?? 'GET', path: input.rawPath, protocol: `HTTP/${req.httpVersion}`, sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: input.routeKey,
      stage: '$default',
      time: gatewayTime(at),
      timeEpoch: at.getTime(),
      // The real authorizer also passes `scopes: null`; the handlers' type leaves it out.
      ...(input.claims ? { authorizer: { jwt: { claims: input.claims, scopes: null } as { claims: Record<string, unknown> } } } : {}),
    },
    isBase64Encoded: false,
  };
  // API Gateway leaves out what the request lacks rather than sending empty objects.
  if (Object.keys(input.pathParameters).length > 0) event.pathParameters = input.pathParameters;
  if (Object.keys(queryStringParameters).length > 0) event.queryStringParameters = queryStringParameters;
  if (input.body.length > 0) event.body = input.body.toString('utf8');
  return event;
}
