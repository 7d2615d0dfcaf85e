// Issue 12 item 1: how well-kept reply and forward parsers do against our own extraction on
// the reply fixtures (test/fixtures/mail/replies), scored by exact new text (whitespace runs
// collapsed, since each formats lines its own way). Automatic mail is left out: it is dropped
// before extraction. A library that reads plain text only gets mailparser's text of an
// HTML-only message (what the pipeline gave before). Run: npx tsx bench/mail-libraries.ts
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import EmailReplyParser from 'email-reply-parser';
import EmailForwardParser from 'email-forward-parser';
import planer from 'planer';
import { extractNewReply } from '../functions/adapters/mail/strip-reply.js';

const DIR = new URL('../test/fixtures/mail/replies/', import.meta.url);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

type Case = { name: string; expected: string; text: string; html?: string; generatedText: string; subject: string; forward: boolean };

async function loadCases(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.eml')).sort()) {
    const name = file.slice(0, -4);
    if (existsSync(new URL(`${name}.auto.txt`, DIR))) continue;
    const raw = readFileSync(new URL(file, DIR));
    const own = await simpleParser(raw, { skipHtmlToText: true });
    const generated = await simpleParser(raw);
    const html = typeof own.html === 'string' ? own.html : undefined;
    cases.push({
      name, expected: readFileSync(new URL(`${name}.expected.txt`, DIR), 'utf8'), text: own.text || '', html,
      generatedText: generated.text ?? '', subject: own.subject ?? '', forward: name.startsWith('fwd-'),
    });
  }
  return cases;
}

const replyParser = new EmailReplyParser();
const CANDIDATES: Record<string, (c: Case) => string> = {
  'own (strip-reply.ts)': (c) => extractNewReply(c.text, c.html, { subject: c.subject }),
  'email-reply-parser 2.3.9': (c) => replyParser.read(c.generatedText).getVisibleText(),
  'planer 1.2.0 (plain text)': (c) => planer.extractFrom(c.generatedText, 'text/plain'),
};

const cases = await loadCases();
const results: Record<string, { exact: number; failed: string[] }> = {};
for (const [label, extract] of Object.entries(CANDIDATES)) {
  const failed: string[] = [];
  for (const c of cases) {
    let got: string;
    try { got = extract(c); } catch { got = '\u0000error'; }
    if (squash(got) !== squash(c.expected)) failed.push(c.name);
  }
  results[label] = { exact: cases.length - failed.length, failed };
  console.log(`${label}: ${cases.length - failed.length}/${cases.length} exact`);
}

// forwards: does the library tell a forward from a reply (and our extraction keep its content)?
const forwardParser = new EmailForwardParser();
let forwardRight = 0;
for (const c of cases) if (forwardParser.read(c.generatedText, c.subject).forwarded === c.forward) forwardRight++;
const forwards = cases.filter((c) => c.forward);
const ownForwardsKept = forwards.filter((c) => squash(extractNewReply(c.text, c.html, { subject: c.subject })) === squash(c.expected)).length;
console.log(`email-forward-parser 1.8.3: forward or not told right on ${forwardRight}/${cases.length}`);
console.log(`own: forwarded content kept exactly on ${ownForwardsKept}/${forwards.length} forwards`);
console.log(JSON.stringify({ cases: cases.length, ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.exact])), forwardParserRight: forwardRight }));
