// Packs the package as npm would publish it, without running prepack (dist/ must be built
// already, so `npm test` builds once), prints its size, and checks the tarball with publint and
// @arethetypeswrong/cli, and runs the packed `crm-kit` bin (help, and a usage error's exit code).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
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

// The bin as a user gets it: unpacked from the tarball, beside this project's node_modules.
function checkBin(tarball: string): void {
  run('tar', ['-xzf', tarball, '-C', folder]);
  symlinkSync(join(root, 'node_modules'), join(folder, 'package', 'node_modules'), 'dir');
  const main = join(folder, 'package', 'dist', 'cli', 'main.js');
  const help = spawnSync(process.execPath, [main, 'import', '--help'], { encoding: 'utf8' });
  const misuse = spawnSync(process.execPath, [main, 'import', '--no-such-option'], { encoding: 'utf8' });
  if (help.status !== 0 || !help.stdout.includes('crm-kit import <file.csv>') || misuse.status !== 2) {
    console.error(`the packed crm-kit bin misbehaves: --help exit ${String(help.status)}, a bad option exit ${String(misuse.status)}\n${help.stderr}${misuse.stderr}`);
    process.exit(1);
  }
  console.log('crm-kit bin: --help and a usage error answer as they should');
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
  checkBin(tarball);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
