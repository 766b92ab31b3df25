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
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

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

  let errors: string[];
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
  });

  // A failed test leaves a screenshot of the page as it was; a passing one must have thrown nothing in the page.
  afterEach(async (context) => {
    try {
      if (context.task.result?.state === 'fail') {
        mkdirSync(RESULTS, { recursive: true });
        await page.screenshot({ path: join(RESULTS, `${context.task.name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
        if (errors.length > 0) console.error(`errors in the page:\n${errors.join('\n')}`);
      } else expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
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
    await expect.poll(() => page.locator('[data-zone="lost"] .zone-count').textContent()).toBe('1 deal');
    expect(await page.locator('.card').count()).toBe(4);
  });

  it('shows the mapping and the account of a dropped CSV file before writing, then imports it, in Spanish', async () => {
    await open('?lang=es');
    const file = 'Nombre;Apellidos;Móvil;Correo electrónico\r\nLucía;Paredes;600 11 22 33;lucia@andes.example\r\nLuis;;;luis@@example\r\n';
    // Dropped on the panel, as a person drags it from their files.
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'contactos.csv', { type: 'text/csv' }));
      return data;
    }, file);
    await page.dispatchEvent('#import', 'drop', { dataTransfer: transfer });
    await page.locator('#import-account').waitFor();
    expect(await page.locator('#import-account').textContent()).toBe('2 filas: 1 por importar, 0 omitidas, 1 rechazadas');
    expect(await page.locator('#mapping tbody tr').allTextContents()).toEqual(['NombreNombre', 'ApellidosApellidos', 'MóvilTeléfono', 'Correo electrónicoCorreo electrónico']);
    expect(await page.locator('#contacts .contact-list > li').count()).toBe(3);
    // Twice, quickly: the rows are written once.
    await page.dblclick('#import-now');
    await expect.poll(() => page.locator('#import-account').textContent()).toBe('2 filas: 1 importadas, 0 omitidas, 1 rechazadas');
    expect(await page.locator('#contacts .contact-list > li').count()).toBe(4);
  });

  it('shows a file it cannot import as refused, with nothing written and no earlier preview left to import', async () => {
    await open();
    await page.setInputFiles('#csv-file', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from('First name,Last name\nLucía,Paredes\n', 'utf8') });
    await page.locator('#import-now').waitFor();
    await page.setInputFiles('#csv-file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('', 'utf8') });
    await expect.poll(() => page.locator('#note').textContent()).toContain('Refused (VALIDATION_FAILED). Nothing was written.');
    expect(await page.locator('#import-now').count()).toBe(0);
    expect(await page.locator('#contacts .contact-list > li').count()).toBe(3);
  });

  it('moves a deal from the keyboard: a stage chosen in its list, then Move, and the focus stays', async () => {
    await open();
    const card = page.locator('.card', { hasText: 'Hooli warehouse' });
    const list = card.locator('select.move');
    expect(await list.getAttribute('aria-label')).toBe('Move Hooli warehouse to');
    await list.selectOption('column:PROPOSAL');
    // Choosing alone moves nothing.
    expect(await page.locator('[data-stage="NEGOTIATION"] .card').count()).toBe(1);
    await card.locator('.move-button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-stage="PROPOSAL"] .card').count()).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^move-button-/);
  });

  it('explains the duplicates in Spanish with Spanish numbers', async () => {
    await open('?lang=es');
    const marta = page.locator('#contacts .contact-list > li', { hasText: 'Marta Sanz Ortega' });
    await marta.locator('.find-duplicates').click();
    await marta.locator('.candidate').waitFor();
    expect(await marta.locator('.explanation li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^teléfonos: mismo número \(\+\d+,\d\)$/)]));
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
    expect(await page.locator('#contacts .contact-list > li').count()).toBe(2);
    await page.click('#undo-merge');
    await expect.poll(() => page.locator('#contacts .contact-list > li').count()).toBe(3);
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
    expect(first.some((file) => /^crm-kit-(?!dependencies)/.test(file))).toBe(true);
    expect(page).toBeLessThanOrEqual(BUDGET.pageGzip);
    expect(crmKit).toBeLessThanOrEqual(BUDGET.crmKitGzip);
  });
});
