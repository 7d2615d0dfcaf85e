import { describe, expect, it } from 'vitest';
import { decisionOf, describeAuth } from '../../../functions/handlers/mail/mail-decisions.js';

describe('R-CLOSE-2: what a reply to a Resolved ticket decides', () => {
  it('an action link\'s address wins over the text', () => {
    expect(decisionOf({ plusAddressAction: 'confirm', intent: 'reopen' })).toBe('confirm');
    expect(decisionOf({ plusAddressAction: 'reject', intent: 'confirm' })).toBe('reject');
  });
  it('else the text\'s intent: confirm, or a rejection', () => {
    expect(decisionOf({ plusAddressAction: null, intent: 'confirm' })).toBe('confirm');
    expect(decisionOf({ plusAddressAction: null, intent: 'reopen' })).toBe('reject');
  });
  it('refused: anything else decides nothing (the ticket stays Resolved and a person decides)', () => {
    expect(decisionOf({ plusAddressAction: null, intent: null })).toBeNull();
  });
});

describe('R-MAIL-1: the evidence, in one log line', () => {
  it('names each signature, the SPF verdict with its domain, and DMARC', () => {
    expect(describeAuth({
      authenticated: false, method: null, fromDomain: 'acme.example',
      dkim: [{ domain: 'evil.example', selector: 's', result: 'pass', aligned: false }, { domain: 'acme.example', selector: 't', result: 'fail', aligned: true }],
      spf: { verdict: 'PASS', domain: 'evil.example', aligned: false }, dmarc: 'FAIL',
    })).toBe('dkim=evil.example:pass,acme.example:fail(aligned) spf=PASS:evil.example dmarc=FAIL');
  });
});
