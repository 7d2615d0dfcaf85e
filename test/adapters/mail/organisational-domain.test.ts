import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { isAligned, organisationalDomain } from '../../../functions/adapters/mail/authenticate-sender.js';

// authenticate-sender.ts reads the public suffix list through tldts-experimental (hashed, quick to
// load: issue 13); the DMARC alignment it decides must be the one tldts (the exact list) gives.
const DOMAINS = [
  'acme.example', 'mail.acme.example', 'acme.co.il', 'mail.acme.co.il', 'other.co.il', 'co.il', 'gov.il', 'muni.il', 'a.b.c.ac.il',
  'example.com', 'x.y.example.co.uk', 'co.uk', 'sch.uk', 'school.sch.uk', 'a.school.sch.uk', 'pvt.k12.ma.us', 'x.pvt.k12.ma.us',
  'dana.github.io', 'evil.github.io', 'github.io', 'x.s3.amazonaws.com', 'bucket.s3.eu-west-1.amazonaws.com', 'x.blogspot.com',
  'app.herokuapp.com', 'x.cloudfront.net', 'x.azurewebsites.net', 'mail.yahoo.co.jp', 'yahoo.co.jp', 'x.kyoto.jp', 'x.y.kawasaki.jp', 'city.kawasaki.jp',
  'x.ck', 'www.ck', 'bücher.de', 'mail.xn--bcher-kva.de', 'x.公司.cn', 'x.com.br', 'x.nom.br', 'support.center.example', 'localhost', 'x.local', 'x.unknowntld',
  'amazonses.com', 'eu-west-1.amazonses.com', 'email.amazonses.com', 'x.onmicrosoft.com', 'x.mail.protection.outlook.com',
];

describe('R-MAIL-1: the organisational domain (DMARC relaxed alignment) is the public suffix list\'s', () => {
  it.each(DOMAINS)('%s', (domain) => {
    expect(organisationalDomain(domain)).toBe(getDomain(domain, { allowPrivateDomains: true }) ?? domain);
  });

  it('private suffixes count: two sites on github.io are not aligned, two hosts of one company are', () => {
    expect(isAligned('dana.github.io', 'evil.github.io')).toBe(false);
    expect(isAligned('mail.acme.co.il', 'acme.co.il')).toBe(true);
  });
});
