// Packs the package as npm would publish it, without running prepack (dist/ must be built
// already, so `npm test` builds once), prints its size, and checks the tarball with publint and
// @arethetypeswrong/cli.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
}

function run(command: string, args: readonly string[], capture = false): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (exit ${result.status ?? 'signal'})`);
    process.exit(1);
  }
  return result.stdout;
}

const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
const folder = mkdtempSync(join(tmpdir(), 'crm-kit-pack-'));
try {
  const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], true)) as PackResult[];
  const pack = packed[0];
  if (pack === undefined) throw new Error('npm pack reported no tarball');
  const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
  console.log(`${pack.filename}: ${kB(pack.size)} packed, ${kB(pack.unpackedSize)} unpacked, ${pack.entryCount} files`);
  const tarball = join(folder, pack.filename);
  run(bin('publint'), ['run', tarball, '--strict']);
  run(bin('attw'), [tarball, '--profile', 'esm-only']);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
