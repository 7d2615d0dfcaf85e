import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAsTestSender } from '../../bin/local/local-dns.js';

const root = new URL('../../', import.meta.url).pathname;
const mail = (...args: string[]) => spawnSync(process.execPath, ['bin/launch.mjs', 'bin/mail.ts', ...args], { cwd: root, encoding: 'utf8' });
const fixture = (name: string) => path.join(root, 'test/fixtures/mail', name);
const FIELDS = ['file', 'size', 'refused', 'messageId', 'from', 'authenticated', 'authentication', 'subject', 'match', 'automatic', 'intent', 'text', 'attachments'];

let dir: string;
const confirm = (to = 'support+T-1001+confirm@center.example') =>
  `From: Dana <dana@acme.example>\r\nTo: ${to}\r\nSubject: [T-1001] Confirmed\r\nDate: Sun, 7 Jun 2026 10:00:00 +0300\r\nMessage-ID: <c1@acme.example>\r\n\r\n\r\n`;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mail-inspect-'));
  writeFileSync(path.join(dir, 'signed.eml'), await signAsTestSender(confirm(), 'acme.example', new Date()));
  writeFileSync(path.join(dir, 'forged.eml'), confirm());
  writeFileSync(path.join(dir, 'huge.eml'), Buffer.concat([Buffer.from(confirm()), Buffer.alloc(21 * 1024 * 1024, 'A')]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mail inspect: why a message was (or would be) dropped, refused or written', () => {
  it('--json: one line per file, in order, with the stable fields', () => {
    const run = mail('inspect', '--json', '--dns', 'local', fixture('with-attachments.eml'), fixture('auto-reply.eml'));
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => Object.keys(l))).toEqual([FIELDS, FIELDS]);
    expect(lines[0]).toMatchObject({
      from: { address: 'dana.levi@acme.example' }, authenticated: true, authentication: { method: 'aligned-spf', receipt: 'ses-headers' },
      match: { via: 'thread', plusAddressTicket: 'T-1042', subjectTicket: 'T-1042' }, automatic: { isAuto: false },
      attachments: { kept: [{ name: 'sync-log-2024-06-06.pdf' }, { name: 'error-dialog.png' }], refused: [] },
    });
    expect(lines[1]).toMatchObject({ automatic: { isAuto: true, reason: 'auto-submitted' } });
  });

  it('R-MAIL-1: a message signed with the local test key is authenticated by aligned DKIM; the same unsigned is not', () => {
    const [signed, forged] = mail('inspect', '--json', '--dns', 'local', path.join(dir, 'signed.eml'), path.join(dir, 'forged.eml')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(signed).toMatchObject({ authenticated: true, authentication: { method: 'aligned-dkim', receipt: 'none' }, match: { via: 'plus-address', ticket: 'T-1001', action: 'confirm' } });
    expect(forged).toMatchObject({ authenticated: false, authentication: { method: null, dkim: [] } });
  });

  it('a message over the total limit is reported refused, as the handler would', () => {
    expect(JSON.parse(mail('inspect', '--json', path.join(dir, 'huge.eml')).stdout)).toMatchObject({ refused: 'message-too-large' });
  });

  it('without --json, a readable summary naming the verdict', () => {
    const out = mail('inspect', '--dns', 'local', path.join(dir, 'forged.eml')).stdout;
    expect(out).toContain('UNVERIFIED');
    expect(out).toContain('ticket: plus-address T-1001 (action: confirm)');
  });

  it('R-MAIL-1: mail sign signs a hand-written message with the local test key, as inspect then verifies; other domains are refused', () => {
    writeFileSync(path.join(dir, 'by-hand.eml'), 'From: dana@acme.example\nTo: support+T-1001@center.example\nSubject: Re: [T-1001]\n\nLog attached.\n');
    const signed = spawnSync(process.execPath, ['bin/launch.mjs', 'bin/mail.ts', 'sign', '--as', 'acme.example', path.join(dir, 'by-hand.eml')], { cwd: root });
    expect(signed.status).toBe(0);
    writeFileSync(path.join(dir, 'by-hand.signed.eml'), signed.stdout);
    expect(JSON.parse(mail('inspect', '--json', '--dns', 'local', path.join(dir, 'by-hand.signed.eml')).stdout)).toMatchObject({ authenticated: true, authentication: { method: 'aligned-dkim' } });
    expect(mail('sign', '--as', 'evil.example', path.join(dir, 'by-hand.eml')).status).toBe(2);
  });

  it('--help prints the usage; refused: an unknown command, a bad --dns or an unreadable file exit 2 with one line, nothing on stdout', () => {
    expect(mail('--help')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^usage: mail inspect \[--json\]/) });
    expect(mail('inspect', '--help').stdout).toMatch(/^usage: mail inspect/);
    for (const args of [['explain', 'x.eml'], ['inspect', '--dns', 'google', fixture('auto-reply.eml')], ['inspect', '/no/such.eml'], ['inspect']]) {
      const run = mail(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
