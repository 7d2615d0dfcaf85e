// The local SMTP listener as SES receiving: it computes the receipt's SPF, DKIM and DMARC verdicts
// through the local DNS (R-MAIL-1), and answers a message over the total limit with a permanent
// 552, never a 451 that a sender would retry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localResolver, signAsTestSender } from '../../bin/local/local-dns.js';
import { startLocalSmtp, type LocalSmtp } from '../../bin/local/local-smtp.js';
import { DEFAULT_MAIL_LIMITS } from '../../functions/adapters/mail/mail-limits.js';
import { FolderObjects } from '../../functions/adapters/object-store.js';

type Receipt = { spfVerdict: { status: string }; dkimVerdict: { status: string }; dmarcVerdict: { status: string } };
let smtp: LocalSmtp;
let folder: string;
const delivered: Receipt[] = [];
const logged: string[] = [];

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'local-smtp-'));
  smtp = await startLocalSmtp({
    port: 0, domains: ['support.center.example'], prefix: 'inbound/', store: new FolderObjects(folder), resolver: localResolver(['acme.example']),
    // what the stack's inbound handler receives: the receipt event, kept here to read its verdicts
    deliver: async (event) => { delivered.push((event as { Records: [{ ses: { receipt: Receipt } }] }).Records[0].ses.receipt); },
    log: (message) => { logged.push(message); },
  });
});
afterAll(async () => { await smtp.stop(); rmSync(folder, { recursive: true, force: true }); });

const compose = (text: string) => new Promise<Buffer>((resolve, reject) => nodemailer.createTransport({ streamTransport: true, buffer: true })
  .sendMail({ from: 'Dana <dana@acme.example>', to: 'support+T-1001@support.center.example', subject: 'Re: [T-1001]', text }, (e, info) => (e ? reject(e) : resolve(info.message as Buffer))));
async function send(raw: Buffer): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from: 'dana@acme.example', to: ['support+T-1001@support.center.example'] }, raw });
  } finally {
    transport.close();
  }
}

describe('R-MAIL-1: the local listener computes SES\'s verdicts with the local DNS', () => {
  it('a message signed with acme.example\'s test key: DKIM PASS, DMARC PASS', async () => {
    await send(await signAsTestSender(await compose('confirm'), 'acme.example', new Date()));
    expect(delivered.at(-1)).toMatchObject({ dkimVerdict: { status: 'PASS' }, dmarcVerdict: { status: 'PASS' } });
  });
  it('a forged one (unsigned, from 127.0.0.1, no SPF record): DKIM GRAY, SPF GRAY, DMARC FAIL (acme.example publishes p=reject)', async () => {
    await send(await compose('confirm'));
    expect(delivered.at(-1)).toMatchObject({ dkimVerdict: { status: 'GRAY' }, spfVerdict: { status: 'GRAY' }, dmarcVerdict: { status: 'FAIL' } });
  });
});

describe('limits: a message over the total is a permanent SMTP error', () => {
  it('refused with 552 (not 451), logged, never delivered', async () => {
    const before = delivered.length;
    const error = await send(Buffer.concat([await compose('x'), Buffer.alloc(DEFAULT_MAIL_LIMITS.maxMessageBytes, 'A')])).then(() => null, (e: { responseCode?: number }) => e);
    expect(error?.responseCode).toBe(552);
    expect(delivered).toHaveLength(before);
    expect(logged.at(-1)).toMatch(/refused a message from dana@acme\.example: over 20971520 bytes/);
  });
});
