// Issue 12: the reply fixtures written for this project (test/fixtures/mail/replies), one case per
// raw message: the new text the pipeline must find, and for automatic mail the reason it is dropped.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInboundMail } from '../../../functions/adapters/mail/parse-inbound.js';

const DIR = new URL('../../fixtures/mail/replies/', import.meta.url);
const OURS = { ourDomains: ['support.center.example'], ourMessageIdSuffixes: ['@email.amazonses.com>', '@eu-west-1.amazonses.com>'] };
const read = (name: string) => readFileSync(new URL(name, DIR), 'utf8');

const CASES = readdirSync(DIR).filter((f) => f.endsWith('.eml')).sort().map((file) => {
  const name = file.slice(0, -'.eml'.length);
  const autoFile = new URL(`${name}.auto.txt`, DIR);
  return { name, expected: read(`${name}.expected.txt`), auto: existsSync(autoFile) ? readFileSync(autoFile, 'utf8').trim() : null };
});

describe('R-COMM-1: the new text of replies from real clients, in many languages (fixture table)', () => {
  it('has at least 120 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(120));

  it.each(CASES)('$name', async ({ name, expected, auto }) => {
    const mail = await parseInboundMail(readFileSync(new URL(`${name}.eml`, DIR)), OURS);
    expect(mail.text).toBe(expected);
    expect(mail.autoReply.isAuto ? mail.autoReply.reason : null).toBe(auto);
  });
});
