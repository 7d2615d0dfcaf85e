import { describe, expect, it } from 'vitest';
import { authenticateSender, isAligned, type ReceiptVerdicts } from '../../../functions/adapters/mail/authenticate-sender.js';
import { signAsTestSender, tableResolver, testDomainRecords } from '../../../bin/local/local-dns.js';

const NOW = '2026-06-07T07:00:00Z';
const mime = (from: string, body = 'confirm') =>
  `From: Dana <${from}>\r\nTo: support+T-1001@support.center.example\r\nSubject: Re: [T-1001] Sync\r\nDate: Sun, 7 Jun 2026 10:00:00 +0300\r\nMessage-ID: <m1@acme.example>\r\n\r\n${body}\r\n`;
// acme publishes the key and DMARC; nodmarc.example the key only; evil.example its own key
const resolver = tableResolver({
  ...testDomainRecords('acme.example'), ...testDomainRecords('nodmarc.example', { dmarc: false }), ...testDomainRecords('evil.example'),
});
const check = (raw: Buffer | string, from: string, receipt: ReceiptVerdicts = {}, envelopeFrom: string | null = null) =>
  authenticateSender({ raw: Buffer.from(raw), fromAddress: from, envelopeFrom, receipt, resolver, now: NOW });

describe('R-MAIL-1: From is trusted only when its domain is authenticated (aligned DKIM or SPF)', () => {
  it('a good signature by the From domain authenticates it', async () => {
    const raw = await signAsTestSender(mime('dana@acme.example'), 'acme.example', new Date(NOW));
    const auth = await check(raw, 'dana@acme.example');
    expect(auth).toMatchObject({ authenticated: true, method: 'aligned-dkim', fromDomain: 'acme.example' });
    expect(auth.dkim).toEqual([{ domain: 'acme.example', selector: 'test', result: 'pass', aligned: true }]);
  });

  it('a signature of a subdomain aligns with its organisational domain (relaxed)', async () => {
    const raw = await signAsTestSender(mime('dana@mail.acme.example'), 'acme.example', new Date(NOW));
    expect(await check(raw, 'dana@mail.acme.example')).toMatchObject({ authenticated: true, method: 'aligned-dkim' });
  });

  it('a domain without a DMARC record: a good signature still authenticates, nothing else does', async () => {
    const raw = await signAsTestSender(mime('lee@nodmarc.example'), 'nodmarc.example', new Date(NOW));
    expect(await check(raw, 'lee@nodmarc.example')).toMatchObject({ authenticated: true, method: 'aligned-dkim' });
    // SES says GRAY for DMARC when there is no record, and DKIM PASS for some signature: neither is trust
    const forged = await check(mime('lee@nodmarc.example'), 'lee@nodmarc.example', { dkim: 'PASS', dmarc: 'GRAY', spf: 'GRAY' });
    expect(forged).toMatchObject({ authenticated: false, method: null, dmarc: 'GRAY' });
  });

  it('refused: a forged From with no signature', async () => {
    expect(await check(mime('dana@acme.example'), 'dana@acme.example')).toMatchObject({ authenticated: false, method: null, dkim: [] });
  });

  it('refused: a forged From signed by the forger\'s own domain (a valid signature, not aligned)', async () => {
    const raw = await signAsTestSender(mime('dana@acme.example'), 'evil.example', new Date(NOW));
    const auth = await check(raw, 'dana@acme.example', { dkim: 'PASS', spf: 'PASS' }, 'bounce@evil.example');
    expect(auth).toMatchObject({ authenticated: false, spf: { verdict: 'PASS', domain: 'evil.example', aligned: false } });
    expect(auth.dkim).toEqual([{ domain: 'evil.example', selector: 'test', result: 'pass', aligned: false }]);
  });

  it('refused: a signed message whose body was changed after signing', async () => {
    const raw = (await signAsTestSender(mime('dana@acme.example', 'not solved'), 'acme.example', new Date(NOW))).toString().replace('not solved', 'confirm');
    const auth = await check(raw, 'dana@acme.example');
    expect(auth.authenticated).toBe(false);
    expect(auth.dkim[0]).toMatchObject({ domain: 'acme.example', aligned: true });
    expect(auth.dkim[0]!.result).not.toBe('pass');
  });

  it('SES SPF PASS for an aligned MAIL FROM authenticates; for another domain, or not PASS, it does not', async () => {
    expect(await check(mime('dana@acme.example'), 'dana@acme.example', { spf: 'PASS' }, 'bounces@mail.acme.example'))
      .toMatchObject({ authenticated: true, method: 'aligned-spf' });
    expect((await check(mime('dana@acme.example'), 'dana@acme.example', { spf: 'PASS' }, 'x@evil.example')).authenticated).toBe(false);
    expect((await check(mime('dana@acme.example'), 'dana@acme.example', { spf: 'GRAY' }, 'dana@acme.example')).authenticated).toBe(false);
  });

  it('a key the resolver cannot find is a failed check, not an error', async () => {
    const raw = await signAsTestSender(mime('x@unknown.example'), 'unknown.example', new Date(NOW));
    const auth = await check(raw, 'x@unknown.example');
    expect(auth.authenticated).toBe(false);
    expect(auth.dkim[0]?.result).not.toBe('pass');
  });

  it('alignment compares organisational domains, public suffixes included', () => {
    expect(isAligned('mail.acme.co.il', 'acme.co.il')).toBe(true);
    expect(isAligned('acme.co.il', 'other.co.il')).toBe(false);
  });
});
