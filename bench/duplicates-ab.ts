// bench/duplicates-ab: the scan of this checkout's build against another commit's, in separate
// processes, alternately (A B, B A, ...), on generated contacts streamed as bench/duplicates
// streams them. On this machine two copies of one scan in one process differ by up to 10 % at a
// million records, and runs drift by a quarter over minutes, so a change counts when most pairs
// of runs agree (docs/design-notes.md, "Stop 31: measuring builds, not copies").
//
// npm run build && npm run bench -- duplicates-ab --ref <commit> [--rows 1000000] [--runs 4]
// The other commit is checked out and built once, in a worktree under the system's temporary
// directory, with this checkout's node_modules (`git worktree remove --force <it>` when done).
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { numberOption } from './_harness.js';

interface Scan {
  readonly all: number;
  readonly read: number;
  readonly block: number;
  readonly score: number;
  readonly cluster: number;
  readonly pairs: number;
}

const root = resolve(import.meta.dirname, '..');
const flag = process.argv.indexOf('--ref');
const ref = flag >= 0 ? process.argv[flag + 1] : process.env.REF;
if (ref === undefined) {
  console.error('usage: npm run bench -- duplicates-ab --ref <commit> [--rows 1000000] [--runs 4]');
  process.exit(2);
}
const ROWS = numberOption('rows', 1_000_000);
const RUNS = numberOption('runs', 4);

function run(command: string, args: readonly string[], cwd: string): string {
  const done = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (done.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${done.stderr}`);
  return done.stdout.trim();
}

const ours = join(root, 'dist', 'index.js');
if (!existsSync(ours)) throw new Error('Build this checkout first: npm run build');
const commit = run('git', ['rev-parse', '--verify', `${ref}^{commit}`], root);
const other = join(tmpdir(), `crm-kit-ab-${commit.slice(0, 12)}`);
const theirs = join(other, 'dist', 'index.js');
if (!existsSync(theirs)) {
  if (!existsSync(other)) run('git', ['worktree', 'add', '--detach', other, commit], root);
  if (!existsSync(join(other, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'), 'dir');
  console.log(`building ${commit.slice(0, 12)} in ${other}`);
  run('npm', ['run', '-s', 'build'], other);
}

function scan(entry: string): Scan {
  const line = run(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench', '_scan-once.ts'), entry, String(ROWS)], root);
  return JSON.parse(line.split('\n').at(-1) ?? '') as Scan;
}

const scans: { A: Scan[]; B: Scan[] } = { A: [], B: [] };
for (let r = 0; r < RUNS; r++) {
  for (const side of r % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
    const result = scan(side === 'A' ? theirs : ours);
    scans[side].push(result);
    console.log(`run ${String(r + 1)} ${side === 'A' ? commit.slice(0, 12) : 'this build  '}  ${result.all.toFixed(0)} ms  (read ${result.read.toFixed(0)}, block ${result.block.toFixed(0)}, score ${result.score.toFixed(0)}, cluster ${result.cluster.toFixed(0)})`);
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  const high = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? high : ((sorted[middle - 1] ?? Number.NaN) + high) / 2;
};
const phases = ['all', 'read', 'block', 'score', 'cluster'] as const;
console.log(`\n${ROWS.toLocaleString('en')} contacts, ${String(RUNS)} runs each, medians:`);
for (const [label, list] of [[commit.slice(0, 12), scans.A], ['this build  ', scans.B]] as const) {
  console.log(`${label}  ${phases.map((phase) => `${phase} ${median(list.map((scan) => scan[phase])).toFixed(0)} ms`).join(', ')}`);
}
const faster = scans.B.filter((scan, r) => scan.all < (scans.A[r]?.all ?? Number.NaN)).length;
console.log(`this build / ${commit.slice(0, 12)}: ${(median(scans.B.map((scan) => scan.all)) / median(scans.A.map((scan) => scan.all))).toFixed(3)}×; faster in ${String(faster)} of ${String(RUNS)} pairs of runs`);
if (scans.A.some((scan, r) => scan.pairs !== scans.B[r]?.pairs)) console.log('note: the two builds found different numbers of pairs');
