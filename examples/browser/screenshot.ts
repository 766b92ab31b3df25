// Takes the README's picture of the sales board (`npx tsx examples/browser/screenshot.ts`, after
// `npm run build`): builds the page, serves it, and photographs it in Chromium as Rosa sees it.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const config = join(import.meta.dirname, 'vite.config.ts');
await build({ configFile: config, logLevel: 'warn' });
const server = await preview({ configFile: config, preview: { port: 0 } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  await page.goto(server.resolvedUrls?.local[0] ?? '');
  await page.locator('.card').first().waitFor();
  const marta = page.locator('#contacts li', { hasText: 'Marta Sanz Ortega' });
  await marta.locator('.find-duplicates').click();
  await marta.locator('.candidate').waitFor();
  await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'images', 'sales-board.png'), fullPage: true });
} finally {
  await browser.close();
  await server.close();
}
