// The sales board in a real browser: the page is built with Vite, served on localhost, and driven
// in Chromium as a person would drive it. Runs where Chromium is installed (`.ci/run` installs it);
// a failing step leaves a screenshot in examples/browser/test-results/.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

const HERE = join(import.meta.dirname, '..');
const CONFIG = join(HERE, 'vite.config.ts');
const RESULTS = join(HERE, 'test-results');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => path !== undefined && path !== '' && existsSync(path));

/** The page's budget: what a visitor downloads before the board shows (gzip), and crm-kit's part of it. */
const BUDGET = { pageGzip: 225_000, crmKitGzip: 140_000 };

describe.runIf(CHROMIUM !== undefined)('the sales board in Chromium', { timeout: 60_000 }, () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    await build({ configFile: CONFIG, logLevel: 'warn' });
    server = await preview({ configFile: CONFIG, preview: { port: 0, strictPort: false } });
    url = server.resolvedUrls?.local[0] ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM ?? 'chromium', args: ['--no-sandbox'] });
  }, 180_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  beforeEach(async (context) => {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    onTestFailed(async () => {
      mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: join(RESULTS, `${context.task.name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
      if (errors.length > 0) console.error(`errors in the page:\n${errors.join('\n')}`);
    });
    return async () => {
      await page.close();
    };
  });

  const open = async (query = ''): Promise<void> => {
    await page.goto(`${url}${query}`);
    await page.locator('.card').first().waitFor();
  };

  it('shows the Finance-only margin to Rosa, and hides it when the person switched to is Ana of Sales', async () => {
    await open();
    expect(await page.locator('.card').count()).toBe(5);
    expect(await page.locator('[data-field="custom.margin"]').count()).toBe(5);
    await page.selectOption('#person', 'ana');
    await expect.poll(() => page.locator('[data-field="custom.margin"]').count()).toBe(0);
    expect(await page.locator('.card').count()).toBe(5);
  });

  it('moves a dragged card to the column it is dropped on, with the totals in euros', async () => {
    await open();
    const card = page.locator('.card', { hasText: 'Acme office fit-out' });
    await card.dragTo(page.locator('[data-stage="PREPARATION"]'));
    await expect.poll(() => page.locator('[data-stage="PREPARATION"] .card').count()).toBe(2);
    expect(await page.locator('[data-stage="PREPARATION"] .column-total').textContent()).toBe('2 deals · €17,200.00');
    // 9,600 USD at 0.92 and 30,000 USD at 0.92, with 20,700 EUR: the board's total in euros.
    expect(await page.locator('#board-total').textContent()).toBe('Open deals: 5 deals · €57,132.00');
  });

  it('asks why when a card is dropped on the lost zone, and counts it lost', async () => {
    await open();
    await page.locator('.card', { hasText: 'Umbrella training' }).dragTo(page.locator('[data-zone="lost"]'));
    await page.locator('#loss-dialog').waitFor();
    await page.selectOption('#loss-reason', 'COMPETITOR');
    await page.click('#confirm-loss');
    await expect.poll(() => page.locator('[data-zone="lost"]').textContent()).toContain('1 deal');
    expect(await page.locator('.card').count()).toBe(4);
  });

  it('shows the mapping and the account of a dropped CSV file before writing, then imports it, in Spanish', async () => {
    await open('?lang=es');
    const file = 'Nombre;Apellidos;Móvil;Correo electrónico\r\nLucía;Paredes;600 11 22 33;lucia@andes.example\r\nLuis;;;luis@@example\r\n';
    await page.setInputFiles('#csv-file', { name: 'contactos.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    await page.locator('#import-account').waitFor();
    expect(await page.locator('#import-account').textContent()).toBe('2 filas: 1 por importar, 0 omitidas, 1 rechazadas');
    expect(await page.locator('#mapping tbody tr').allTextContents()).toEqual(['NombrefirstName', 'ApellidoslastName', 'Móvilphones', 'Correo electrónicoemails']);
    expect(await page.locator('#contacts li').count()).toBe(3);
    await page.click('#import-now');
    await expect.poll(() => page.locator('#import-account').textContent()).toBe('2 filas: 1 importadas, 0 omitidas, 1 rechazadas');
    expect(await page.locator('#contacts li').count()).toBe(4);
  });

  it('explains the duplicates of a contact, merges them, and undoes the merge', async () => {
    await open();
    const marta = page.locator('#contacts li', { hasText: 'Marta Sanz Ortega' });
    await marta.locator('.find-duplicates').click();
    const candidate = marta.locator('.candidate');
    await candidate.waitFor();
    expect(await candidate.locator('.explanation li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^phones: same number/), expect.stringMatching(/^emails: same address/)]));
    await candidate.locator('.merge').click();
    await page.locator('#merged').waitFor();
    expect(await page.locator('#contacts li').count()).toBe(2);
    await page.click('#undo-merge');
    await expect.poll(() => page.locator('#contacts li').count()).toBe(3);
  });

  it('keeps the board in IndexedDB with PGlite: a move survives a reload', async () => {
    await open('?store=pglite');
    await page.locator('.card', { hasText: 'Initech licences' }).dragTo(page.locator('[data-stage="PROPOSAL"]'));
    await expect.poll(() => page.locator('[data-stage="PROPOSAL"] .card').count()).toBe(2);
    await page.reload();
    await page.locator('.card').first().waitFor();
    expect(await page.locator('[data-stage="PROPOSAL"] .card').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Initech licences')]));
  });

  it('ships a page within its budget, with the share of crm-kit printed apart', () => {
    const assets = join(HERE, 'dist', 'assets');
    const files = readdirSync(assets).filter((file) => file.endsWith('.js'));
    // What loads before the board shows: the entry and the chunks index.html preloads with it.
    // PGlite and the PostgreSQL store load only with ?store=pglite.
    const html = readFileSync(join(HERE, 'dist', 'index.html'), 'utf8');
    const first = files.filter((file) => html.includes(`/assets/${file}`));
    const gzip = (file: string): number => gzipSync(readFileSync(join(assets, file))).byteLength;
    const sum = (list: readonly string[]): number => list.reduce((total, file) => total + gzip(file), 0);
    const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
    const crmKit = sum(first.filter((file) => /^crm-kit-(?!dependencies)/.test(file)));
    const dependencies = sum(first.filter((file) => file.startsWith('crm-kit-dependencies-')));
    const page = sum(first);
    const later = sum(files.filter((file) => !first.includes(file)));
    console.log(
      `sales board, gzip: ${kB(page)} before the board shows (crm-kit ${kB(crmKit)}, its dependencies zod, decimal.js, libphonenumber-js, @date-fns/tz and fuse.js ${kB(dependencies)}, the page ${kB(page - crmKit - dependencies)}); ${kB(later)} of JavaScript more with PGlite, besides its WebAssembly`,
    );
    expect(first.length).toBeGreaterThan(2);
    expect(page).toBeLessThanOrEqual(BUDGET.pageGzip);
    expect(crmKit).toBeLessThanOrEqual(BUDGET.crmKitGzip);
  });
});
