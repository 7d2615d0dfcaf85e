// The desk's browser tests and bench:desk sign in the way the local sign-in page does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, type Browser } from './browser.js';

/** The page script that signs in through the local stack's sign-in and keeps the token where the portal reads it. */
export const localSignIn = (email: string, language: 'he' | 'en') => `(async () => {
  const response = await fetch('/_local/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ${JSON.stringify(email)} }) });
  const { idToken } = await response.json();
  sessionStorage.setItem('portal.session', JSON.stringify({ idToken, refreshToken: null }));
  localStorage.setItem('portal.language', ${JSON.stringify(language)});
})()`;

/**
 * Headless Chromium as test/e2e/browser.ts launches it, plus --disable-web-security: the local API
 * answers no CORS preflight yet (issue 9 item 3 gives it CORS for the portal's origin), and the
 * portal and the API listen on two ports. Remove the flag, and use launchChromium, once it does.
 */
export async function launchDeskChromium(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'desk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, locale: 'en-GB', timezoneId: 'UTC', viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-web-security'],
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
