// S3 as signed HTTP: the few object calls the desk makes (get, put, head, copy, tag, presign),
// SigV4-signed by @smithy/signature-v4 and sent with Node's fetch. The signer and its hash are
// already in every bundle through the DynamoDB client, so this costs a function ~4 KB where
// @aws-sdk/client-s3 and its presigner cost ~190 KB (issue 13, npm run bench:coldstart).
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';

/** What SigV4 signs with: an access key, its secret, and the session token of temporary credentials. */
export type S3Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export type S3Config = {
  /** Read at every call, so rotated credentials are used as soon as the environment has them. */
  credentials: () => S3Credentials;
  region: () => string;
  /** A stand-in for S3 (a test server): `<endpoint>/<bucket>/<key>`; none for `https://<bucket>.s3.<region>.amazonaws.com/<key>`. */
  endpoint?: string;
  /** The pause before retry `attempt` (1, 2): the SDK's standard full-jitter backoff unless a test sets it. */
  backoffMs?: (attempt: number) => number;
};

/** Lambda's own credentials and region, from its environment (AWS_ENDPOINT_URL_S3 as the SDK reads it). */
export function envS3Config(env: Record<string, string | undefined> = process.env): S3Config {
  return {
    credentials: () => {
      const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
      if (!accessKeyId || !secretAccessKey) throw new Error('S3: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set');
      return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
    },
    region: () => env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(env.AWS_ENDPOINT_URL_S3 ? { endpoint: env.AWS_ENDPOINT_URL_S3 } : {}),
  };
}

/** What S3 answered instead of success; `name` is S3's error code (NoSuchKey, AccessDenied; NotFound for a HEAD). */
export class S3Error extends Error {
  constructor(readonly status: number, code: string, message: string) {
    super(message);
    this.name = code;
  }
}

const MAX_ATTEMPTS = 3; // the SDK's standard retry mode
const sdkBackoff = (attempt: number) => Math.random() * Math.min(20_000, 100 * 2 ** attempt);
/** RFC 3986 unreserved characters kept, everything else percent-encoded (what SigV4 canonicalises to). */
const escape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const HEAD_CODES: Record<number, string> = { 304: 'NotModified', 403: 'Forbidden', 404: 'NotFound' };

type Request = { method: string; key: string; query?: Record<string, string>; headers?: Record<string, string>; body?: Buffer };
export type PresignOptions = { expiresInSeconds: number; signingDate: Date; query?: Record<string, string>; headers?: Record<string, string> };

/** One bucket. Network errors, 5xx and 429 are retried (three attempts in all); other answers throw S3Error. */
export class S3Bucket {
  private readonly signer: SignatureV4;

  constructor(readonly bucket: string, private readonly config: S3Config = envS3Config()) {
    this.signer = new SignatureV4({
      service: 's3', region: async () => config.region(), credentials: async () => config.credentials(),
      sha256: Sha256, uriEscapePath: false, applyChecksum: true,
    });
  }

  /** The object's bytes; `range` and `ifNoneMatch` as in HTTP. A 304 throws S3Error NotModified. */
  async getObject(key: string, opts: { range?: string; ifNoneMatch?: string } = {}): Promise<{ bytes: Buffer; etag: string | null; contentType: string | null }> {
    const headers: Record<string, string> = { ...(opts.range ? { range: opts.range } : {}), ...(opts.ifNoneMatch ? { 'if-none-match': opts.ifNoneMatch } : {}) };
    const response = await this.send({ method: 'GET', key, headers });
    return { bytes: Buffer.from(await response.arrayBuffer()), etag: response.headers.get('etag'), contentType: response.headers.get('content-type') };
  }

  async putObject(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.drain(this.send({ method: 'PUT', key, body, headers: { 'content-type': contentType } }));
  }

  /** Size and content type; a HEAD has no body, so a missing key is S3Error NotFound (403 Forbidden without s3:ListBucket). */
  async headObject(key: string): Promise<{ size: number; contentType: string | null }> {
    const response = await this.send({ method: 'HEAD', key });
    await response.body?.cancel();
    return { size: Number(response.headers.get('content-length') ?? 0), contentType: response.headers.get('content-type') };
  }

  /** `source` is the x-amz-copy-source value, `<bucket>/<key>` with the key URI-encoded. */
  async copyObject(source: string, to: string): Promise<void> {
    await this.drain(this.send({ method: 'PUT', key: to, headers: { 'x-amz-copy-source': source } }));
  }

  async putObjectTagging(key: string, tags: Record<string, string>): Promise<void> {
    const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const tagSet = Object.entries(tags).map(([k, v]) => `<Tag><Key>${xml(k)}</Key><Value>${xml(v)}</Value></Tag>`).join('');
    const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>${tagSet}</TagSet></Tagging>`);
    // S3 requires an integrity header on PutObjectTagging.
    const headers = { 'content-type': 'application/xml', 'content-md5': createHash('md5').update(body).digest('base64') };
    await this.drain(this.send({ method: 'PUT', key, query: { tagging: '' }, headers, body }));
  }

  /** A URL the browser uses without credentials; `headers` are signed, so it must send them exactly. */
  async presign(method: 'GET' | 'PUT', key: string, o: PresignOptions): Promise<string> {
    const request = this.request({ method, key, query: o.query, headers: { ...o.headers, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' } });
    const signed = await this.signer.presign(request, {
      expiresIn: o.expiresInSeconds, signingDate: o.signingDate, signableHeaders: new Set(Object.keys(o.headers ?? {})),
    });
    return this.url(signed.path, signed.query as Record<string, string>);
  }

  private request({ method, key, query = {}, headers = {}, body }: Request) {
    const base = new URL(this.config.endpoint ?? `https://${this.bucket}.s3.${this.config.region()}.amazonaws.com`);
    const prefix = this.config.endpoint ? `${base.pathname.replace(/\/$/, '')}/${escape(this.bucket)}` : '';
    const path = `${prefix}/${key.split('/').map(escape).join('/')}`;
    return {
      method, protocol: base.protocol, hostname: base.hostname, ...(base.port ? { port: Number(base.port) } : {}), path, query,
      headers: { ...headers, host: base.host, ...(body ? { 'content-length': String(body.length) } : {}) }, body,
    };
  }

  private url(path: string, query: Record<string, string>): string {
    const base = new URL(this.config.endpoint ?? `https://${this.bucket}.s3.${this.config.region()}.amazonaws.com`);
    const search = Object.keys(query).sort().map((k) => `${escape(k)}=${escape(query[k]!)}`).join('&');
    return `${base.protocol}//${base.host}${path}${search ? `?${search}` : ''}`;
  }

  private async drain(response: Promise<Response>): Promise<void> {
    await (await response).arrayBuffer();
  }

  private async send(r: Request): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      let outcome: Response | S3Error;
      try {
        outcome = await this.attempt(r);
      } catch (error) {
        if (!(error instanceof TypeError)) throw error; // fetch's network failure (reset, refused, DNS); anything else is ours
        if (attempt >= MAX_ATTEMPTS) throw error;
        outcome = new S3Error(0, 'NetworkError', error.message);
      }
      if (outcome instanceof Response) return outcome;
      const retryable = outcome.status === 0 || outcome.status >= 500 || outcome.status === 429;
      if (!retryable || attempt >= MAX_ATTEMPTS) throw outcome;
      await new Promise((resolve) => setTimeout(resolve, (this.config.backoffMs ?? sdkBackoff)(attempt)));
    }
  }

  private async attempt(r: Request): Promise<Response | S3Error> {
    const signed = await this.signer.sign(this.request(r));
    const { host: _host, ...headers } = signed.headers as Record<string, string>; // fetch sets Host itself
    const response = await fetch(this.url(signed.path, signed.query as Record<string, string>), { method: r.method, headers, body: r.body });
    if (!response.ok) return errorOf(response.status, r.method === 'HEAD' ? '' : await response.text());
    if (r.headers?.['x-amz-copy-source'] === undefined) return response;
    // CopyObject can fail after its 200 (S3 docs): the error comes in the body, and is retried like a 500.
    const text = await response.text();
    return text.includes('<Error>') ? errorOf(500, text) : new Response(text, { status: response.status, headers: response.headers });
  }
}

function errorOf(status: number, body: string): S3Error {
  const field = (name: string) => body.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1];
  const code = field('Code') ?? HEAD_CODES[status] ?? `Http${status}`;
  return new S3Error(status, code, field('Message') ?? `S3 answered ${status} ${code}`);
}
