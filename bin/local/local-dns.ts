// The DNS the local stack's mail authentication reads (R-MAIL-1), answered from a table: no
// network, the same records a real domain publishes. The seeded customer domains publish a test
// DKIM key (selector `test`) and a DMARC record; local test senders sign with that key.
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import type { DnsResolver } from '../../functions/adapters/mail/authenticate-sender.js';

/**
 * A test-only Ed25519 DKIM key for the `.example` domains of the local stack and the tests: it signs
 * nothing outside them (`.example` is reserved, RFC 2606), so it is no secret.
 */
export const TEST_DKIM = {
  selector: 'test',
  privateKey: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHxJO/wT66XItHrVipjfSRgpagDwgI+2cJRoiXOwrRWh\n-----END PRIVATE KEY-----\n',
  publicKey: 'pPF7N3wX668OPIZqvaaiExhBSKPzX/xRAgIQwaWHCHI=',
} as const;

/** The TXT records of one domain: a DKIM key under `test._domainkey`, and DMARC unless `dmarc: false`. */
export const testDomainRecords = (domain: string, options: { dmarc?: boolean } = {}): Record<string, string> => ({
  [`${TEST_DKIM.selector}._domainkey.${domain}`]: `v=DKIM1; k=ed25519; p=${TEST_DKIM.publicKey}`,
  ...(options.dmarc === false ? {} : { [`_dmarc.${domain}`]: 'v=DMARC1; p=reject; adkim=r; aspf=r' }),
});

/** A resolver answering TXT from `records` (name → value); anything else is ENOTFOUND, as a missing name is. */
export function tableResolver(records: Readonly<Record<string, string>>): DnsResolver {
  const table = new Map(Object.entries(records).map(([name, value]) => [name.toLowerCase(), value]));
  return async (name, rrtype) => {
    const value = rrtype.toUpperCase() === 'TXT' ? table.get(name.toLowerCase().replace(/\.$/, '')) : undefined;
    if (value === undefined) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND', hostname: name });
    return [[value]];
  };
}

/** The mail domains of the seeded world (seed-world.ts): each publishes the test key and DMARC. */
export const SEEDED_MAIL_DOMAINS = ['acme.example', 'partner-one.example', 'globex.example', 'initech.example', 'css-co.example', 'lapsed.example'] as const;

/** The local stack's DNS: every domain of its seeded contacts publishes the test key and DMARC. */
export const localResolver = (domains: readonly string[]): DnsResolver =>
  tableResolver(Object.assign({}, ...domains.map((d) => testDomainRecords(d))));

/** Signs a raw message as `domain` with the test key (relaxed/relaxed), as a local test sender's server would. */
export async function signAsTestSender(raw: Buffer | string, domain: string, at: Date): Promise<Buffer> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
  const { signatures, errors } = await dkimSign(bytes, {
    canonicalization: 'relaxed/relaxed',
    signTime: at,
    signatureData: [{ signingDomain: domain, selector: TEST_DKIM.selector, privateKey: TEST_DKIM.privateKey, algorithm: 'ed25519-sha256' }],
  } as Parameters<typeof dkimSign>[1]);
  if (errors.length) throw new Error(`DKIM signing failed: ${errors.map((e) => e.message).join('; ')}`);
  return Buffer.concat([Buffer.from(signatures, 'utf8'), bytes]);
}
