/**
 * npm run bench:portal — what a first visit to the portal costs (issue 9). Against the seeded
 * local stack (`npm start -- --memory --seed --clock manual`, which builds the portal with
 * `vite build web`), in headless Chromium with a fresh profile per visit (a cold cache):
 * - firstVisitJsGzipKB: the JavaScript and CSS a first visit to the tickets list loads, each
 *   response gzipped (level 6, as a CDN would), summed, in KB. Target: at most 150 KB of JS.
 * - listShownMs: from navigation start to the first row of the tickets list in the page (a
 *   MutationObserver stamps performance.now()), median of 10. Target: within 1 s.
 * The person (dana, with 30 tickets) is signed in before navigating: the token is put in the tab's
 * sessionStorage, as the sign-in leaves it, so the figure is the list, not the sign-in.
 * Last line: {"firstVisitJsGzipKB", "firstVisitCssGzipKB", "listShownMs"}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/e2e/browser.js';
import { startStack } from '../test/e2e/stack.js';

const RUNS = 10;
const TICKETS = 30;

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-portal-'));
console.error('starting the local stack (builds the portal when its sources changed)...');
const stack = await startStack(dataDir, ['--memory', '--seed', '--clock', 'manual']);
try {
  await stack.moveClock({ now: '2030-01-06T08:00:00Z' });
  const dana = await stack.tokenFor('customer', 'dana@acme.example', 'acme');
  for (let i = 0; i < TICKETS; i++) {
    const res = await stack.api('POST', '/tickets', dana, { type: 'incident', severity: 'normal', subject: `Reload ${i} fails`, description: 'It stops at 40%.' });
    if (res.status !== 201) throw new Error(`seeding a ticket answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const { idToken } = await (await fetch(`${stack.urls.portal}/_local/sign-in`, { method: 'POST', body: JSON.stringify({ email: 'dana@acme.example' }) })).json() as { idToken: string };

  // The stack builds the portal at its first request: build it before timing anything.
  const warm = await fetch(`${stack.urls.portal}/`);
  if (!warm.ok) throw new Error(`the portal answered ${warm.status}: ${await warm.text()}`);

  let js = 0;
  let css = 0;
  const shown: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      // Runs in the page before its scripts (a string: the page's globals are not this file's).
      await page.addInitScript({ content: `
        sessionStorage.setItem('portal.session', JSON.stringify({ idToken: ${JSON.stringify(idToken)}, refreshToken: null }));
        new MutationObserver((_, observer) => {
          if (document.querySelector('table.tickets tbody tr')) { window.listShownAt = performance.now(); observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true });` });
      const bodies: Promise<void>[] = [];
      if (run === 0) {
        page.on('response', (response) => {
          const type = response.request().resourceType();
          if (type !== 'script' && type !== 'stylesheet') return;
          bodies.push(response.body().then((body) => {
            const gz = gzipSync(body, { level: 6 }).length;
            if (type === 'script') js += gz; else css += gz;
            if (process.env.BENCH_VERBOSE) console.error(type, gz, response.url());
          }));
        });
      }
      await page.goto(`${stack.urls.portal}/tickets`);
      // A function, not a string: the page's CSP forbids eval.
      await page.waitForFunction(() => typeof (globalThis as Record<string, unknown>).listShownAt === 'number', undefined, { timeout: 30_000 });
      shown.push(await page.evaluate(() => (globalThis as Record<string, unknown>).listShownAt as number));
      await Promise.all(bodies);
    } finally {
      await browser.close();
    }
  }
  console.log(`first visit: ${(js / 1024).toFixed(1)} KB of gzipped JavaScript, ${(css / 1024).toFixed(1)} KB of CSS (target: JS <= 150 KB)`);
  console.log(`list shown: ${shown.map((ms) => ms.toFixed(0)).join(', ')} ms (median ${median(shown).toFixed(0)} ms; target <= 1000 ms)`);
  console.log(JSON.stringify({ firstVisitJsGzipKB: Number((js / 1024).toFixed(1)), firstVisitCssGzipKB: Number((css / 1024).toFixed(1)), listShownMs: Math.round(median(shown)) }));
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
