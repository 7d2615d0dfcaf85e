import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
// tldts-experimental: the same public suffix list as tldts, packed as hashes: ~1.5 ms to load against
// ~17 ms (issue 13's cold start). A hash collision can only take a domain for a suffix, which makes
// alignment stricter, never looser; test/adapters/mail/organisational-domain.test.ts compares both.
import { getDomain } from 'tldts-experimental';

/**
 * A DNS TXT lookup as mailauth calls it: `(name, 'TXT')` to the record's strings, each record an
 * array of chunks. Injected, so tests and the local stack answer from a table and never reach the
 * network; in AWS it is `dns.promises.resolve`. A name without records throws `ENOTFOUND`/`ENODATA`.
 */
export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

/** SES receipt verdict statuses (`PASS`, `FAIL`, `GRAY`, `PROCESSING_FAILED`), as the receipt event carries them. */
export type ReceiptVerdicts = { spf?: string; dkim?: string; dmarc?: string };

export type SenderAuthInput = {
  raw: Buffer;
  /** The From header's address; null when the message has none. */
  fromAddress: string | null;
  /** The envelope MAIL FROM (SES `mail.source`), the domain SPF was checked for; empty for a bounce. */
  envelopeFrom: string | null;
  receipt: ReceiptVerdicts;
  resolver: DnsResolver;
  /** Signature timestamps and expiry are judged against it (no clock is read). */
  now: string;
};

export type DkimCheck = { domain: string; selector: string | null; result: string; aligned: boolean };

/** R-MAIL-1: whether From is authenticated, how, and the evidence, for the record and `mail inspect`. */
export type SenderAuth = {
  authenticated: boolean;
  /** `aligned-dkim`: a verified signature of From's organisational domain; `aligned-spf`: SES's SPF pass for an aligned MAIL FROM. */
  method: 'aligned-dkim' | 'aligned-spf' | null;
  fromDomain: string | null;
  dkim: DkimCheck[];
  spf: { verdict: string | null; domain: string | null; aligned: boolean };
  /** SES's DMARC verdict, recorded only: GRAY (no DMARC record) must never authenticate anything. */
  dmarc: string | null;
};

const domainOf = (address: string | null): string | null => {
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at > 0 ? address.slice(at + 1).toLowerCase().replace(/\.$/, '') || null : null;
};

/** The organisational domain (public suffix list, private suffixes included), or the domain itself. */
export const organisationalDomain = (domain: string): string => getDomain(domain, { allowPrivateDomains: true }) ?? domain;

/** DMARC relaxed alignment (RFC 7489 §3.1): the two domains share their organisational domain. */
export const isAligned = (a: string, b: string): boolean => organisationalDomain(a.toLowerCase()) === organisationalDomain(b.toLowerCase());

/**
 * R-MAIL-1: From is trusted only when an aligned DKIM signature verifies (checked here on the raw
 * message, keys read through `resolver`) or SPF passed for an aligned MAIL FROM (SES's verdict).
 * A domain without a DMARC record gets no benefit of the doubt; SES's DMARC FAIL vetoes. Never throws: a lookup or
 * parse failure is a failed check.
 */
export async function authenticateSender(input: SenderAuthInput): Promise<SenderAuth> {
  const fromDomain = domainOf(input.fromAddress);
  const envelopeDomain = domainOf(input.envelopeFrom);
  const spfVerdict = input.receipt.spf?.toUpperCase() ?? null;
  const spf = { verdict: spfVerdict, domain: envelopeDomain, aligned: !!(fromDomain && envelopeDomain && isAligned(fromDomain, envelopeDomain)) };
  const dkim = await verifyDkim(input, fromDomain);
  const base = { fromDomain, dkim, spf, dmarc: input.receipt.dmarc?.toUpperCase() ?? null };
  // SES's DMARC FAIL is the domain's own policy (strict alignment, say) saying no: it vetoes.
  if (!fromDomain || base.dmarc === 'FAIL') return { ...base, authenticated: false, method: null };
  if (dkim.some((d) => d.result === 'pass' && d.aligned)) return { ...base, authenticated: true, method: 'aligned-dkim' };
  if (spfVerdict === 'PASS' && spf.aligned) return { ...base, authenticated: true, method: 'aligned-spf' };
  return { ...base, authenticated: false, method: null };
}

const MAX_SIGNATURES = 5; // each costs a DNS lookup: a message with more is not trying to be verified

/** The DKIM-Signature fields of the header block (up to the first empty line). */
function countSignatures(raw: Buffer): number {
  const ends = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((i) => i >= 0);
  const head = raw.subarray(0, ends.length ? Math.min(...ends) : raw.length).toString('latin1');
  return head.match(/^dkim-signature[ \t]*:/gim)?.length ?? 0;
}

async function verifyDkim(input: SenderAuthInput, fromDomain: string | null): Promise<DkimCheck[]> {
  if (countSignatures(input.raw) > MAX_SIGNATURES) return [];
  try {
    const result = await dkimVerify(input.raw, { resolver: input.resolver, curTime: Date.parse(input.now) });
    return result.results.flatMap((r) => (r.signingDomain ? [{
      domain: r.signingDomain.toLowerCase(),
      selector: r.selector ?? null,
      result: r.status?.result ?? 'none',
      aligned: !!fromDomain && isAligned(r.signingDomain, fromDomain),
    }] : []));
  } catch {
    return []; // unreadable headers: no signature verified
  }
}
