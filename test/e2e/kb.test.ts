// The knowledge base in the browser, on one seeded local stack (R-KB-1): suggestions beside the
// new-ticket form while dana types a Hebrew subject (and a deflection when she leaves without a
// ticket), and an article an agent writes and publishes that a customer then finds and reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedArticleId } from '../../bin/local/seed-articles.js';
import { launchChromium, seriousViolations, type Browser } from './browser.js';
import { useStack } from './stack.js';

const stack = useStack('kb-browser', ['--memory', '--seed', '--clock', 'manual']);
let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); }, 60_000);
afterAll(async () => { await browser?.close(); });

const TIMEOUT = { timeout: 30_000 };
const signedIn = async (email: string, path: string): Promise<Page> => {
  const page = await browser.newPage();
  await page.goto(`${stack.urls.portal}${path}?as=${encodeURIComponent(email)}`);
  return page;
};
const statsOf = async (id: string) => {
  const manager = await stack.tokenFor('support-manager', 'manager@center.example');
  return (await stack.api('GET', `/articles/${id}`, manager)).body.stats;
};

describe('R-KB-1: articles suggested beside the new-ticket form', () => {
  it('shows the matching article while dana types a Hebrew subject with prefix letters, and counts a deflection when she leaves without a ticket', async () => {
    const installId = seedArticleId('install-server');
    expect((await statsOf(installId)).deflections).toBe(0);
    const page = await signedIn('dana@acme.example', '/tickets/new');
    const subject = page.getByLabel('נושא');
    await subject.waitFor(TIMEOUT);
    await subject.pressSequentially('בעיה בהתקנה של השרת', { delay: 20 }); // "in-the-installation of the-server"
    const aside = page.getByRole('complementary', { name: 'מאמרים שאולי עונים על השאלה' });
    const suggestion = aside.getByRole('button', { name: 'התקנת שרת הפלטפורמה על Windows Server' });
    await suggestion.waitFor(TIMEOUT);
    expect(await aside.locator('mark').count()).toBeGreaterThan(0); // the matched words are marked
    expect(await seriousViolations(page)).toEqual([]);

    await suggestion.click();
    await aside.getByText('הריצו את קובץ ההתקנה כמנהל מערכת').waitFor(TIMEOUT); // the article, read beside the form
    await page.getByRole('link', { name: 'הקריאות שלי' }).first().click(); // leaves without opening a ticket
    await expect.poll(async () => (await statsOf(installId)).deflections, TIMEOUT).toBe(1);
    await page.close();
  }, 90_000);
});

describe('R-KB-1: an agent writes and publishes an article, and a customer finds it', () => {
  it('is saved as a draft, previewed, published, then found by sam in the information center and voted helpful', async () => {
    const desk = await signedIn('tier1@center.example', '/kb/desk/new');
    await desk.getByLabel('Title').or(desk.getByLabel('כותרת')).first().waitFor(TIMEOUT);
    const label = async (he: string, en: string) => desk.getByLabel(he, { exact: true }).or(desk.getByLabel(en, { exact: true })).first();
    await (await label('כותרת', 'Title')).fill('Quokka connector: loading from the quokka service');
    await (await label('שפה', 'Language')).selectOption('en');
    await (await label('גלוי ל', 'Visible to')).selectOption('customers');
    await (await label('נושאים (מופרדים בפסיקים)', 'Topics (comma-separated)')).fill('connectors');
    await (await label('תוכן (Markdown)', 'Body (Markdown)')).fill('Create a **quokka** connection.\n\n<script>alert(1)</script>');
    const preview = desk.getByRole('region', { name: /Preview|תצוגה מקדימה/ });
    await preview.locator('strong', { hasText: 'quokka' }).waitFor(TIMEOUT); // Markdown rendered
    expect(await preview.locator('script').count()).toBe(0); // raw HTML shown as text
    await desk.getByRole('button', { name: /^(Save|שמירה)$/ }).click();
    const publish = desk.getByRole('button', { name: /^(Publish|פרסום)$/ });
    await publish.waitFor(TIMEOUT);
    await publish.click();
    await desk.getByRole('button', { name: /^(Withdraw|הסרה)$/ }).waitFor(TIMEOUT);
    await desk.close();

    const reader = await signedIn('sam@acme.example', '/kb');
    const search = reader.getByRole('searchbox');
    await search.waitFor(TIMEOUT);
    await search.fill('quokka connections'); // an inflected form
    await search.press('Enter');
    const result = reader.getByRole('link', { name: 'Quokka connector: loading from the quokka service' });
    await result.waitFor(TIMEOUT);
    await result.click();
    await reader.getByRole('heading', { level: 1, name: 'Quokka connector: loading from the quokka service' }).waitFor(TIMEOUT);
    expect(await reader.locator('.kb-body script').count()).toBe(0);
    await reader.getByRole('button', { name: /^(Yes|כן)$/ }).click();
    await reader.getByRole('status').filter({ hasText: /Thank you|תודה/ }).waitFor(TIMEOUT);
    expect(await seriousViolations(reader)).toEqual([]);
    await reader.close();

    // Without a token the `customers` article is neither found nor readable.
    const anonymous = await stack.api('GET', `/articles?q=${encodeURIComponent('quokka')}`, null);
    expect(anonymous.body.items).toEqual([]);
  }, 120_000);
});

describe('R-KB-1: an agent links an article to a ticket from the ticket page', () => {
  it('links it by a search, and the customer sees the link on the ticket and in the conversation', async () => {
    const dana = await stack.tokenFor('customer', 'dana@acme.example', 'acme');
    const opened = await stack.api('POST', '/tickets', dana, { type: 'incident', severity: 'normal', subject: 'הרישיון פג', description: 'אף אחד לא מצליח להתחבר' });
    expect(opened.status).toBe(201);
    const agent = await signedIn('tier1@center.example', `/tickets/${opened.body.id}`);
    const find = agent.getByRole('searchbox', { name: /Find an article to link|חיפוש מאמר לקישור/ });
    await find.waitFor(TIMEOUT);
    await find.fill('רישיון פג');
    await agent.getByRole('button', { name: /הרישיון פג תוקף: מה עושים\?/ }).click();
    await agent.getByRole('link', { name: 'הרישיון פג תוקף: מה עושים?' }).waitFor(TIMEOUT);
    await agent.close();

    const customer = await signedIn('dana@acme.example', `/tickets/${opened.body.id}`);
    const link = customer.getByRole('region', { name: /^(מאמרים לקריאה זו|Articles for this ticket)$/ }) // the profile keeps the last language chosen.getByRole('link', { name: 'הרישיון פג תוקף: מה עושים?' });
    await link.waitFor(TIMEOUT);
    await customer.getByText(`/kb/${seedArticleId('licence-expired')}`).first().waitFor(TIMEOUT); // the conversation's message
    await customer.goto(`${stack.urls.portal}/kb/${seedArticleId('licence-expired')}`);
    await customer.getByRole('heading', { level: 1, name: 'הרישיון פג תוקף: מה עושים?' }).waitFor(TIMEOUT);
    await customer.close();
  }, 120_000);
});
