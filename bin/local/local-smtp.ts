// The SMTP side of SES receiving, on 127.0.0.1: accepts mail for the support domain, stores the
// raw MIME where the receipt rule's S3 action would (a folder here), then invokes the inbound
// handler with the receipt rule's Lambda event. A refusal by the handler is still a 250: SES
// accepts first and decides later.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
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
};

export type LocalSmtp = { readonly url: string; readonly port: number; stop(): Promise<void> };

const MAX_BYTES = 40 * 1024 * 1024; // SES receiving's limit
const PASS = { status: 'PASS' };

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
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const messageId = sesMessageId();
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const source = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const at = new Date().toISOString();
        const event = {
          Records: [{
            eventSource: 'aws:ses', eventVersion: '1.0',
            ses: {
              mail: { timestamp: at, source, messageId, destination: recipients, headersTruncated: false },
              receipt: { timestamp: at, recipients, spamVerdict: PASS, virusVerdict: PASS, spfVerdict: PASS, dkimVerdict: PASS, dmarcVerdict: PASS },
            },
          }],
        };
        options.store.put(`${options.prefix}${messageId}`, raw, 'message/rfc822')
          .then(() => options.deliver(event))
          .then(() => callback(null, `Ok: queued as ${messageId}`), (error: unknown) => {
            options.log(`smtp: message ${messageId} failed`, error);
            callback(Object.assign(new Error('4.3.0 temporary failure'), { responseCode: 451 }));
          });
      });
    },
  });
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
