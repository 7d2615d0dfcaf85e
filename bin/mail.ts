// `mail inspect`: what the inbound handler makes of raw messages (issue 12). Its interface is a
// public contract: keep the fields stable, add only.
//   mail inspect [--json] [--domain <support domain>]... [--dns system|local] FILE...
//   mail sign --as <seeded domain> FILE   (the local stack's test DKIM key: for trying it out by hand)
// One JSON line per file with --json; a short readable summary without. A bad argument or an
// unreadable file exits 2 with one line on stderr naming it.
import { readFileSync } from 'node:fs';
import { promises as dns } from 'node:dns';
import { parseArgs } from 'node:util';
import type { DnsResolver } from '../functions/adapters/mail/authenticate-sender.js';
import { inspectMail, type MailInspection } from '../functions/handlers/mail/inspect-mail.js';
import { localResolver, SEEDED_MAIL_DOMAINS, signAsTestSender } from './local/local-dns.js';
import { SUPPORT_DOMAIN } from './local/local-env.js';

const USAGE = `usage: mail inspect [--json] [--domain <support domain>]... [--dns system|local] FILE...
       mail sign --as <domain> FILE

For each raw message (as SES stores it in S3, or an .eml file), what the inbound handler makes of it:
the sender and whether it is authenticated (R-MAIL-1: aligned DKIM, checked here; SES's SPF verdict,
read from its Authentication-Results header), the subject, how the ticket would be looked up, whether
it is automatic and why, the intent, the new text, and the attachments kept or refused.

  --json      one JSON object per line, per file, in the order given
  --domain    our support domain (plus-addresses name tickets there); repeatable; default ${SUPPORT_DOMAIN}
  --dns       where DKIM keys are read: system (the machine's DNS, the default) or local (the local stack's
              seeded domains and their test key, no network)

mail sign prints FILE DKIM-signed as <domain> with the local stack's test key (seeded domains only:
${SEEDED_MAIL_DOMAINS.join(', ')}), so mail sent by hand to the local SMTP listener is authenticated.
`;

class UsageError extends Error {}

const resolverOf = (name: string): DnsResolver => {
  if (name === 'local') return localResolver(SEEDED_MAIL_DOMAINS);
  if (name === 'system') return (host, rrtype) => dns.resolve(host, rrtype) as Promise<string[][] | string[]>;
  throw new UsageError(`--dns must be system or local (got "${name}")`);
};

function summary(file: string, r: MailInspection): string {
  const auth = r.authentication;
  const lines = [
    `${file}: ${r.refused ? `refused (${r.refused})` : r.automatic.isAuto ? `automatic (${r.automatic.reason}: ${r.automatic.detail})` : 'a person\'s mail'}`,
    `  from: ${r.from ? `${r.from.name ? `${r.from.name} ` : ''}<${r.from.address}>` : '(none)'} ${r.authenticated ? `authenticated (${auth?.method})` : 'UNVERIFIED'}`,
    ...(auth ? [`  evidence: dkim=${auth.dkim.map((d) => `${d.domain}:${d.result}${d.aligned ? '(aligned)' : ''}`).join(',') || 'none'} spf=${auth.spf.verdict ?? 'none'}:${auth.spf.domain ?? '-'}${auth.spf.aligned ? '(aligned)' : ''} dmarc=${auth.dmarc ?? 'none'} (${auth.receipt})`] : []),
    `  subject: ${r.subject}`,
    `  ticket: ${r.match.via}${r.match.ticket ? ` ${r.match.ticket}` : ''}${r.match.threadMessageIds.length ? ` ${r.match.threadMessageIds.join(' ')}` : ''}${r.match.action ? ` (action: ${r.match.action})` : ''}`,
    `  intent: ${r.intent ?? '-'}`,
    `  attachments: ${r.attachments.kept.length} kept, ${r.attachments.refused.length} refused${r.attachments.refused.map((a) => ` ${a.name ?? '(no name)'}:${a.reason}`).join('')}`,
    `  text: ${r.text.length > 200 ? `${r.text.slice(0, 200)}…` : r.text}`.replace(/\n/g, '\n        '),
  ];
  return lines.join('\n');
}

const readMessage = (file: string): Buffer => {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
};

async function sign(args: string[]): Promise<Buffer> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { as: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const domain = parsed.values.as;
  if (!domain || !(SEEDED_MAIL_DOMAINS as readonly string[]).includes(domain)) throw new UsageError(`--as must be one of ${SEEDED_MAIL_DOMAINS.join(', ')}`);
  if (parsed.positionals.length !== 1) throw new UsageError('sign takes one FILE');
  // CRLF line ends, as SMTP carries them: what is signed is what is sent
  const raw = readMessage(parsed.positionals[0]!).toString('utf8').replace(/\r?\n/g, '\r\n');
  return signAsTestSender(raw, domain, new Date());
}

async function run(argv: string[]): Promise<string[]> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help' || command === undefined) return [USAGE];
  if (command === 'sign') {
    process.stdout.write(await sign(rest)); // the bytes as signed: a changed line end would break the signature
    return [];
  }
  if (command !== 'inspect') throw new UsageError(`unknown command "${command}" (try: mail inspect --help)`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: {
      json: { type: 'boolean', default: false }, domain: { type: 'string', multiple: true }, dns: { type: 'string', default: 'system' }, help: { type: 'boolean', short: 'h' },
    } });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  if (parsed.values.help) return [USAGE];
  if (parsed.positionals.length === 0) throw new UsageError('no FILE given (try: mail inspect --help)');
  const resolver = resolverOf(parsed.values.dns!);
  const ourDomains = parsed.values.domain?.length ? parsed.values.domain : [SUPPORT_DOMAIN];
  const out: string[] = [];
  for (const file of parsed.positionals) {
    const raw = readMessage(file);
    const result = await inspectMail(raw, { ourDomains, resolver, now: new Date().toISOString() });
    out.push(parsed.values.json ? JSON.stringify({ file, ...result }) : summary(file, result));
  }
  return out;
}

try {
  const lines = await run(process.argv.slice(2));
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`mail: ${error.message}\n`);
  process.exitCode = 2;
}
