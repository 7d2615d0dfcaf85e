// The portal in headless Chromium against the local stack (issue 9's acceptance): customers and
// partners open and follow their tickets, in Hebrew and English, every page scanned by axe-core.
// One stack and one browser for the file; each person signs in on their own page (the session
// lives in the tab's sessionStorage).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousViolations, type Browser } from './browser.js';
import { useStack } from './stack.js';

const stack = useStack('portal-e2e', ['--memory', '--seed', '--clock', 'manual']);
let browser: Browser;
const SUNDAY_1000 = '2030-01-06T08:00:00Z'; // Sunday 10:00 in Israel: business hours

beforeAll(async () => {
  browser = await launchChromium();
  await stack.moveClock({ now: SUNDAY_1000 });
  // The stack builds the portal at its first request (after a change to web/): here, not in a test.
  const first = await fetch(`${stack.urls.portal}/`);
  expect(first.status, await first.text()).toBe(200);
}, 120_000);
afterAll(async () => { await browser?.close(); });

/** A new tab signed in as `email` through the local stack's `?as=`, at `path`. */
async function signedIn(email: string, path = '/tickets'): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => { throw error; });
  await page.goto(`${stack.urls.portal}${path}${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(email)}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('[role="status"].loading').waitFor({ state: 'detached' });
  const violations = await seriousViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  expect(await page.getByRole('heading', { level: 1 }).count(), `${what}: one h1`).toBe(1);
}

const tier1 = () => stack.tokenFor('agent-tier1', 'tier1@center.example');
let danaTicket: { id: string; number: string };

describe('the portal for customers and partners', () => {
  it('R-PORTAL-1, R-TKT-2: dana (acme, Hebrew) opens an incident with an attachment and sees it in her list, right to left', async () => {
    const page = await signedIn('dana@acme.example');
    expect([await page.locator('html').getAttribute('dir'), await page.locator('html').getAttribute('lang')]).toEqual(['rtl', 'he']);
    await page.getByRole('link', { name: 'פתיחת קריאה' }).first().click();
    await page.getByRole('heading', { name: 'פתיחת קריאה' }).waitFor();

    // A form error: the empty subject is refused beside the field, in Hebrew, and the description kept.
    await page.getByLabel('תיאור').fill('הטעינה הלילית נעצרת ב-40%.');
    await page.getByRole('button', { name: 'פתיחת הקריאה' }).click();
    await expect.poll(() => page.locator('#subject-error').textContent()).toBe('שדה חובה.');
    expect(await page.getByLabel('נושא').getAttribute('aria-describedby')).toContain('subject-error');
    expect(await page.getByLabel('תיאור').inputValue()).toBe('הטעינה הלילית נעצרת ב-40%.');

    await page.getByRole('radio', { name: 'תקלה' }).check();
    await page.getByRole('radio', { name: 'גבוהה' }).check();
    await page.getByLabel('נושא').fill('הטעינה הלילית נכשלת');
    await page.getByLabel('קבצים מצורפים (לוגים, צילומי מסך)').setInputFiles({ name: 'reload.log', mimeType: 'text/plain', buffer: Buffer.from('40% ... timeout\n') });
    await page.getByText('הועלה').waitFor();
    await page.getByRole('button', { name: 'פתיחת הקריאה' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'נפתחה' });
    await notice.waitFor();
    const number = /T-\d+/.exec((await notice.textContent()) ?? '')![0];
    expect(await notice.textContent()).toContain('מענה ראשון עד');

    const created = (await stack.api('GET', `/tickets/${number}`, await tier1())).body;
    danaTicket = { id: created.id, number };
    expect(created.messages[0].attachments.map((a: { name: string }) => a.name)).toEqual(['reload.log']);
    const due = new Intl.DateTimeFormat('he-IL', { timeZone: 'Asia/Jerusalem', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(created.sla.firstResponse.dueAt));

    await page.getByRole('link', { name: 'הקריאות שלי' }).click();
    const row = page.getByRole('row').filter({ hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain('הטעינה הלילית נכשלת');
    expect(await row.textContent()).toContain(due);
    await page.close();
  });

  it('R-TKT-6, R-CLOSE-2: an agent replies through the API, dana sees the reply and confirms the resolution: Closed', async () => {
    const token = await tier1();
    expect((await stack.api('POST', `/tickets/${danaTicket.id}/messages`, token, { body: 'Looking at the reload log now.' })).status).toBe(200);
    const page = await signedIn('dana@acme.example', `/tickets/${danaTicket.number}`);
    await page.getByText('Looking at the reload log now.').waitFor();
    // The attachment downloads through a short-lived URL the API gives.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'הורדת reload.log' }).click()]);
    expect(download.suggestedFilename()).toBe('reload.log');
    await expectAccessible(page, 'ticket (he)');

    expect((await stack.api('POST', `/tickets/${danaTicket.id}/transitions`, token, { to: 'resolved', solution: 'Raised the reload timeout.' })).status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'האם הבעיה נפתרה?' }).waitFor();
    await page.getByRole('button', { name: 'כן, לסגור את הקריאה' }).click();
    await page.locator('dd .status-closed').waitFor();
    expect(await page.locator('dd .status-closed').textContent()).toBe('סגורה');
    expect((await stack.api('GET', `/tickets/${danaTicket.id}`, token)).body.status).toBe('closed');
    await page.close();
  });

  it('R-TKT-6, R-PORTAL-1: sam (acme, English) sees the same ticket in English; lee (globex) cannot find it by number or search', async () => {
    const sam = await signedIn('sam@acme.example', `/tickets/${danaTicket.number}`);
    expect(await sam.locator('html').getAttribute('dir')).toBe('ltr');
    await sam.getByText('Looking at the reload log now.').waitFor();
    expect(await sam.getByRole('heading', { level: 1 }).textContent()).toContain(danaTicket.number);
    expect(await sam.locator('dd .status-closed').textContent()).toBe('Closed');
    await expectAccessible(sam, 'ticket (en)');
    await sam.close();

    const lee = await signedIn('lee@globex.example');
    await lee.getByLabel('Search by number or subject').fill(danaTicket.number);
    await lee.getByRole('button', { name: 'Search' }).click();
    await lee.getByText(`No ticket ${danaTicket.number} is visible to you.`).waitFor();
    await lee.goto(`${stack.urls.portal}/tickets?q=${encodeURIComponent('הטעינה הלילית')}`);
    await lee.getByText('No tickets match.').waitFor();
    expect(await lee.getByRole('alert').count()).toBe(0); // "not found", not an error
    await lee.close();
  });

  it('R-PARTY-2: partner-one opens a ticket for globex and sees it; acme\'s tickets stay invisible to it', async () => {
    const page = await signedIn('ops@partner-one.example', '/tickets/new');
    await page.getByLabel('Customer organisation').fill('globex');
    await page.getByRole('radio', { name: 'Service request' }).check();
    await page.getByLabel('Subject').fill('Connector upgrade for Globex');
    await page.getByLabel('Description').fill('Please upgrade the SAP connector.');
    await expectAccessible(page, 'new ticket, partner (en)');
    await page.getByRole('button', { name: 'Open the ticket' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'is open' });
    await notice.waitFor();
    const number = /T-\d+/.exec((await notice.textContent()) ?? '')![0];
    await page.getByRole('link', { name: 'My tickets' }).click();
    await page.getByRole('row').filter({ hasText: number }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: danaTicket.number }).count()).toBe(0);
    await page.goto(`${stack.urls.portal}/tickets/${danaTicket.number}`);
    await page.getByText(`No ticket ${danaTicket.number} is visible to you.`).waitFor();
    await page.close();
  });

  it('an expired session signs in again and returns to the same page with the draft kept', async () => {
    const page = await signedIn('sam@acme.example', '/tickets/new');
    await page.getByLabel('Subject').fill('Dashboards are slow');
    await page.getByLabel('Description').fill('Since the upgrade, every dashboard takes 20 s.');
    // The session ends: the token the tab holds is no longer one the API accepts.
    await page.evaluate(`(() => {
      const [h, p, sig] = JSON.parse(sessionStorage.getItem('portal.session')).idToken.split('.');
      const forged = [h, p, (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)].join('.');
      sessionStorage.setItem('portal.session', JSON.stringify({ idToken: forged, refreshToken: null }));
    })()`);
    await page.getByRole('button', { name: 'Open the ticket' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: /sam@acme\.example/ }).click();
    await page.getByRole('heading', { name: 'Open a ticket' }).waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Dashboards are slow');
    expect(await page.getByLabel('Description').inputValue()).toBe('Since the upgrade, every dashboard takes 20 s.');
    await page.getByRole('button', { name: 'Open the ticket' }).click();
    await page.getByRole('status').filter({ hasText: 'is open' }).waitFor();
    await page.close();
  });

  it('R-RPT-1: dana subscribes to the weekly report and unsubscribes', async () => {
    const page = await signedIn('dana@acme.example', '/reports');
    await page.getByRole('radio', { name: /שבועי/ }).click(); // checked once the API has it
    await page.getByText('הדוח נשלח אליך מדי שבוע.').waitFor();
    const token = await stack.tokenFor('customer', 'dana@acme.example', 'acme');
    expect((await stack.api('GET', '/organisations/acme/report-subscriptions', token)).body.items.map((s: { frequency: string }) => s.frequency)).toEqual(['weekly']);
    await page.getByRole('radio', { name: 'ללא לוח זמנים' }).click();
    await page.getByText('לא נשלח אליך דוח קבוע.').waitFor();
    await page.close();
  });

  it('R-PORTAL-1: every page passes an accessibility scan (axe-core) with no serious or critical violation, in Hebrew and English', async () => {
    for (const [email, language] of [['dana@acme.example', 'he'], ['sam@acme.example', 'en']] as const) {
      const page = await signedIn(email);
      for (const path of ['/tickets', '/tickets/new', `/tickets/${danaTicket.number}`, '/reports', '/tickets/T-999999', '/no-such-page']) {
        await page.goto(`${stack.urls.portal}${path}`);
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
        await expectAccessible(page, `${path} (${language})`);
      }
      await page.goto(`${stack.urls.portal}/sign-in`);
      await page.getByRole('button', { name: /dana@acme\.example/ }).waitFor();
      await expectAccessible(page, `/sign-in (${language})`);
      await page.close();
    }
  }, 90_000); // 14 pages scanned
});
