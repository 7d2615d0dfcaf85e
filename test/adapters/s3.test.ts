// The signed-fetch S3 adapter against a real HTTP server on 127.0.0.1 that answers like S3: what
// goes over the wire (method, path, headers, body), that its SigV4 signature is the one S3 would
// compute, presigned URLs, the mapping of S3's answers, and the retries.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { envS3Config, S3Bucket, S3Error, type S3Config } from '../../functions/adapters/s3.js';
import { expectedAuthorization, expectedPresignedSignature, s3Error, startS3Server, type S3Server } from '../support/s3-server.js';

const CREDS = { accessKeyId: 'AKIAEXAMPLEEXAMPLE', secretAccessKey: 'dummy-secret', sessionToken: 'tok/en+=' };
const REGION = 'eu-west-1';
let server: S3Server;
let config: S3Config;
beforeAll(async () => {
  server = await startS3Server();
  config = { credentials: () => CREDS, region: () => REGION, endpoint: server.endpoint, backoffMs: () => 0 };
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.answer(() => ({ status: 200 }));
});
const bucket = () => new S3Bucket('mail', config);
const last = () => server.requests.at(-1)!;

describe('S3Bucket: signed requests', () => {
  it('PUTs an object under its key encoded per segment, with its type and length, signed as S3 checks it', async () => {
    await bucket().putObject('attachments/t 1/ü(1).pdf', Buffer.from('%PDF-1.7'), 'application/pdf');
    const r = last();
    expect([r.method, r.rawUrl]).toEqual(['PUT', '/mail/attachments/t%201/%C3%BC%281%29.pdf']);
    expect(r.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-length': '8', 'x-amz-security-token': CREDS.sessionToken });
    expect(r.body.toString()).toBe('%PDF-1.7');
    expect(r.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=[^,]*content-type[^,]*, Signature=[0-9a-f]{64}$/);
    expect(r.headers.authorization).toBe(await expectedAuthorization(r, CREDS, REGION));
  });

  it('a signature made with other credentials does not verify (the check can fail)', async () => {
    await bucket().putObject('k', Buffer.from('x'), 'text/plain');
    expect(last().headers.authorization).not.toBe(await expectedAuthorization(last(), { ...CREDS, secretAccessKey: 'other' }, REGION));
  });

  it('GETs bytes with a range and If-None-Match; a 304 is S3Error NotModified', async () => {
    server.answer(() => ({ status: 206, headers: { etag: '"v1"', 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50]) }));
    expect(await bucket().getObject('uploads/1', { range: 'bytes=0-1', ifNoneMatch: '"v0"' })).toEqual({ bytes: Buffer.from([0x89, 0x50]), etag: '"v1"', contentType: 'image/png' });
    expect(last()).toMatchObject({ method: 'GET', rawUrl: '/mail/uploads/1', headers: { range: 'bytes=0-1', 'if-none-match': '"v0"' } });
    expect(last().headers.authorization).toBe(await expectedAuthorization(last(), CREDS, REGION));
    server.answer(() => ({ status: 304 }));
    await expect(bucket().getObject('uploads/1', { ifNoneMatch: '"v1"' })).rejects.toMatchObject({ name: 'NotModified', status: 304 });
  });

  it('maps S3 error bodies: a missing key is S3Error NoSuchKey 404, not retried', async () => {
    server.answer(() => s3Error(404, 'NoSuchKey', 'The specified key does not exist.'));
    const error = await bucket().getObject('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect(error).toMatchObject({ name: 'NoSuchKey', status: 404, message: 'The specified key does not exist.' });
    expect(server.requests).toHaveLength(1);
  });

  it('HEAD: size and type; a missing key (no body on a HEAD) is S3Error NotFound, a 403 Forbidden', async () => {
    server.answer(() => ({ status: 200, headers: { 'content-length': '12', 'content-type': 'text/plain' } }));
    expect(await bucket().headObject('uploads/1')).toEqual({ size: 12, contentType: 'text/plain' });
    expect(last().method).toBe('HEAD');
    server.answer(() => ({ status: 404 }));
    await expect(bucket().headObject('uploads/2')).rejects.toMatchObject({ name: 'NotFound', status: 404 });
    server.answer(() => ({ status: 403 }));
    await expect(bucket().headObject('uploads/3')).rejects.toMatchObject({ name: 'Forbidden', status: 403 });
  });

  it('copies with x-amz-copy-source as given (signed), and retries a copy whose 200 carries an error', async () => {
    let calls = 0;
    server.answer(() => (++calls === 1 ? { status: 200, body: '<Error><Code>InternalError</Code><Message>retry</Message></Error>' } : { status: 200, body: '<CopyObjectResult><ETag>"e"</ETag></CopyObjectResult>' }));
    await bucket().copyObject('mail/uploads/a%20b', 'attachments/api/1');
    expect(server.requests).toHaveLength(2);
    expect(last()).toMatchObject({ method: 'PUT', rawUrl: '/mail/attachments/api/1', headers: { 'x-amz-copy-source': 'mail/uploads/a%20b' } });
    expect(last().headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-copy-source/);
    expect(last().headers.authorization).toBe(await expectedAuthorization(last(), CREDS, REGION));
  });

  it('tags an object: ?tagging with the TagSet XML and its Content-MD5', async () => {
    await bucket().putObjectTagging('a/b.pdf', { orphan: 'true' });
    const r = last();
    expect([r.method, r.path, [...r.query.keys()]]).toEqual(['PUT', '/mail/a/b.pdf', ['tagging']]);
    expect(r.body.toString()).toContain('<TagSet><Tag><Key>orphan</Key><Value>true</Value></Tag></TagSet>');
    expect(r.headers['content-md5']).toBe(createHash('md5').update(r.body).digest('base64'));
    expect(r.headers.authorization).toBe(await expectedAuthorization(r, CREDS, REGION));
  });
});

describe('S3Bucket: retries (network errors, 5xx, 429; three attempts as the SDK)', () => {
  it('retries a 503 SlowDown, then succeeds', async () => {
    let calls = 0;
    server.answer(() => (++calls === 1 ? s3Error(503, 'SlowDown') : { status: 200, headers: { etag: '"x"' }, body: 'ok' }));
    expect((await bucket().getObject('k')).bytes.toString()).toBe('ok');
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('retries a dropped connection and a 429, and gives up after three attempts with the last error', async () => {
    let calls = 0;
    server.answer(() => (++calls === 1 ? 'reset' : calls === 2 ? s3Error(429, 'TooManyRequests') : { status: 200 }));
    await bucket().putObject('k', Buffer.from('x'), 'text/plain');
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    server.answer(() => s3Error(500, 'InternalError', 'boom'));
    await expect(bucket().putObject('k', Buffer.from('x'), 'text/plain')).rejects.toMatchObject({ name: 'InternalError', status: 500 });
    expect(server.requests).toHaveLength(3);
  });

  it('waits the backoff between attempts (the SDK\'s full jitter unless set)', async () => {
    const waits: number[] = [];
    server.answer(() => s3Error(503, 'SlowDown'));
    await expect(new S3Bucket('mail', { ...config, backoffMs: (attempt) => (waits.push(attempt), 0) }).headObject('k')).rejects.toMatchObject({ status: 503 });
    expect(waits).toEqual([1, 2]);
  });
});

describe('S3Bucket: credentials and addresses', () => {
  it('reads the Lambda environment at every call, so rotated credentials are used', async () => {
    const env: Record<string, string | undefined> = { AWS_ACCESS_KEY_ID: 'AKIAFIRST', AWS_SECRET_ACCESS_KEY: 's1', AWS_SESSION_TOKEN: 't1', AWS_REGION: 'il-central-1', AWS_ENDPOINT_URL_S3: server.endpoint };
    const s3 = new S3Bucket('mail', envS3Config(env));
    await s3.putObject('k', Buffer.from('x'), 'text/plain');
    expect(last().headers).toMatchObject({ 'x-amz-security-token': 't1' });
    expect(last().headers.authorization).toContain('Credential=AKIAFIRST/');
    expect(last().headers.authorization).toBe(await expectedAuthorization(last(), { accessKeyId: 'AKIAFIRST', secretAccessKey: 's1', sessionToken: 't1' }, 'il-central-1'));
    Object.assign(env, { AWS_ACCESS_KEY_ID: 'AKIASECOND', AWS_SECRET_ACCESS_KEY: 's2', AWS_SESSION_TOKEN: 't2' });
    await s3.putObject('k', Buffer.from('x'), 'text/plain');
    expect(last().headers.authorization).toBe(await expectedAuthorization(last(), { accessKeyId: 'AKIASECOND', secretAccessKey: 's2', sessionToken: 't2' }, 'il-central-1'));
    delete env.AWS_SECRET_ACCESS_KEY;
    await expect(s3.putObject('k', Buffer.from('x'), 'text/plain')).rejects.toThrow('AWS_SECRET_ACCESS_KEY');
  });

  it('presigns a PUT on the virtual-hosted address, Content-Type and Content-Length signed, no checksum of an empty body', async () => {
    const url = new URL(await new S3Bucket('mail-bucket', { ...config, endpoint: undefined }).presign('PUT', 'uploads/0b7c x', {
      expiresInSeconds: 900, signingDate: new Date('2030-01-06T08:00:00Z'), headers: { 'content-type': 'image/png', 'content-length': '2048' },
    }));
    expect(`${url.origin}${url.pathname}`).toBe('https://mail-bucket.s3.eu-west-1.amazonaws.com/uploads/0b7c%20x');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', 'X-Amz-Credential': 'AKIAEXAMPLEEXAMPLE/20300106/eu-west-1/s3/aws4_request',
      'X-Amz-Date': '20300106T080000Z', 'X-Amz-Expires': '900', 'X-Amz-Security-Token': CREDS.sessionToken,
      'X-Amz-SignedHeaders': 'content-length;content-type;host', 'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const headers = { 'content-type': 'image/png', 'content-length': '2048' };
    expect(url.searchParams.get('X-Amz-Signature')).toBe(await expectedPresignedSignature(url, 'PUT', headers, CREDS, REGION));
    expect(url.searchParams.get('X-Amz-Signature')).not.toBe(await expectedPresignedSignature(url, 'PUT', { ...headers, 'content-length': '2049' }, CREDS, REGION));
  });

  it('presigns a GET whose query (the response headers S3 sets) is signed too', async () => {
    const url = new URL(await new S3Bucket('mail-bucket', { ...config, endpoint: undefined }).presign('GET', 'attachments/api/1', {
      expiresInSeconds: 300, signingDate: new Date('2030-01-06T08:00:00Z'), query: { 'response-content-disposition': 'attachment; filename="a b.log"', 'response-content-type': 'text/plain' },
    }));
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="a b.log"');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(await expectedPresignedSignature(url, 'GET', {}, CREDS, REGION));
  });
});
