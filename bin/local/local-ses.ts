// A local SES v2 endpoint for the local stack and the tests: aws-ses-v2-local (the SendEmail API
// over HTTP, keeping what it was sent) started in-process on a free 127.0.0.1 port. The real
// SesMailer sends to it through a real SESv2Client; sentEmails() reads the mail back over its
// HTTP API (GET /store), as a person would in its web viewer.
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

// A CommonJS package whose `exports.default` is the server factory; require() reads it the same
// way under Node, tsx and vitest (their default-import interop differs).
type StartServer = (config: { host: string; port: number }) => Promise<Server>;
const startServer = (createRequire(import.meta.url)('aws-ses-v2-local') as { default: StartServer }).default;

/** One email as the local endpoint stored it. */
export type LocalSentEmail = {
  messageId: string; // SES's MessageId (the RFC Message-ID derives from it: SesMailer's rfcMessageIdOf)
  from: string;
  /** The To header values as sent (`"Dana" <dana@…>`, encoded words included). */
  to: string[];
  /** The bare addresses of `to`, lower-cased. */
  toAddresses: string[];
  replyTo: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: { name: string; value: string }[];
  /** When it was sent, on the stack's clock (a manual clock's time, not the machine's). */
  sentAt: string;
};

export type LocalSes = {
  readonly endpoint: string;
  /** What an SESv2Client needs to reach it; SES does not check the credentials here. */
  readonly clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  sentEmails(): Promise<LocalSentEmail[]>;
  /** Forgets every email sent so far. */
  clear(): Promise<void>;
  stop(): Promise<void>;
};

type StoredEmail = {
  messageId: string; from: string; replyTo: string[]; destination: { to: string[] }; subject: string;
  body: { html?: string; text?: string }; headers?: { name: string; value: string }[];
  at: number; // epoch seconds on the machine's clock, set by aws-ses-v2-local
  sentAt?: string; // set by stampSendTimes: the stack's clock
};

// The package's in-process store; the same require() resolution reaches the same module instance.
const sesStore = (): { emails: StoredEmail[] } =>
  (createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as { getStoreReadonly(): { emails: StoredEmail[] } }).getStoreReadonly();

/**
 * Marks every email sent through `client` with the stack's time (`now`), kept with the email
 * (and in the data folder with it), so GET /_local/mail tells when each was sent on the stack's
 * clock: the local endpoint stamps the machine's, which a manual clock leaves far behind.
 */
export function stampSendTimes(client: SESv2Client, now: () => string): void {
  client.middlewareStack.add((next) => async (args) => {
    const sentAt = now(); // the instant the outbox sends at
    const out = await next(args);
    const messageId = (out.output as { MessageId?: string }).MessageId;
    const email = messageId ? sesStore().emails.find((e) => e.messageId === messageId) : undefined;
    if (email) email.sentAt = sentAt;
    return out;
  }, { step: 'initialize', priority: 'low', name: 'localSesSentAt' }); // inside localSesKeeps: stamped before it saves
}

// The package keeps its mail in one module-level store, so two servers in one process would
// share it: one at a time, and each starts from an empty store.
let running = false;

const addressOf = (to: string): string => (/<([^<>]+)>\s*$/.exec(to)?.[1] ?? to).trim().toLowerCase();

/** Starts the endpoint on a free port of 127.0.0.1 (the OS picks it: no race with another process). */
export async function startLocalSes(options: { region?: string } = {}): Promise<LocalSes> {
  if (running) throw new Error('local SES: already running in this process (aws-ses-v2-local keeps one store per process)');
  running = true;
  let server: Server;
  try {
    server = await startServer({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    running = false;
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${endpoint}${path}`, init);
    if (!response.ok) throw new Error(`local SES: ${init?.method ?? 'GET'} ${path} answered ${response.status}`);
    return response;
  };
  const clear = async () => { await call('/clear-store', { method: 'POST' }); };
  await clear();
  return {
    endpoint,
    clientConfig: { endpoint, region: options.region ?? 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    async sentEmails() {
      const { emails } = (await (await call('/store')).json()) as { emails: StoredEmail[] };
      return emails.map((e) => ({
        messageId: e.messageId, from: e.from, to: e.destination.to, toAddresses: e.destination.to.map(addressOf), replyTo: e.replyTo,
        subject: e.subject, html: e.body.html ?? null, text: e.body.text ?? null, headers: e.headers ?? [],
        sentAt: e.sentAt ?? new Date(e.at * 1000).toISOString(), // sent around this stack's clock: the machine's time
      }));
    },
    clear,
    async stop() {
      server.closeAllConnections(); // the SDK keeps connections alive; close() alone would wait for them
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      running = false;
    },
  };
}
