// Issue 5, acceptance: `npm start` on random loopback ports with a manual clock, played over real
// HTTP and real SMTP as the README's walk-through does, the mail read back from the local SES endpoint, and a
// SIGTERM that leaves no process (the JVM included) and no port behind.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortFree } from '../../bin/local/find-free-port.js';
import nodemailer from 'nodemailer';
import { START_TIMEOUT_MS, startStack, type SesEmail, type Stack, type Urls } from './stack.js';
import { addBusinessDays, defaultPolicy, getBusinessCalendar, nextOpeningAt } from '../../functions/domain/index.js';


// Sunday 6 January 2030, 10:00 in Israel (UTC+2): a business morning years ahead of any real clock.
const SUN_1000 = '2030-01-06T08:00:00.000Z';
const PORTAL = 'http://127.0.0.1:5173';
const SUN_1100 = '2030-01-06T09:00:00.000Z';
const calendar = getBusinessCalendar(defaultPolicy, 'basic');
const minuteBefore = (at: string) => new Date(Date.parse(at) - 60_000).toISOString();

let stack: Stack;
let child: ChildProcess;
let urls: Urls;
let dataDir: string;

const tokenFor = (role: string, email: string, org?: string) => stack.tokenFor(role, email, org);
const api = (method: string, route: string, token: string | null, body?: unknown) => stack.api(method, route, token, body);
const moveClock = (body: { now: string } | { advance: string }) => stack.moveClock(body);
const sentMail = (): Promise<SesEmail[]> => stack.sentMail();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'local-stack-'));
  stack = await startStack(dataDir, ['--memory', '--seed', '--clock', 'manual', '--allow-origin', PORTAL]);
  ({ child, urls } = stack);
}, START_TIMEOUT_MS + 5_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start -- --memory --seed --clock manual', () => {
  it('prints one name: URL line per part on 127.0.0.1', () => {
    for (const url of [urls.api, urls.mail, urls.dynamodb]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.smtp).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 without a valid token, as a problem+json (the JWT authorizer\'s own body differs: README)', async () => {
    const { status, body, contentType } = await api('GET', '/tickets', null);
    expect({ status, contentType }).toEqual({ status: 401, contentType: 'application/problem+json' });
    expect(body).toMatchObject({ status: 401, title: 'Authentication required' });
    expect((await api('GET', '/tickets', 'not.a.token')).status).toBe(401);
    expect((await api('GET', '/tickets', await tokenFor('customer', 'dana@acme.example', 'acme'))).status).toBe(200);
  });

  it('answers CORS for the --allow-origin origin only, and unknown routes and wrong methods as problem+json', async () => {
    const preflight = (origin: string) => fetch(`${urls.api}/tickets`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    const allowed = await preflight(PORTAL);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect((await preflight('http://127.0.0.1:9999')).headers.get('access-control-allow-origin')).toBeNull();
    const unknown = await api('GET', '/no/such/route', null);
    expect({ status: unknown.status, contentType: unknown.contentType }).toEqual({ status: 404, contentType: 'application/problem+json' });
    const wrong = await api('DELETE', '/tickets', null);
    expect({ status: wrong.status, allow: wrong.headers.get('allow') }).toEqual({ status: 405, allow: 'GET, POST' });
  });

  it('serves GET /openapi.json without a token', async () => {
    const res = await api('GET', '/openapi.json', null);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/tickets/{id}/transitions');
  });

  it('R-PEND-2, R-PEND-4, R-CLOSE-4: plays the README walk-through: open, reply, pending, reminder mail, resolved, closed', async () => {
    const dana = await tokenFor('customer', 'dana@acme.example', 'acme');
    const tier1 = await tokenFor('agent-tier1', 'tier1@center.example');
    expect(await moveClock({ now: SUN_1000 })).toBe(SUN_1000);

    const opened = await api('POST', '/tickets', dana, { type: 'incident', severity: 'normal', subject: 'Night reload fails', description: 'Since Sunday the reload stops at 40%.' });
    expect(opened.status).toBe(201);
    const { id, number } = opened.body as { id: string; number: string };
    expect((await api('POST', `/tickets/${id}/messages`, tier1, { body: 'We are looking at the reload log.' })).body.status).toBe('in-progress');
    await moveClock({ advance: 'PT1H' });
    const pending = await api('POST', `/tickets/${id}/transitions`, tier1, { to: 'pending-customer', reason: 'Please send the reload log.' });
    expect(pending.body.status).toBe('pending-customer');

    const remindAt = addBusinessDays(calendar, SUN_1100, 2);
    const before = (await sentMail()).length;
    await moveClock({ now: minuteBefore(remindAt) });
    expect(await sentMail()).toHaveLength(before);
    await moveClock({ now: remindAt });
    const reminders = (await sentMail()).slice(before);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.destination.to.join()).toContain('dana@acme.example');
    expect(reminders[0]!.subject.startsWith(`[${number}] `)).toBe(true);
    expect(reminders[0]!.body.html).toContain('lang="he"');

    const resolveAt = addBusinessDays(calendar, SUN_1100, 6);
    await moveClock({ now: resolveAt });
    expect((await api('GET', `/tickets/${id}`, dana)).body.status).toBe('resolved');
    await moveClock({ now: addBusinessDays(calendar, resolveAt, 6) });
    const closed = await api('GET', `/tickets/${id}`, dana);
    expect(closed.body.status).toBe('closed');
    expect((await sentMail()).at(-1)!.subject.startsWith(`[${number}] `)).toBe(true);
  });

  it('R-PEND-1, R-CLOSE-1, R-CLOSE-4: an answer to the reminder by SMTP moves the ticket back to In Progress; resolved, it closes', async () => {
    const dana = await tokenFor('customer', 'dana@acme.example', 'acme');
    const tier1 = await tokenFor('agent-tier1', 'tier1@center.example');
    const { now } = (await api('GET', '/_local/clock', null)).body as { now: string };
    const start = await moveClock({ now: new Date(Date.parse(nextOpeningAt(calendar, addBusinessDays(calendar, now, 1))) + 3_600_000).toISOString() });

    const { id, number } = (await api('POST', '/tickets', dana, { type: 'incident', severity: 'normal', subject: 'Export is empty', description: 'The monthly export has no rows.' })).body as { id: string; number: string };
    await api('POST', `/tickets/${id}/messages`, tier1, { body: 'Which month?' });
    expect((await api('POST', `/tickets/${id}/transitions`, tier1, { to: 'pending-customer', reason: 'Which month?' })).body.status).toBe('pending-customer');
    await moveClock({ now: addBusinessDays(calendar, start, 2) });
    const reminder = (await sentMail()).filter((m) => m.subject.startsWith(`[${number}] `)).at(-1)!;
    expect(reminder.body.html).toContain('lang="he"');

    const smtp = new URL(urls.smtp);
    const transport = nodemailer.createTransport({ host: smtp.hostname, port: Number(smtp.port), secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ from: 'Dana <dana@acme.example>', to: reminder.replyTo[0], subject: `Re: ${reminder.subject}`, text: 'The March export.' });
    } finally {
      transport.close();
    }
    expect((await api('GET', `/tickets/${id}`, dana)).body.status).toBe('in-progress');

    const resolved = await api('POST', `/tickets/${id}/transitions`, tier1, { to: 'resolved', solution: 'Re-ran the March export.' });
    expect(resolved.body.status).toBe('resolved');
    const { now: resolvedAt } = (await api('GET', '/_local/clock', null)).body as { now: string };
    await moveClock({ now: addBusinessDays(calendar, resolvedAt, 6) });
    expect((await api('GET', `/tickets/${id}`, dana)).body.status).toBe('closed');
  });

  it('refuses to move the clock back, and a malformed move', async () => {
    expect((await api('POST', '/_local/clock', null, { now: SUN_1000 })).status).toBe(409);
    expect((await api('POST', '/_local/clock', null, { advance: 'two hours' })).status).toBe(400);
  });

  it('stops every part on SIGTERM: no DynamoDB Local JVM left, every port free', async () => {
    const ports = [urls.api, urls.mail, urls.dynamodb, urls.smtp].map((u) => Number(new URL(u).port));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes).not.toContain(`-port ${ports[2]} `);
    for (const port of ports) expect(await isPortFree(port), `port ${port}`).toBe(true);
  });
});
