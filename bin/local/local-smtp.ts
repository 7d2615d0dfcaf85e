// The SMTP side of SES receiving, on 127.0.0.1: accepts mail for the support domain, stores the
// raw MIME where the receipt rule's S3 action would (a folder here), then invokes the inbound
// handler with the receipt rule's Lambda event, its SPF, DKIM and DMARC verdicts computed here as
// SES computes them (R-MAIL-1), through the local DNS table. A refusal by the handler is still a
// 250: SES accepts first and decides later.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { authenticate } from 'mailauth';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { DnsResolver } from '../../functions/adapters/mail/authenticate-sender.js';
import { DEFAULT_MAIL_LIMITS } from '../../functions/adapters/mail/mail-limits.js';
import type { RawMailReader } from '../../functions/adapters/object-store.js';

export type LocalSmtpOptions = {
  /** 0: a free port. */
  readonly port: number;
  readonly domains: readonly string[];
  /** Where the raw MIME goes (the receipt rule's S3 action). */
  readonly store: RawMailReader & { put(key: string, bytes: Buffer, contentType: string): Promise<void> };
  readonly prefix: string;
  /** The receipt rule's Lambda action; resolves once the message is handled (and its effects settled). */
  readonly deliver: (event: unknown) => Promise<void>;
  readonly log: (message: string, error?: unknown) => void;
  /** The DNS the verdicts are computed with (bin/local/local-dns.ts): no network. */
  readonly resolver: DnsResolver;
};

export type LocalSmtp = { readonly url: string; readonly port: number; stop(): Promise<void> };

// The desk's total limit (issue 12), below SES receiving's 40 MB: over it, a permanent 552, never a 451 to retry
const MAX_BYTES = DEFAULT_MAIL_LIMITS.maxMessageBytes;
const PASS = { status: 'PASS' };
type Verdict = { status: 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' };

/** mailauth's results as SES's receipt verdicts: pass PASS, fail/softfail FAIL, none/neutral GRAY, errors PROCESSING_FAILED. */
const verdictOf = (result: string | undefined): Verdict => {
  switch ((result ?? 'none').toLowerCase()) {
    case 'pass': return { status: 'PASS' };
    case 'fail': case 'softfail': case 'policy': return { status: 'FAIL' };
    case 'temperror': case 'permerror': return { status: 'PROCESSING_FAILED' };
    default: return { status: 'GRAY' };
  }
};

/** SPF for the client and MAIL FROM, every DKIM signature, DMARC for From: the receipt's three verdicts. */
export async function receiptVerdicts(raw: Buffer, client: { ip: string; helo: string; mailFrom: string }, resolver: DnsResolver) {
  try {
    const result = await authenticate(raw, {
      ip: client.ip, helo: client.helo, sender: client.mailFrom, mta: 'inbound-smtp.local', resolver, disableArc: true, disableBimi: true,
    });
    const signatures = result.dkim.results.map((r) => r.status.result);
    return {
      spfVerdict: verdictOf(result.spf ? result.spf.status.result : undefined),
      // SES: PASS when a signature verifies, FAIL when every one fails, GRAY when unsigned
      dkimVerdict: verdictOf(signatures.includes('pass') ? 'pass' : signatures.some((r) => r === 'fail' || r === 'neutral') ? 'fail' : 'none'),
      dmarcVerdict: verdictOf(result.dmarc ? result.dmarc.status.result : undefined),
    };
  } catch {
    return { spfVerdict: verdictOf('temperror'), dkimVerdict: verdictOf('temperror'), dmarcVerdict: verdictOf('temperror') };
  }
}

/** SES message ids are 20-40 lowercase letters and digits. */
const sesMessageId = () => randomBytes(20).toString('hex');

const atDomain = (address: string, domains: readonly string[]) => {
  const domain = address.toLowerCase().split('@').pop() ?? '';
  return domains.some((d) => domain === d.toLowerCase());
};

export async function startLocalSmtp(options: LocalSmtpOptions): Promise<LocalSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!atDomain(address.address, options.domains)) return callback(Object.assign(new Error(`5.7.1 ${address.address}: relay not permitted`), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => { bytes += chunk.length; if (bytes <= MAX_BYTES) chunks.push(chunk); }); // never hold more than the limit
      stream.on('error', callback);
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded || bytes > MAX_BYTES) {
          options.log(`smtp: refused a message from ${session.envelope.mailFrom ? session.envelope.mailFrom.address : '<>'}: over ${MAX_BYTES} bytes`);
          return callback(Object.assign(new Error(`5.3.4 message too large: the limit is ${MAX_BYTES} bytes`), { responseCode: 552 }));
        }
        void accept(Buffer.concat(chunks), session, callback);
      });
    },
  });
  const accept = async (raw: Buffer, session: SMTPServerSession, callback: (error?: Error | null, message?: string) => void) => {
    const messageId = sesMessageId();
    const recipients = session.envelope.rcptTo.map((r) => r.address);
    const source = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const at = new Date().toISOString();
    // IPv4-mapped IPv6 (::ffff:127.0.0.1) is how Node reports a local IPv4 client
    const ip = (session.remoteAddress || '127.0.0.1').replace(/^::ffff:/, '');
    try {
      const verdicts = await receiptVerdicts(raw, { ip, helo: session.hostNameAppearsAs || 'localhost', mailFrom: source }, options.resolver);
      const event = {
        Records: [{
          eventSource: 'aws:ses', eventVersion: '1.0',
          ses: {
            mail: { timestamp: at, source, messageId, destination: recipients, headersTruncated: false },
            receipt: { timestamp: at, recipients, spamVerdict: PASS, virusVerdict: PASS, ...verdicts },
          },
        }],
      };
      await options.store.put(`${options.prefix}${messageId}`, raw, 'message/rfc822');
      await options.deliver(event);
      callback(null, `Ok: queued as ${messageId}`);
    } catch (error) {
      options.log(`smtp: message ${messageId} failed`, error);
      callback(Object.assign(new Error('4.3.0 temporary failure'), { responseCode: 451 }));
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => options.log('smtp: server error', error));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
