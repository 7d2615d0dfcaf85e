// `npm run web:desk-screenshots`: the README's pictures of the agent desk (docs/desk-*.png), taken
// in headless Chromium against a seeded local stack with the manual clock, the browser's clock set
// to the stack's so the countdowns read as they would at that hour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../test/e2e/browser.js';
import { ROOT, startStack } from '../../test/e2e/stack.js';

const THU_1300 = '2027-09-30T10:00:00.000Z'; // Thursday 30 September 2027, 13:00 in Israel, before Rosh Hashana
const MON_0900 = '2027-10-04T06:00:00.000Z';
const TICKETS = [
  { who: 'dana', type: 'incident', severity: 'urgent', subject: 'לוח הבקרה של המכירות לא נטען', description: 'מאז הבוקר השרת מחזיר שגיאה 503.', outage: true },
  { who: 'lee', type: 'incident', severity: 'high', subject: 'Night reload stops at 40%', description: 'The reload log is attached.' },
  { who: 'sam', type: 'service-request', severity: 'normal', subject: 'Upgrade to 2027.4', description: 'Please plan the upgrade for a weekend.' },
  { who: 'dana', type: 'incident', severity: 'normal', subject: 'הרשאות משתמש חדש', description: 'משתמש חדש לא רואה את האפליקציה.' },
  { who: 'lee', type: 'incident', severity: 'urgent', subject: 'Orders API times out', description: 'Every call takes 30 s since 12:00.' },
] as const;
const PEOPLE = { dana: ['dana@acme.example', 'acme'], sam: ['sam@acme.example', 'acme'], lee: ['lee@globex.example', 'globex'] } as const;

const dataDir = mkdtempSync(path.join(tmpdir(), 'desk-shots-'));
const stack = await startStack(dataDir, ['--memory', '--seed', '--clock', 'manual']);
const browser = await launchChromium({ locale: 'en-GB' });
try {
  await fetch(`${stack.urls.portal}/`); // the stack builds the portal at its first request
  await stack.moveClock({ now: THU_1300 });
  const tier1 = await stack.tokenFor('agent-tier1', 'tier1@center.example');
  const tier2 = await stack.tokenFor('agent-tier2', 'tier2@center.example');
  const opened: Array<{ id: string; number: string }> = [];
  for (const { who, ...t } of TICKETS) {
    const [email, org] = PEOPLE[who];
    opened.push((await stack.api('POST', '/tickets', await stack.tokenFor('customer', email, org), t)).body);
    await stack.moveClock({ advance: 'PT23M' });
  }
  await stack.api('PATCH', `/tickets/${opened[0]!.id}`, tier1, { assignee: 'tier1@center.example' }, { 'if-match': '*' });
  await stack.api('POST', `/tickets/${opened[0]!.id}/messages`, tier1, { body: 'בודקים את השרת כעת.' });
  await stack.api('POST', `/tickets/${opened[0]!.id}/messages`, tier2, { body: 'The 503s come from the reporting node; its disk is full.', visibility: 'internal' });
  await stack.api('POST', `/tickets/${opened[1]!.id}/transitions`, tier1, { to: 'pending-vendor', vendorCaseNumber: 'QLK-20931' });
  await stack.api('POST', `/tickets/${opened[2]!.id}/escalations`, tier1, { kind: 'internal', reason: 'Tier 2 plans upgrades.' });
  await stack.moveClock({ now: MON_0900 });

  const page = await browser.newPage();
  await page.clock.setFixedTime(new Date(MON_0900));
  await page.setViewportSize({ width: 1400, height: 620 });
  await page.goto(`${stack.urls.portal}/desk?as=tier1@center.example`);
  await page.locator('table.queue tbody tr[data-ticket] td.countdown', { hasText: 'business time' }).first().waitFor();
  await page.screenshot({ path: path.join(ROOT, 'docs', 'desk-queue.png') });
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.goto(`${stack.urls.portal}/desk/tickets/${opened[0]!.number}`);
  await page.locator('.conversation li.internal').waitFor();
  await page.screenshot({ path: path.join(ROOT, 'docs', 'desk-workspace.png') });
  console.log('wrote docs/desk-queue.png, docs/desk-workspace.png');
} finally {
  await browser.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
