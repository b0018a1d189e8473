// Debian's Chromium, headless, driven by playwright-core (which downloads no browser of its own).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { PROJECT } from './service.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(PROJECT, 'target', 'console-screenshots');
/** A common laptop screen: the console must be readable at this size. */
export const VIEWPORT = { width: 1366, height: 768 };

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it with "apt-get install chromium" (or set CHROMIUM_PATH)`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // this machine has no network but the package registries: keep Chromium from calling home
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page in Japanese (the service's default language), collecting any script or CSP error. */
export async function newPage(browser, baseUrl, locale = 'ja-JP') {
  const context = await browser.newContext({ viewport: VIEWPORT, locale, baseURL: baseUrl });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') {
      page.errors.push(`console error: ${m.text()}`);
    }
  });
  return page;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
