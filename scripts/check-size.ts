// What a user's bundle pays for crm-kit, measured on the BUILT package (dist/, resolved through
// package.json "exports" as a user's bundler resolves it) with esbuild, minified. Fails when an
// import outgrows its budget, or when a module gains top-level work a bundler must keep (budgets
// and the known exceptions: scripts/size-budgets.ts). Run `npm run build` first.
import { build, type Metafile, type Plugin } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { KEPT_TOP_LEVEL, SIZE_CASES } from './size-budgets.js';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
const failures: string[] = [];
const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

function printTable(rows: readonly (readonly string[])[], leftAligned: readonly number[]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const line = (row: readonly string[]): string =>
    row.map((cell, column) => (leftAligned.includes(column) ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd();
  for (const [index, row] of rows.entries()) {
    console.log(line(row));
    if (index === 0) console.log(line(widths.map((width) => '-'.repeat(width))));
  }
}

// 1. Typical imports. A throwaway consumer project whose node_modules/crm-kit is this package, so
// `crm-kit` resolves through "exports" (not through this repository's tsconfig paths to src/).

/** Minified bytes in the output per package (`crm-kit` for dist/), largest first. */
function bytesByPackage(metafile: Metafile): [string, number][] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (path === 'consumer.js') continue;
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? 'crm-kit';
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
}

const consumer = mkdtempSync(join(tmpdir(), 'crm-kit-size-'));
const sizeRows: string[][] = [['import', 'min', 'budget', 'min+gzip', 'budget', 'share of min']];
try {
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules', 'crm-kit'), 'dir');
  for (const sizeCase of SIZE_CASES) {
    const result = await build({
      stdin: { contents: sizeCase.code, resolveDir: consumer, loader: 'js', sourcefile: 'consumer.js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      // Node built-ins (node:assert in crm-kit/testing) belong to the runtime, not to the bundle.
      external: ['node:*'],
      tsconfigRaw: {},
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    const minified = code.byteLength;
    const gzip = gzipSync(code, { level: 9 }).byteLength;
    const parts = bytesByPackage(result.metafile);
    const total = parts.reduce((sum, [, bytes]) => sum + bytes, 0);
    const shares = parts
      .map(([name, bytes]) => `${name} ${Math.round((bytes / total) * 100)}%`)
      .join(', ');
    const { budget } = sizeCase;
    sizeRows.push([sizeCase.name, kB(minified), kB(budget.minified), kB(gzip), kB(budget.gzip), shares]);
    if (minified > budget.minified) failures.push(`${sizeCase.name}: ${minified} B minified, budget ${budget.minified} B`);
    if (gzip > budget.gzip) failures.push(`${sizeCase.name}: ${gzip} B min+gzip, budget ${budget.gzip} B`);
  }
} finally {
  rmSync(consumer, { recursive: true, force: true });
}
printTable(sizeRows, [0, 5]);

// 2. Top-level work. Each dist/ module is imported for its side effects alone, its own imports left
// out: whatever esbuild still emits is work a bundler must keep whenever the module is in a bundle,
// even for an export that does not need it.

const onlyTheModule: Plugin = {
  name: 'only-the-module',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) =>
      args.importer === '<stdin>' ? { path: join(dist, args.path), sideEffects: true } : { path: args.path, external: true },
    );
  },
};
const modules = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.js'))
  .map((file) => file.split('\\').join('/'))
  .sort();
const kept = new Map<string, number>();
for (const file of modules) {
  // A barrel of `export * from` lines has no code of its own (esbuild would print its helpers).
  if (/^(export \* from "[^"]+";\s*)*$/.test(readFileSync(join(dist, file), 'utf8').replace(/\/\/.*$/gm, '').trim())) continue;
  const result = await build({
    stdin: { contents: `import ${JSON.stringify(file)};`, resolveDir: dist, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    plugins: [onlyTheModule],
    logLevel: 'error',
  });
  const code = (result.outputFiles[0]?.text ?? '').replace(/import\s*(?:[^;"]*?from\s*)?"[^"]+";?/g, '').trim();
  if (code !== '') kept.set(file, code.length);
}
// A key ending in / covers every module below that folder.
const reasonFor = (file: string): string | undefined =>
  Object.entries(KEPT_TOP_LEVEL).find(([key]) => (key.endsWith('/') ? file.startsWith(key) : file === key))?.[1];
const unexpected = [...kept.keys()].filter((file) => reasonFor(file) === undefined);
const stale = Object.keys(KEPT_TOP_LEVEL).filter((key) => ![...kept.keys()].some((file) => (key.endsWith('/') ? file.startsWith(key) : file === key)));
console.log(`\nTop-level work a bundler must keep: ${kept.size} of ${modules.length} modules, ${unexpected.length} not expected`);
const byKey = new Map<string, { modules: number; bytes: number }>();
for (const [file, bytes] of kept) {
  const key = Object.keys(KEPT_TOP_LEVEL).find((k) => k.endsWith('/') && file.startsWith(k)) ?? file;
  const sum = byKey.get(key) ?? { modules: 0, bytes: 0 };
  byKey.set(key, { modules: sum.modules + 1, bytes: sum.bytes + bytes });
}
for (const [key, { modules: count, bytes }] of byKey) {
  const label = key.endsWith('/') ? `${key} (${count} modules)` : key;
  console.log(`  ${label.padEnd(40)} ${kB(bytes).padStart(8)}  ${KEPT_TOP_LEVEL[key] ?? 'NOT EXPECTED'}`);
}
for (const file of unexpected) {
  failures.push(`dist/${file} keeps top-level work: make it droppable (docs/design-notes.md) or list it, with why, in KEPT_TOP_LEVEL`);
}
if (stale.length > 0) console.log(`  (no longer keeps any, remove from KEPT_TOP_LEVEL: ${stale.join(', ')})`);

if (failures.length > 0) {
  console.error(`\nFAILED (scripts/size-budgets.ts):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
