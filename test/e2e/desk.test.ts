// Issue 10: the agent desk in headless Chromium against one local stack with the manual clock.
// The browser's clock is set to the stack's, so the countdown it computes (functions/domain, in
// the page) is compared with the deadline the API answers, counted here independently; one page
// with a wrong clock shows the desk counts on the API's (its Date header).
import nodemailer from 'nodemailer';
import { signAsTestSender } from '../../bin/local/local-dns.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessMinutesBetween, calendarOf, defaultPolicy, type Ticket } from '../../functions/domain/index.js';
import { launchChromium, seriousViolations, type Browser } from './browser.js';
import { localSignIn } from './desk-session.js';
import { useStack } from './stack.js';

const stack = useStack('desk', ['--memory', '--seed', '--clock', 'manual']);
let browser: Browser;

// Rosh Hashana 2027: Fri 1 October (its eve), Sat 2 and Sun 3 are closed; Israel is on summer time (+3).
// (The stack's manual clock starts at the real now and only moves forward: a date to come.)
const THU_1500 = '2027-09-30T12:00:00.000Z';
const SUN_1000_CLOSED = '2027-10-03T07:00:00.000Z';
const MON_0900 = '2027-10-04T06:00:00.000Z';
const DUE_MON_0930 = '2027-10-04T06:30:00.000Z';
// September and October 2027 in Israel, as the compliance page asks for them.
const PERIOD = { from: '2027-09-01', to: '2027-10-31', fromAt: '2027-08-31T21:00:00.000Z', toAt: '2027-10-31T22:00:00.000Z' };

beforeAll(async () => {
  browser = await launchChromium({ locale: 'en-GB' });
  await fetch(`${stack.urls.portal}/`); // the stack builds the portal at its first request (once per source change)
}, 240_000);
afterAll(async () => { await browser?.close(); });

/** A page signed in as a seeded person through the local sign-in, its clock at the stack's, in `language`. */
async function pageAs(email: string, language: 'he' | 'en' = 'en'): Promise<Page> {
  const page = await browser.newPage();
  await page.clock.setFixedTime(new Date(await stack.clockNow()));
  await page.goto(`${stack.urls.portal}/sign-in`);
  await page.evaluate(localSignIn(email, language));
  return page;
}

/** Moves the stack's clock and every open page's with it. */
async function moveClockTo(now: string, pages: Page[]): Promise<void> {
  await stack.moveClock({ now });
  for (const page of pages) await page.clock.setFixedTime(new Date(now));
}

const WALL = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jerusalem', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** What the countdown must read for an API deadline at `now`: business time counted in Node, the wall time by Intl. */
function expectedCountdown(ticket: Pick<Ticket, 'entitlement'>, dueAt: string, now: string): string {
  const minutes = Math.ceil(businessMinutesBetween(calendarOf(ticket, defaultPolicy), now, dueAt));
  const parts = Object.fromEntries(WALL.formatToParts(new Date(dueAt)).map((p) => [p.type, p.value]));
  return `First response: ${Math.floor(minutes / 60)}h ${minutes % 60}m business time, due ${parts.weekday} ${parts.hour}:${parts.minute}`;
}

let ticket: { id: string; number: string };
let tier1: Page;
let dana: string;

describe('the agent desk in the browser', () => {
  it('R-SLA-6, R-CAL-2: the queue counts down a ticket opened Thursday 15:00 before Rosh Hashana as the API deadline implies, across the closed days', async () => {
    await stack.moveClock({ now: THU_1500 });
    dana = await stack.tokenFor('customer', 'dana@acme.example', 'acme');
    const opened = await stack.api('POST', '/tickets', dana, { type: 'incident', severity: 'urgent', subject: 'Month-end report fails', description: 'The report stops at 40%.' });
    expect(opened.status).toBe(201);
    ticket = { id: opened.body.id, number: opened.body.number };
    expect(opened.body.sla.firstResponse.dueAt).toBe(DUE_MON_0930);

    tier1 = await pageAs('tier1@center.example');
    const countdown = tier1.locator(`tr[data-ticket="${ticket.number}"] td.countdown`);
    for (const now of [THU_1500, SUN_1000_CLOSED, MON_0900]) {
      await moveClockTo(now, [tier1]);
      await tier1.goto(`${stack.urls.portal}/desk`);
      const api = (await stack.api('GET', `/tickets/${ticket.id}`, dana)).body;
      await expect.poll(() => countdown.textContent()).toBe(expectedCountdown(api, api.sla.firstResponse.dueAt, now));
    }
    expect(await countdown.textContent()).toBe('First response: 0h 30m business time, due Mon 09:30');
    await expect.poll(() => tier1.locator(`tr[data-ticket="${ticket.number}"] .sla-state`).textContent()).toBe('At risk'); // past the 80% warning

    // A desk whose computer's clock is wrong (here three days behind) counts on the API's clock,
    // which every answer's Date header gives: the same countdown.
    const skewed = await browser.newPage();
    await skewed.clock.setFixedTime(new Date(Date.parse(MON_0900) - 3 * 86_400_000));
    await skewed.goto(`${stack.urls.portal}/sign-in`);
    await skewed.evaluate(localSignIn('tier1@center.example', 'en'));
    await skewed.goto(`${stack.urls.portal}/desk`);
    await expect.poll(() => skewed.locator(`tr[data-ticket="${ticket.number}"] td.countdown`).textContent()).toBe('First response: 0h 30m business time, due Mon 09:30');
    await skewed.close();
  }, 90_000);

  it('R-SLA-2, R-PEND-1, R-CLOSE-1: tier1 takes the top ticket, replies in time, asks for a log, the customer answers by email, tier1 resolves', async () => {
    await tier1.goto(`${stack.urls.portal}/desk`);
    await tier1.locator('table.queue tbody tr').first().getByRole('link').click();
    await expect.poll(() => tier1.getByRole('heading', { level: 1 }).textContent()).toContain(ticket.number);
    await tier1.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(async () => (await stack.api('GET', `/tickets/${ticket.id}`, dana)).body.assignee).toBe('tier1@center.example');

    await tier1.keyboard.press('r'); // the reply shortcut
    await tier1.keyboard.type('We are looking at the report engine.');
    await tier1.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect.poll(async () => (await stack.api('GET', `/tickets/${ticket.id}`, dana)).body.sla.firstResponse.metAt).toBe(MON_0900);
    const afterReply = (await stack.api('GET', `/tickets/${ticket.id}`, dana)).body;
    expect(afterReply.sla.firstResponse.breachedAt).toBeNull(); // R-SLA-2: met before 09:30

    const asked = 'Please attach the report engine log of last night.';
    await tier1.getByLabel('New status').selectOption({ label: 'Pending customer' });
    await tier1.getByLabel('What the customer is asked for').fill(asked);
    await tier1.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(async () => (await stack.api('GET', `/tickets/${ticket.id}`, dana)).body.status).toBe('pending-customer');
    // The write is visible a moment before the outbox has mailed it (the API answers the browser after both).
    const requestMail = async () => (await stack.sentMail()).find((m) => m.subject.startsWith(`[${ticket.number}] `)
      && m.destination.to.some((to) => to.includes('dana@acme.example')) && (m.body.text ?? m.body.html ?? '').includes(asked));
    await expect.poll(requestMail).toBeDefined(); // R-PEND-1: the customer's email carries the request
    const request = await requestMail();

    const smtp = new URL(stack.urls.smtp);
    const transport = nodemailer.createTransport({ host: smtp.hostname, port: Number(smtp.port), secure: false, ignoreTLS: true });
    try {
      // R-MAIL-1: signed with acme.example's test key, which the local DNS publishes, so it is Dana's.
      const to = request!.replyTo[0]!;
      const raw = [
        'From: Dana <dana@acme.example>', `To: ${to}`, `Subject: =?UTF-8?B?${Buffer.from(`Re: ${request!.subject}`).toString('base64')}?=`,
        `Message-ID: <desk-answer-${ticket.id}@acme.example>`, `Date: ${new Date(await stack.clockNow()).toUTCString()}`,
        'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'The log is below:', 'engine stopped at row 40113', '',
      ].join('\r\n');
      await transport.sendMail({ envelope: { from: 'dana@acme.example', to: [to] }, raw: await signAsTestSender(raw, 'acme.example', new Date(await stack.clockNow())) });
    } finally {
      transport.close();
    }
    expect((await stack.api('GET', `/tickets/${ticket.id}`, dana)).body.status).toBe('in-progress'); // R-PEND-1

    await tier1.reload();
    await expect.poll(() => tier1.locator('.conversation').textContent()).toContain('engine stopped at row 40113');
    await tier1.getByLabel('New status').selectOption({ label: 'Resolved' });
    await tier1.getByLabel('Solution').fill('Rebuilt the report index; the month-end report completes.');
    await tier1.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(async () => (await stack.api('GET', `/tickets/${ticket.id}`, dana)).body.status).toBe('resolved'); // R-CLOSE-1

    // A change the domain refuses now shows the API's reason, and the draft stays.
    await tier1.getByLabel('New status').selectOption({ label: 'Pending customer' });
    await tier1.getByLabel('What the customer is asked for').fill('One more log, please.');
    await tier1.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(() => tier1.getByRole('alert').textContent()).toContain('a ticket cannot move from resolved to pending-customer');
    expect(await tier1.getByLabel('What the customer is asked for').inputValue()).toBe('One more log, please.');
    expect((await stack.api('GET', `/tickets/${ticket.id}`, dana)).body.status).toBe('resolved');
  }, 90_000);

  it("R-RPT-2: a manager sees the ticket's first response met in that period's compliance", async () => {
    const manager = await pageAs('manager@center.example');
    await manager.goto(`${stack.urls.portal}/desk/compliance?from=${PERIOD.from}&to=${PERIOD.to}`);
    const acme = manager.locator('table').filter({ hasText: 'By organisation' }).getByRole('row').filter({ hasText: 'acme' });
    await expect.poll(() => acme.textContent()).toMatch(/^acme1\d/); // one met target at least, as the API counts
    const token = await stack.tokenFor('support-manager', 'manager@center.example');
    const report = (await stack.api('GET', `/reports/compliance?from=${PERIOD.fromAt}&to=${PERIOD.toAt}`, token)).body;
    const row = report.byOrganisation.find((o: { organisationId: string }) => o.organisationId === 'acme');
    expect(await acme.textContent()).toBe(`acme${row.met}${row.breached}${row.compliance === null ? '—' : `${Math.round(row.compliance * 1000) / 10}%`}`);
    await manager.close();
  }, 60_000);

  it('two agents on one ticket: the second gets the 412 path, sees what changed and keeps the draft', async () => {
    const other = (await stack.api('POST', '/tickets', dana, { type: 'incident', severity: 'high', subject: 'Login loops', description: 'After the update.' })).body;
    const tier2 = await pageAs('tier2@center.example');
    for (const page of [tier1, tier2]) await page.goto(`${stack.urls.portal}/desk/tickets/${other.number}`);
    await expect.poll(() => tier1.getByRole('heading', { level: 1 }).textContent()).toContain(other.number);
    await expect.poll(() => tier2.getByRole('heading', { level: 1 }).textContent()).toContain(other.number);

    await tier2.keyboard.press('n'); // internal note
    await tier2.keyboard.type('Known issue in 7.2, fix in 7.3.');
    await tier2.getByRole('button', { name: 'Internal note', exact: true }).click();
    await expect.poll(async () => (await stack.api('GET', `/tickets/${other.id}`, dana)).body.version).toBeGreaterThan(other.version);

    const draft = 'Please clear the browser cache and try again.';
    await tier1.getByLabel('Message').fill(draft);
    await tier1.getByRole('button', { name: 'Reply', exact: true }).click();
    const alert = tier1.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('The ticket changed since you read it');
    await expect.poll(() => alert.textContent()).toContain('note-added');
    expect(await tier1.getByLabel('Message').inputValue()).toBe(draft);

    await tier1.getByRole('button', { name: 'Reply', exact: true }).click(); // on the version now shown
    await expect.poll(async () => (await stack.api('GET', `/tickets/${other.id}`, dana)).body.messages.map((m: { body: string }) => m.body)).toContain(draft);
    await tier2.close();
  }, 60_000);

  it('R-PORTAL-2: the queue reads itself again within 30 s, and holds its rows in place while the pointer is on it', async () => {
    const page = await browser.newPage();
    await page.clock.install({ time: new Date(await stack.clockNow()) }); // the page's timers run when the test says
    await page.goto(`${stack.urls.portal}/sign-in`);
    await page.evaluate(localSignIn('tier3@center.example', 'en'));
    await page.goto(`${stack.urls.portal}/desk`);
    const numbers = () => page.locator('table.queue tbody tr[data-ticket]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket')));
    await page.locator('table.queue tbody tr[data-ticket]').first().waitFor();
    const before = await numbers();

    await page.locator('table.queue tbody tr[data-ticket]').first().hover();
    const fresh = (await stack.api('POST', '/tickets', dana, { type: 'incident', severity: 'urgent', subject: 'Payments stopped', description: 'Since 09:10.' })).body;
    await page.clock.runFor(16_000); // the queue's refresh timer
    await page.getByRole('status').filter({ hasText: 'New changes are held' }).waitFor();
    expect(await numbers()).toEqual(before); // nothing moved under the pointer

    await page.mouse.move(5, 5); // the pointer leaves the queue
    await expect.poll(async () => (await numbers())[0]).toBe(fresh.number); // the new urgent ticket, due first, heads it
    await page.close();
  }, 60_000);

  it('accessibility: no serious or critical violation on any desk page, in Hebrew and in English', async () => {
    const pages = ['/desk', `/desk/tickets/${ticket.number}`, `/desk/compliance?from=${PERIOD.from}&to=${PERIOD.to}`, '/desk/statements?organisation=acme&month=2027-09',
      '/desk/organisations?id=acme', '/desk/calendar?year=2027', '/desk/sla-preview'];
    const found: string[] = [];
    for (const language of ['he', 'en'] as const) {
      const page = await pageAs('manager@center.example', language);
      for (const path of pages) {
        await page.goto(`${stack.urls.portal}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('[role="status"].loading').waitFor({ state: 'detached' });
        expect(await page.evaluate('document.documentElement.dir')).toBe(language === 'he' ? 'rtl' : 'ltr');
        for (const v of await seriousViolations(page)) found.push(`${language} ${path}: ${v.id} (${v.impact}) ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      }
      await page.close();
    }
    expect(found).toEqual([]);
  }, 120_000);
});
