import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityType } from 'crm-kit';
import { createPostgresStore, fromNodePostgres, fromPGlite } from 'crm-kit/postgres';

// The `crm-kit` command line, driven as a person drives it: a subprocess in a folder of its own,
// on fixture files, with the database checked afterwards through crm-kit/postgres. The command is
// bundled from src/ once (its packages left to node_modules, as in the published package), which
// starts in half a second where a TypeScript loader takes one and a half.
const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'node_modules', '.cache', `crm-kit-cli-${String(process.pid)}`, 'main.mjs');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const SERVER = process.env.CRM_KIT_POSTGRES_URL;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Called with each piece of standard error as it comes, and the process, to signal it. */
  readonly onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
}

/** Runs `crm-kit <args>` in a folder, in English unless the environment says otherwise. */
function crmKit(args: readonly string[], options: RunOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      options.onStderr?.(text, child);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** How many records of a type the folder's database holds, read as a host would read it. */
async function countIn(folder: string, entityType: EntityType): Promise<number> {
  const lite = await PGlite.create(folder);
  try {
    return await createPostgresStore({ db: fromPGlite(lite), schema: 'crm' }).repository(entityType).count({});
  } finally {
    await lite.close();
  }
}

const json = (run: Run): Record<string, unknown> => JSON.parse(run.stdout) as Record<string, unknown>;

describe('crm-kit (the command line)', { timeout: 120_000 }, () => {
  let work: string;
  let db: string;
  beforeAll(async () => {
    await build({ entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: BUNDLE, logLevel: 'warning' });
    work = mkdtempSync(join(tmpdir(), 'crm-kit-cli-'));
    db = join(work, 'crm-data');
    for (const file of ['contactos.csv', 'deals.csv']) copyFileSync(join(FIXTURES, file), join(work, file));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(dirname(BUNDLE), { recursive: true, force: true });
  });

  it('answers --help with examples in the language of the locale, and bad usage with exit code 2', async () => {
    const help = await crmKit(['--help'], { cwd: work });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npx crm-kit import contacts.csv --entity contacts');
    const ayuda = await crmKit(['import', '--help'], { cwd: work, env: { LANG: 'es_ES.UTF-8' } });
    expect(ayuda.code).toBe(0);
    expect(ayuda.stdout).toContain('Importa un archivo CSV');
    expect(ayuda.stdout).toContain('Códigos de salida');
    const nothing = await crmKit([], { cwd: work });
    expect(nothing.code).toBe(2);
    const unknown = await crmKit(['impurt'], { cwd: work });
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('"impurt" is not a command of crm-kit.')]);
    const option = await crmKit(['import', 'contactos.csv', '--entity', 'contacts', '--frobnicate'], { cwd: work, env: { LC_ALL: 'es_ES.UTF-8' } });
    expect([option.code, option.stderr]).toEqual([2, expect.stringContaining('--frobnicate no es una opción de esta orden.')]);
    const entity = await crmKit(['import', 'contactos.csv', '--entity', 'wizards', '--json'], { cwd: work });
    expect(entity.code).toBe(2);
    const refused = json(entity).error as { code: string; message: string };
    expect([refused.code, refused.message]).toEqual(['USAGE', expect.stringContaining('--entity is one of: leads, contacts, companies, deals, activities.')]);
    const period = await crmKit(['report', 'funnel', '--period', '2026-13'], { cwd: work });
    expect(period.code).toBe(2);
    // Nothing was opened for any of them: no database folder was made.
    expect(existsSync(db)).toBe(false);
  });

  it('refuses what it cannot use with a message and an exit code, never a stack trace', async () => {
    writeFileSync(join(work, 'not-a-mapping.json'), '{}');
    const mapping = await crmKit(['import', 'contactos.csv', '--entity', 'contacts', '--mapping', 'not-a-mapping.json', '--json'], { cwd: work });
    expect([mapping.code, (json(mapping).error as { code: string }).code]).toEqual([2, 'USAGE']);
    // A folder holding other files is not made into a database.
    const folder = join(work, 'papers');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const notEmpty = await crmKit(['export', '--entity', 'deals', '--db', folder], { cwd: work });
    expect([notEmpty.code, readdirSync(folder)]).toEqual([2, ['notes.txt']]);
    const out = await crmKit(['export', '--entity', 'deals', '--out', join(work, 'no', 'such', 'folder.csv')], { cwd: work });
    expect([out.code, out.stderr.startsWith('ENOENT'), out.stderr.includes('    at ')]).toEqual([1, true, false]);
    const threshold = await crmKit(['dedupe', '--entity', 'contacts', '--threshold', '0x1'], { cwd: work, env: { LANG: 'es_ES.UTF-8' } });
    expect([threshold.code, threshold.stderr]).toEqual([2, expect.stringContaining('--threshold es un número mayor que 0 y como mucho 1.')]);
    expect(existsSync(db)).toBe(false);
  });

  it('imports a Bitrix24 file: prints the mapping, accounts for every row, writes the rejected rows beside it, exits 1', async () => {
    const run = await crmKit(['import', 'contactos.csv', '--entity', 'contacts'], { cwd: work });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Recognised as a bitrix24-es export.');
    expect(run.stdout).toMatch(/Móvil\s+phones \(mobile\)\s+preset 1\.00/);
    expect(run.stdout).toContain('5 rows of contacts: 4 imported, 0 updated, 0 skipped, 1 rejected');
    expect(run.stdout).toMatch(/INVALID_VALUE\s+1/);
    const rejected = readFileSync(join(work, 'contactos.rejected.csv'), 'utf8');
    expect(rejected.split('\r\n')[0]).toBe('ID;Nombre;Apellido;Móvil;Correo electrónico de trabajo;Comentario;Reason');
    expect(rejected).toContain('104;Luis;Peña;;luis@@penayasociados;;Line 6:');
    expect(await countIn(db, 'contact')).toBe(4);
  });

  it('runs a dry run that writes nothing, as JSON, and a second import of the same file that creates nothing', async () => {
    const dry = await crmKit(['import', 'contactos.csv', '--entity', 'contacts', '--dry-run', '--json'], { cwd: work });
    const account = json(dry);
    expect([dry.code, account.dryRun, account.rows, account.writtenThroughLine]).toEqual([1, true, 5, 0]);
    expect((account.mapping as { columns: unknown[] }).columns).toHaveLength(6);
    const again = await crmKit(['import', 'contactos.csv', '--entity', 'contacts', '--json'], { cwd: work });
    expect([json(again).imported, json(again).skipped, json(again).rejected]).toEqual([0, 4, 1]);
    expect(await countIn(db, 'contact')).toBe(4);
  });

  it('exports the records as CSV on standard output, and refuses --json without --out', async () => {
    const run = await crmKit(['export', '--entity', 'contacts', '--columns', 'firstName,lastName,comments'], { cwd: work });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toBe('First name,Last name,Comment');
    expect(run.stdout).toContain('"Llamar por la tarde;\r\nnunca antes de las 16:00"');
    expect(run.stderr).toContain('4 contacts exported.');
    const toFile = await crmKit(['export', '--entity', 'contacts', '--out', 'out.csv', '--json'], { cwd: work });
    expect([toFile.code, json(toFile).rows]).toEqual([0, 4]);
    expect((await crmKit(['export', '--entity', 'contacts', '--json'], { cwd: work })).code).toBe(2);
  });

  it('finds the duplicates with their explanations, merges only the sure ones, and undoes the merge', async () => {
    const scan = await crmKit(['dedupe', '--entity', 'contacts', '--out', 'duplicates.csv'], { cwd: work, env: { CRM_KIT_CONFIG: '' } });
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('1 groups of duplicates (2 records, 1 scored pairs)');
    expect(scan.stdout).toMatch(/\[1\] ↔ \[2\]\s+1\.000\s+name: same name/);
    expect(readFileSync(join(work, 'duplicates.csv'), 'utf8').split('\r\n')).toHaveLength(4);
    writeFileSync(join(work, 'crm-kit.json'), JSON.stringify({ defaultRegion: 'ES' }));
    const merge = await crmKit(['dedupe', '--entity', 'contacts', '--merge-auto', '--json', '--config', 'crm-kit.json'], { cwd: work });
    const merged = json(merge).merged as { mergeId: string; absorbedIds: string[] }[];
    expect([merge.code, merged.length, merged[0]?.absorbedIds.length]).toEqual([0, 1, 1]);
    expect(await countIn(db, 'contact')).toBe(3);
    const undo = await crmKit(['undo-merge', merged[0]?.mergeId ?? '', '--lang', 'es'], { cwd: work });
    expect([undo.code, undo.stdout.trim()]).toEqual([0, 'Combinación deshecha: 1 registros restaurados.']);
    expect(await countIn(db, 'contact')).toBe(4);
    const twice = await crmKit(['undo-merge', merged[0]?.mergeId ?? ''], { cwd: work });
    expect([twice.code, twice.stderr]).toEqual([1, expect.stringContaining('ALREADY_UNDONE')]);
  });

  it('prints the funnels and the metrics of a period, as tables and as JSON', async () => {
    expect((await crmKit(['import', 'deals.csv', '--entity', 'deals'], { cwd: work })).code).toBe(1);
    const year = new Date().toISOString().slice(0, 4);
    const funnel = await crmKit(['report', 'funnel', '--period', year, '--time-zone', 'UTC'], { cwd: work });
    expect(funnel.code).toBe(0);
    expect(funnel.stdout).toContain(`Classic funnel from ${year}-01-01 to ${year}-12-31 (UTC), in EUR`);
    expect(funnel.stdout).toContain('Pipeline default: 4 deals');
    const metrics = await crmKit(['report', 'metrics', '--period', year, '--time-zone', 'UTC', '--json'], { cwd: work });
    const total = json(metrics).total as { won: { count: number; amount: { amount: string } }; lost: { count: number }; open: { count: number; weighted: { amount: string } } };
    expect([metrics.code, total.won.count, total.won.amount.amount, total.lost.count, total.open.count, total.open.weighted.amount]).toEqual([0, 1, '1200.50', 1, 2, '200.00']);
    const spanish = await crmKit(['report', 'metrics', '--period', year, '--time-zone', 'UTC', '--lang', 'es'], { cwd: work });
    // Spanish writes four-digit amounts without a group separator.
    expect(spanish.stdout).toMatch(/Ganadas\s+1\s+1200,50\s€/);
    expect(spanish.stdout).toMatch(/Tasa de éxito\s+50,0\s%/);
  });

  it('stops at a batch boundary on Ctrl-C, says what was written, and leaves nothing half-written', async () => {
    const rows = 200_000;
    const lines = ['First name,Last name,E-mail'];
    for (let at = 0; at < rows; at++) lines.push(`Persona${String(at)},Prueba,persona${String(at)}@example.com`);
    writeFileSync(join(work, 'many.csv'), `${lines.join('\n')}\n`);
    const folder = join(work, 'interrupted');
    let sent = false;
    const run = await crmKit(['import', 'many.csv', '--entity', 'contacts', '--db', folder, '--batch-size', '100'], {
      cwd: work,
      // The first progress line comes once rows are being written.
      onStderr: (text, child) => {
        if (!sent && text.includes('rows done')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('Interrupted: stopping at the end of the batch');
    const through = /every row through line ([\d,]+) was written, none after it/.exec(run.stdout)?.[1];
    expect(through).toBeDefined();
    const writtenLines = Number((through ?? '').replaceAll(',', ''));
    expect(writtenLines).toBeGreaterThan(1);
    expect(writtenLines).toBeLessThan(rows + 1);
    // Every row is on one line after the header: the rows written are exactly those through that line.
    expect(await countIn(folder, 'contact')).toBe(writtenLines - 1);
  });

  it.runIf(SERVER !== undefined && SERVER !== '')('imports into a PostgreSQL server given by URL', async () => {
    const schema = `crm_kit_cli_${String(process.pid)}`;
    const pool = new pg.Pool({ connectionString: SERVER });
    try {
      const run = await crmKit(['import', 'contactos.csv', '--entity', 'contacts', '--db', SERVER ?? '', '--schema', schema, '--json'], { cwd: work });
      expect([run.code, json(run).imported]).toEqual([1, 4]);
      expect(await createPostgresStore({ db: fromNodePostgres(pool), schema }).repository('contact').count({})).toBe(4);
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  });
});
