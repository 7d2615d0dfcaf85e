// A stand-in for S3 on 127.0.0.1 (random port) that the S3 adapter (functions/adapters/s3.ts)
// really talks to: it records each request and answers from a script, like S3 would (status,
// XML error body, ETag). `signatureOf` recomputes a request's SigV4 signature independently of
// the adapter, from the recorded wire request and the credentials.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';

export type RecordedRequest = { method: string; path: string; query: URLSearchParams; rawUrl: string; headers: IncomingHttpHeaders; body: Buffer };
export type S3Answer = { status: number; headers?: Record<string, string>; body?: string | Buffer };
/** Answers the request; `'reset'` drops the connection (a network error). */
export type S3Script = (request: RecordedRequest) => S3Answer | 'reset';

/** An S3 error answer as S3 sends it. */
export const s3Error = (status: number, code: string, message = code): S3Answer => ({
  status, headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>R1</RequestId></Error>`,
});

export type S3Server = { endpoint: string; requests: RecordedRequest[]; answer: (script: S3Script) => void; close: () => Promise<void> };

export async function startS3Server(): Promise<S3Server> {
  const requests: RecordedRequest[] = [];
  let script: S3Script = () => ({ status: 200 });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded = { method: req.method ?? '', path: url.pathname, query: url.searchParams, rawUrl: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(recorded);
      const answer = script(recorded);
      if (answer === 'reset') return void req.socket.destroy();
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`, requests,
    answer: (next) => { script = next; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const signer = (credentials: AwsCredentialIdentity, region: string) =>
  new SignatureV4({ service: 's3', region, credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false });

const strict = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** S3's canonical path: each segment of the decoded path encoded once, RFC 3986 unreserved characters kept. */
const canonicalPath = (raw: string) => raw.split('/').map((segment) => strict(decodeURIComponent(segment))).join('/');
const AMZ_DATE = (d: string) => new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`);

/** The Authorization header S3 would expect for this recorded request: the headers it names, signed again. */
export async function expectedAuthorization(r: RecordedRequest, credentials: AwsCredentialIdentity, region: string): Promise<string> {
  const auth = String(r.headers.authorization ?? '');
  const signedHeaders = auth.match(/SignedHeaders=([^,]+)/)?.[1]?.split(';') ?? [];
  const headers = Object.fromEntries(signedHeaders.map((h) => [h, String(r.headers[h])]));
  // The payload hash is signed as the client claims it: it must be the body's.
  if (headers['x-amz-content-sha256'] !== createHash('sha256').update(r.body).digest('hex')) return 'x-amz-content-sha256 is not the body\'s hash';
  const query = Object.fromEntries(r.query.entries());
  const request = { method: r.method, protocol: 'http:', hostname: '127.0.0.1', path: canonicalPath(r.rawUrl.split('?')[0]!), query, headers, body: r.body };
  const signed = await signer(credentials, region).sign(request, { signingDate: AMZ_DATE(String(r.headers['x-amz-date'])) });
  return String(signed.headers.authorization);
}

/** The X-Amz-Signature S3 would expect for this presigned URL, recomputed from its other parameters. */
export async function expectedPresignedSignature(url: URL, method: string, headers: Record<string, string>, credentials: AwsCredentialIdentity, region: string): Promise<string> {
  const query = Object.fromEntries([...url.searchParams.entries()].filter(([k]) => !k.startsWith('X-Amz-')));
  // The payload hash goes in as the header the presigner hoists into the query.
  const request = {
    method, protocol: url.protocol, hostname: url.hostname, path: canonicalPath(url.pathname), query,
    headers: { ...headers, host: url.host, 'X-Amz-Content-Sha256': url.searchParams.get('X-Amz-Content-Sha256') ?? '' },
  };
  const signed = await signer(credentials, region).presign(request, {
    expiresIn: Number(url.searchParams.get('X-Amz-Expires')), signingDate: AMZ_DATE(url.searchParams.get('X-Amz-Date')!),
    signableHeaders: new Set(Object.keys(headers)),
  });
  return String(signed.query?.['X-Amz-Signature']);
}
