import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { sealMessage } from 'mailauth/lib/arc/index.js';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateSender, type DnsResolver } from '../../../functions/adapters/mail/authenticate-sender.js';
import { signAsTestSender, tableResolver, TEST_DKIM, testDomainRecords } from '../../../bin/local/local-dns.js';
import { BUNDLE_ALIASES } from '../../../lib/bundle-aliases.js';
import { BUNDLING, PROJECT_ROOT } from '../../../lib/support-function.js';

// The aliases (lib/bundle-aliases.ts) only act in bundles: vitest runs the real packages. So the
// DKIM verifier is bundled here as synth bundles it, and each case runs through the bundle and
// through the sources, expecting the same answer (issue 13: the stubs proven on the real path).
const NOW = '2026-06-07T07:00:00Z';
const MAILAUTH_LIBMIME = join(PROJECT_ROOT, 'node_modules', 'mailauth', 'node_modules', 'libmime', 'lib', 'libmime.js');
const options: BuildOptions = {
  bundle: true, platform: 'node', format: BUNDLING.format, target: BUNDLING.target, mainFields: [...BUNDLING.mainFields], minify: BUNDLING.minify,
  banner: { js: BUNDLING.banner }, logLevel: 'error', alias: { ...BUNDLE_ALIASES },
};

type Bundled = {
  authenticateSender: typeof authenticateSender;
  libmime: { parseHeaderValue(text: string): { value: string; params: Record<string, string> } };
  traced: <T>(client: T) => T;
  DynamoDBClient: new (config: { region: string }) => { middlewareStack: { identify(): string[] } };
};
const sourceLibmime = createRequire(import.meta.url)(MAILAUTH_LIBMIME) as Bundled['libmime'];

let dir: string;
let bundled: Bundled;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bundle-aliases-'));
  const outfile = join(dir, 'dkim.mjs');
  await build({
    ...options, outfile,
    stdin: {
      resolveDir: PROJECT_ROOT, sourcefile: 'dkim-entry.ts', loader: 'ts',
      // `libmime` by its package name, as mailauth requires it: the alias gives the stand-in
      contents: [
        "export { authenticateSender } from './functions/adapters/mail/authenticate-sender.ts';",
        "export { default as libmime } from 'libmime';",
        "export { traced } from './functions/adapters/tracing.ts';", // Powertools' Tracer, with the semver stand-in
        "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      ].join('\n'),
    },
  });
  // The Tracer traces only in Lambda (AWS_EXECUTION_ENV); global https patching stays off in a test process
  const saved = { ...process.env };
  Object.assign(process.env, { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'false' });
  try {
    bundled = (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as Bundled;
  } finally {
    for (const key of ['AWS_EXECUTION_ENV', 'POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS']) if (saved[key] === undefined) delete process.env[key]; else process.env[key] = saved[key];
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the inbound-mail bundle carries the stand-ins, not the packages', () => {
  it('inbound-mail.ts bundles without libmime, iconv-lite, encoding-japanese, joi, @hapi/*, semver or tldts, and with the stand-ins of what it uses', async () => {
    const result = await build({ ...options, entryPoints: [join(PROJECT_ROOT, 'functions', 'handlers', 'inbound-mail.ts')], outfile: join(dir, 'inbound.mjs'), write: false, metafile: true });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.filter((f) => /node_modules\/(?:libmime|iconv-lite|encoding-japanese|joi|@hapi|tldts|semver)\//.test(f))).toEqual([]);
    // semver's stand-in serves Powertools' Tracer, which this function goes without (functions/adapters/tracing.ts);
    // node:stream/web's serves middy, which only the API functions use (test/adapters/bundle-stream-web.test.ts).
    const used = Object.entries(BUNDLE_ALIASES).filter(([name, p]) => !['semver', 'node:stream/web'].includes(name) && p.startsWith(PROJECT_ROOT)).map(([, p]) => p.slice(PROJECT_ROOT.length));
    expect(inputs.filter((f) => f.includes('bundle-stubs/')).sort()).toEqual(used.sort());
    expect(inputs.some((f) => f.includes('mailauth/lib/dkim/dkim-verifier.js'))).toBe(true); // the verifier itself is there
  }, 60_000);
});

describe('R-MAIL-1: DKIM verification gives the same answers through the bundle as from the sources', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaPublic = rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const resolver: DnsResolver = tableResolver({
    ...testDomainRecords('acme.example'),
    'rsa._domainkey.acme.example': `v=DKIM1; k=rsa; p=${rsaPublic}`,
    // the Ed25519 test key (44 characters, one '=') without its padding, which Joi's check allows here
    'unpadded._domainkey.acme.example': `v=DKIM1; k=ed25519; p=${TEST_DKIM.publicKey.replace(/=+$/, '')}`,
    // the right key with a character base64 does not have: Node's decoder would skip it, the check must not
    'broken._domainkey.acme.example': `v=DKIM1; k=ed25519; p=${TEST_DKIM.publicKey.slice(0, 20)}*${TEST_DKIM.publicKey.slice(20)}`,
  });
  const mime = (headers = '', body = 'confirm') =>
    `From: Dana <dana@acme.example>\r\nTo: support+T-1001@support.center.example\r\nSubject: Re: [T-1001] Sync\r\nDate: Sun, 7 Jun 2026 10:00:00 +0300\r\nMessage-ID: <m1@acme.example>\r\n${headers}\r\n${body}\r\n`;
  const sign = async (raw: string, selector: string, privateKey: string, algorithm: string) => {
    const { signatures } = await dkimSign(Buffer.from(raw), {
      canonicalization: 'relaxed/relaxed', signTime: new Date(NOW), signatureData: [{ signingDomain: 'acme.example', selector, privateKey, algorithm }],
    } as Parameters<typeof dkimSign>[1]);
    return Buffer.concat([Buffer.from(signatures), Buffer.from(raw)]);
  };
  const signRsa = (raw: string, selector: string) => sign(raw, selector, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'rsa-sha256');
  const signEd25519 = (raw: string, selector: string) => sign(raw, selector, TEST_DKIM.privateKey, 'ed25519-sha256');
  const both = async (raw: Buffer) => {
    const input = { raw, fromAddress: 'dana@acme.example', envelopeFrom: null, receipt: {}, resolver, now: NOW };
    const [fromBundle, fromSources] = [await bundled.authenticateSender(input), await authenticateSender(input)];
    expect(fromBundle).toEqual(fromSources);
    return fromBundle;
  };

  it('an Ed25519 signature verifies', async () => {
    expect(await both(await signAsTestSender(mime(), 'acme.example', new Date(NOW)))).toMatchObject({ authenticated: true, method: 'aligned-dkim' });
  });

  it('an RSA signature verifies', async () => {
    expect(await both(await signRsa(mime(), 'rsa'))).toMatchObject({ authenticated: true, method: 'aligned-dkim' });
  });

  it('a key record without its base64 padding is read (the Joi stand-in\'s check, paddingRequired: false)', async () => {
    expect(await both(await signEd25519(mime(), 'unpadded'))).toMatchObject({ authenticated: true, method: 'aligned-dkim' });
  });

  it('refused: a key record that is not base64 (though Node would decode it), and a body changed after signing', async () => {
    const broken = await both(await signEd25519(mime(), 'broken'));
    expect(broken.authenticated).toBe(false);
    expect(broken.dkim[0]!.result).not.toBe('pass');
    const changed = await both(Buffer.from((await signRsa(mime('', 'not solved'), 'rsa')).toString().replace('not solved', 'confirm')));
    expect(changed.authenticated).toBe(false);
  });

  it('an ARC-sealed message (a forwarder\'s seal over the sender\'s signature) gets the same answers', async () => {
    const signed = await signRsa(mime(), 'rsa');
    const seal = await sealMessage(signed, {
      signingDomain: 'acme.example', selector: 'rsa', privateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      authResults: 'mx.acme.example; dkim=pass header.d=acme.example', cv: 'none', signTime: new Date(NOW),
    } as Parameters<typeof sealMessage>[1]);
    expect(seal.length).toBeGreaterThan(0);
    const auth = await both(Buffer.concat([seal, signed]));
    expect(auth).toMatchObject({ authenticated: true, method: 'aligned-dkim' });
  });

  it('a multipart message whose Content-Type parameters name charsets (RFC 2231, encoded words) verifies', async () => {
    const headers = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"; name*=windows-1255''%F9%EC%E5%ED; title=\"=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?=\"\r\n";
    const body = ['--b1', 'Content-Type: text/plain; charset=utf-8', '', 'confirm', '--b1--'].join('\r\n');
    expect(await both(await signRsa(mime(headers, body), 'rsa'))).toMatchObject({ authenticated: true, method: 'aligned-dkim' });
  });
});

describe('the libmime stand-in parses a Content-Type as libmime does (the boundary the verifier looks for)', () => {
  it.each([
    'text/plain',
    'text/plain; charset=utf-8',
    'multipart/mixed; boundary="----=_Part_0_123.456"',
    'multipart/alternative;\r\n boundary="b1"; charset=UTF-8',
    'Multipart/Related; type="text/html"; BOUNDARY=abc',
    'multipart/mixed; boundary="a;b=c"',
    'multipart/mixed; boundary="with \\"escaped\\" quotes"',
    'text/plain; name*0="long "; name*1="file.txt"',
    "text/plain; name*=windows-1255''%F9%EC%E5%ED.txt",
    "text/plain; name*0*=iso-8859-8-i''%F9%EC; name*1*=%E5%ED; name*2=.txt",
    "text/plain; name*=utf-8'he'%D7%A9%D7%9C%D7%95%D7%9D",
    "text/plain; name*=x-no-such-charset''abc",
    'text/plain; format=flowed; delsp=yes; emptykey',
    'text/plain;;charset=us-ascii;',
    'text/plain; a=1; emptykey; b=2',
    'text/plain; a = 1 ; =x',
    '',
  ])('%s', (header) => {
    expect(bundled.libmime.parseHeaderValue(header)).toEqual(sourceLibmime.parseHeaderValue(header));
  });
});

describe('the semver stand-in: the Tracer still wraps a client in the bundle, and gte answers as semver\'s', () => {
  const semver = createRequire(import.meta.url)('semver') as { gte(a: string, b: string): boolean };

  it('a DynamoDB client is traced in the bundle (aws-xray-sdk-core and cls-hooked load with the stand-in)', () => {
    const client = bundled.traced(new bundled.DynamoDBClient({ region: 'eu-west-1' }));
    expect(client.middlewareStack.identify().join(' ')).toMatch(/XRay/i);
  });

  const VERSIONS = ['0.0.0', '1.0.0', '1.0.1', '1.1.0', '2.0.0', '8.0.0', '8.0.0-pre', '10.0.0', '20.20.2', '24.4.1', 'v20.20.2', '1.0.0-alpha', '1.0.0-alpha.1',
    '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0+build.5', '1.0.0-1', '1.0.0-2', '1.0.0-10', '2.1119.0', '2.3.0'];
  it.each(VERSIONS)('gte(%s, each other version)', async (a) => {
    const { gte } = await import('../../../functions/adapters/mail/bundle-stubs/semver.js');
    for (const b of VERSIONS) expect([a, b, gte(a, b)]).toEqual([a, b, semver.gte(a, b)]);
  });

  it('an invalid version throws, as semver does', async () => {
    const { gte } = await import('../../../functions/adapters/mail/bundle-stubs/semver.js');
    expect(() => semver.gte('1.2', '1.0.0')).toThrow(TypeError);
    expect(() => gte('1.2', '1.0.0')).toThrow(TypeError);
  });
});
