// bench/csv: importing a generated contacts file (realistic columns, ~160 bytes a row) against
// papaparse alone streaming the same bytes, in one process: a dry-run import (decode, parse, map,
// validate, company references and duplicate lookups) and a full import into the memory store,
// each as a ratio of the bare parse time, with rows/s, peak RSS, and the heap growth of the dry run
// between 100,000 rows and the end. It also times the floor under any import with duplicate lookups:
// the same parse plus each row's phones through libphonenumber.
//
// npm run bench -- csv [--rows 1000000]   (or ROWS; default 200,000)
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createAccessPolicy, createCrm, duplicateControl, manualClock, normalisePhone, sequentialIds } from 'crm-kit';
import type { CrmSession } from 'crm-kit';
import { importCsv, openCsv } from 'crm-kit/csv';
import type { CsvImportAccount } from 'crm-kit/csv';
import { createMemoryStore } from 'crm-kit/memory';
import { generateContacts } from './_dedupe-data.js';
import { numberOption, seededRandom } from './_harness.js';

const ROWS = numberOption('rows', 200_000);
const COMPANIES = 1_000;
const format = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number): string => `${format(bytes / 2 ** 20)} MiB`;

const POSITIONS = ['Director comercial', 'Gerente', 'Jefa de compras', 'Técnico', 'Administración', 'CEO'];
const CITIES = ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Zaragoza', 'Málaga', 'Bilbao', 'Murcia', 'Palma', 'Las Palmas de Gran Canaria'];
const SOURCES = ['WEB', 'CALL', 'EMAIL', 'PARTNER', 'RECOMMENDATION'];
const companyName = (n: number): string => `Empresa ${String(n)}, S.L.`;

/** A cell as CSV writes it: quoted when it holds a comma, a quote or a line break. */
function cell(value: string | undefined): string {
  if (value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The file, written once to a temporary folder (its generation is not measured): realistic people
 * from the duplicates benchmark's generator (Spanish names, phones and e-mails as people type
 * them, about one person in five with a second, different-looking record), a work phone for half
 * of them, a company from those stored, a position, a city and postal code, a date of birth, a
 * source and sometimes a comment with quotes: about 160 bytes a row.
 */
function writeFile(folder: string): string {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const parts: string[] = ['ID,First name,Last name,E-mail,Mobile,Work phone,Company,Position,City,Postal code,Date of birth,Source,Comment\r\n'];
  let row = 0;
  for (const { record } of generateContacts({ count: ROWS, seed: 42, region: 'ES' })) {
    const email = record.emails?.[0]?.value;
    const phone = record.phones?.[0]?.value;
    const comment = random() < 0.2 ? 'Llamar el lunes, "urgente"' : undefined;
    const work = random() < 0.5 ? `91 ${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : '';
    parts.push(
      `legacy-${String(row)},${cell(record.firstName)},${cell(record.lastName)},${cell(email)},${cell(phone)},${work},${cell(companyName(Math.floor(random() * COMPANIES)))},${pick(POSITIONS)},${pick(CITIES)},${String(28000 + Math.floor(random() * 999))},${record.birthdate ?? ''},${pick(SOURCES)},${cell(comment)}\r\n`,
    );
    row++;
  }
  const path = join(folder, `contacts-${String(ROWS)}.csv`);
  writeFileSync(path, parts.join(''));
  return path;
}

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 25);
function resetPeak(): void {
  (globalThis as { gc?: () => void }).gc?.();
  peak = process.memoryUsage().rss;
}
function heapNow(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

async function papaparse(path: string): Promise<number> {
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse(createReadStream(path), {
      chunk: (result: Papa.ParseResult<unknown>) => {
        rows += result.data.length;
      },
      complete: () => { resolve(); },
      error: (error: Error) => { reject(error); },
    });
  });
  return rows;
}

/**
 * The floor under any import that looks for duplicates: papaparse, and each row's phones made
 * E.164 by libphonenumber (through crm-kit's normalisePhone), which duplicate keys need.
 */
async function papaparseAndPhones(path: string): Promise<number> {
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse(createReadStream(path), {
      chunk: (result: Papa.ParseResult<string[]>) => {
        for (const cells of result.data) {
          for (const phone of [cells[4], cells[5]]) if (phone !== undefined && phone !== '') normalisePhone(phone, { defaultRegion: 'ES' });
        }
        rows += result.data.length;
      },
      complete: () => { resolve(); },
      error: (error: Error) => { reject(error); },
    });
  });
  return rows;
}

async function readOnly(path: string): Promise<number> {
  const file = await openCsv(createReadStream(path));
  let rows = 0;
  for await (const row of file.rows()) if (row.cells.length > 0) rows++;
  return rows;
}

async function session(): Promise<CrmSession> {
  const crm = createCrm({ store: createMemoryStore(), clock: manualClock('2026-03-02T10:00:00Z'), ids: sequentialIds(), access: createAccessPolicy({ roles: [], orgChart: { departments: [] } }), duplicates: duplicateControl({ defaultRegion: 'ES' }) });
  const me = crm.as({ userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true });
  for (let n = 0; n < COMPANIES; n++) await me.companies.create({ title: companyName(n) });
  return me;
}

async function importing(path: string, dryRun: boolean): Promise<{ account: CsvImportAccount; ms: number; heapAt100k: number; heapAtEnd: number }> {
  const me = await session();
  let heapAt100k = 0;
  resetPeak();
  const started = performance.now();
  let pause = 0;
  const account = await importCsv(me, 'contact', createReadStream(path), {
    dryRun,
    duplicates: 'skip',
    dateFormat: 'YYYY-MM-DD',
    batchSize: 1_000,
    onProgress: (progress) => {
      if (heapAt100k === 0 && progress.rows >= Math.min(100_000, ROWS)) {
        const before = performance.now();
        heapAt100k = heapNow();
        pause += performance.now() - before;
      }
    },
  });
  const ms = performance.now() - started - pause;
  return { account, ms, heapAt100k, heapAtEnd: heapNow() };
}

const folder = mkdtempSync(join(tmpdir(), 'crm-kit-bench-csv-'));
try {
  const path = writeFile(folder);
  const bytes = statSync(path).size;
  console.log(`${format(ROWS)} contacts, ${mib(bytes)} (${format(bytes / ROWS)} bytes a row); ${format(COMPANIES)} companies stored for the Company column\n`);

  // One untimed pass of each reader first, so that neither is measured while it is compiled.
  await papaparse(path);
  await readOnly(path);
  resetPeak();
  let started = performance.now();
  const papaRows = await papaparse(path);
  const papaMs = performance.now() - started;
  const papaPeak = peak;
  await papaparseAndPhones(path);
  started = performance.now();
  await papaparseAndPhones(path);
  const floorMs = performance.now() - started;
  resetPeak();
  started = performance.now();
  const readRows = await readOnly(path);
  const readMs = performance.now() - started;
  const readPeak = peak;
  const dry = await importing(path, true);
  const dryPeak = peak;
  const full = await importing(path, false);
  const fullPeak = peak;

  const line = (label: string, ms: number, rows: number, rss: number, extra = ''): void => { console.log(`${label.padEnd(34)} ${format(ms).padStart(7)} ms  ${format(rows / (ms / 1000)).padStart(9)} rows/s  ${(ms / papaMs).toFixed(2).padStart(5)}× papaparse  peak RSS ${mib(rss)}${extra}`); };
  line('papaparse alone (reference)', papaMs, papaRows, papaPeak, `  (${format(papaRows)} rows incl. header)`);
  console.log(`${'papaparse + phones to E.164 (floor)'.padEnd(34)} ${format(floorMs).padStart(7)} ms  ${format(papaRows / (floorMs / 1000)).padStart(9)} rows/s  ${(floorMs / papaMs).toFixed(2).padStart(5)}× papaparse`);
  line('openCsv: decode + tokenize', readMs, readRows, readPeak);
  line('importCsv dry run', dry.ms, dry.account.rows, dryPeak, `  heap growth 100k→end ${mib(dry.heapAtEnd - dry.heapAt100k)}`);
  line('importCsv into the memory store', full.ms, full.account.rows, fullPeak);
  for (const [label, { account }] of [['dry run', dry], ['import', full]] as const) {
    console.log(`${label}: ${format(account.rows)} rows: imported ${format(account.imported)}, updated ${format(account.updated)}, skipped ${format(account.skipped)}, rejected ${format(account.rejected)}; reasons ${JSON.stringify(account.reasons.slice(0, 3))}`);
  }
  console.log(`\nagainst the floor (papaparse + libphonenumber): dry run ${(dry.ms / floorMs).toFixed(2)}×, import ${(full.ms / floorMs).toFixed(2)}×`);
  console.log(`targets: dry run within 2× of papaparse (${(dry.ms / papaMs).toFixed(2)}×), full import within 4× (${(full.ms / papaMs).toFixed(2)}×), dry-run heap growth from 100k rows under 100 MB (${mib(dry.heapAtEnd - dry.heapAt100k)})`);
} finally {
  clearInterval(sampler);
  rmSync(folder, { recursive: true, force: true });
}
