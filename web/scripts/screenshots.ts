// `npm run web:screenshots`: the README's pictures of the portal (docs/portal-*.png), taken in
// headless Chromium against a seeded local stack, so they show what the code renders today.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../test/e2e/browser.js';
import { ROOT, startStack } from '../../test/e2e/stack.js';

const TICKETS = [
  { type: 'incident', severity: 'urgent', subject: 'לוח הבקרה של המכירות לא נטען', description: 'מאז הבוקר השרת מחזיר שגיאה 503.', outage: true },
  { type: 'service-request', severity: 'normal', subject: 'שדרוג לגרסה 2030.1', description: 'נבקש לתאם שדרוג בסוף השבוע.' },
  { type: 'incident', severity: 'high', subject: 'Night reload stops at 40%', description: 'The reload log is attached.' },
  { type: 'incident', severity: 'normal', subject: 'הרשאות משתמש חדש', description: 'משתמש חדש לא רואה את האפליקציה.' },
];

const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-shots-'));
const stack = await startStack(dataDir, ['--memory', '--seed', '--clock', 'manual']);
const browser = await launchChromium();
try {
  await stack.moveClock({ now: '2030-01-06T08:00:00Z' });
  const dana = await stack.tokenFor('customer', 'dana@acme.example', 'acme');
  const tier1 = await stack.tokenFor('agent-tier1', 'tier1@center.example');
  const ids: string[] = [];
  for (const t of TICKETS) {
    ids.push((await stack.api('POST', '/tickets', dana, t)).body.id);
    await stack.moveClock({ advance: 'PT47M' });
  }
  await stack.api('POST', `/tickets/${ids[0]}/messages`, tier1, { body: 'בודקים את השרת כעת.' });
  await stack.api('POST', `/tickets/${ids[1]}/transitions`, tier1, { to: 'pending-customer', reason: 'באיזה חלון זמן נוח לכם?' });
  await stack.api('POST', `/tickets/${ids[2]}/transitions`, tier1, { to: 'resolved', solution: 'Raised the reload timeout.' });

  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 640 });
  await page.goto(`${stack.urls.portal}/tickets?as=dana@acme.example`);
  await page.locator('table.tickets tbody tr').first().waitFor();
  await page.screenshot({ path: path.join(ROOT, 'docs', 'portal-tickets-he.png') });
  await page.getByRole('link', { name: 'פתיחת קריאה' }).first().click();
  await page.getByLabel('נושא').fill('הטעינה הלילית נכשלת');
  await page.getByLabel('תיאור').fill('הטעינה נעצרת ב-40% מאז יום חמישי.');
  await page.getByRole('radio', { name: 'גבוהה' }).check();
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.screenshot({ path: path.join(ROOT, 'docs', 'portal-new-ticket-he.png'), fullPage: true });
  console.log('wrote docs/portal-tickets-he.png, docs/portal-new-ticket-he.png');
} finally {
  await browser.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
