// Shared helpers of the benchmarks: timing, figures, and a seeded generator for workloads.
import { performance } from 'node:perf_hooks';

/** A small seeded generator (mulberry32), so every run measures the same workload. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A whole-number setting of a bench: `--name 20000` on the command line, else the environment
 * variable NAME, else the fallback. Underscores in numbers are allowed (`--rows 100_000`).
 */
export function numberOption(name: string, fallback: number): number {
  const flag = process.argv.indexOf(`--${name}`);
  const given = flag >= 0 ? process.argv[flag + 1] : process.env[name.toUpperCase()];
  if (given === undefined) return fallback;
  const value = Number(given.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`--${name} (or ${name.toUpperCase()}) is a whole number from 1; got ${given}`);
    process.exit(2);
  }
  return value;
}

export interface Timing {
  readonly label: string;
  readonly bestMs: number;
  readonly medianMs: number;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Times two workloads in alternation (subject, reference, subject, ...) after two warm-ups of each,
 * so that both meet the same machine conditions, and keeps each one's best and median.
 */
export function timePair(
  subject: { label: string; run: () => unknown },
  reference: { label: string; run: () => unknown },
  runs: number,
): [Timing, Timing] {
  // Two warm-up runs each: the first compiles, the second lets the optimiser settle.
  for (let i = 0; i < 2; i++) {
    subject.run();
    reference.run();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    [subject, reference].forEach((workload, which) => {
      collect();
      const start = performance.now();
      workload.run();
      samples[which]?.push(performance.now() - start);
    });
  }
  return [summary(subject.label, samples[0]), summary(reference.label, samples[1])];
}

/**
 * {@link timePair} for workloads that await (a store, a service): the same alternation and
 * collection, one workload at a time, after `warmUps` runs of each (two, as in timePair; one is
 * enough for a run long enough to settle the optimiser by itself).
 */
export async function timePairAsync(
  subject: { label: string; run: () => Promise<unknown> },
  reference: { label: string; run: () => Promise<unknown> },
  runs: number,
  warmUps = 2,
): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmUps; i++) {
    await subject.run();
    await reference.run();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [which, workload] of [subject, reference].entries()) {
      collect();
      const start = performance.now();
      await workload.run();
      samples[which]?.push(performance.now() - start);
    }
  }
  return [summary(subject.label, samples[0]), summary(reference.label, samples[1])];
}

function summary(label: string, times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { label, bestMs: sorted[0] ?? Number.NaN, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN };
}

const format = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export interface ReportOptions {
  /** What one of the `rows` is, for the throughput column (`rows/s` by default). */
  readonly unit?: string | undefined;
  /**
   * `speed` (default): reference median / subject median, above 1 when the subject is faster.
   * `cost`: subject median / reference median, how many times the reference's time the subject takes.
   */
  readonly ratio?: 'speed' | 'cost' | undefined;
}

/** Prints a table of timings for `rows` rows each, and the ratio of the reference to the subject. */
export function report(title: string, rows: number, subject: Timing, reference: Timing, options: ReportOptions = {}): void {
  const unit = `${options.unit ?? 'rows'}/s`;
  console.log(`\n${title}`);
  console.log(`${'workload'.padEnd(44)}${'median ms'.padStart(12)}${'best ms'.padStart(12)}${unit.padStart(16)}`);
  for (const t of [subject, reference]) {
    console.log(`${t.label.padEnd(44)}${format(t.medianMs, 1).padStart(12)}${format(t.bestMs, 1).padStart(12)}${format((rows / t.medianMs) * 1000).padStart(16)}`);
  }
  if (options.ratio === 'cost') {
    console.log(`ratio (subject median / reference median): ${format(subject.medianMs / reference.medianMs, 2)}×`);
  } else {
    console.log(`ratio (reference median / subject median): ${format(reference.medianMs / subject.medianMs, 2)}×`);
  }
  const usage = process.memoryUsage();
  console.log(`memory: peak RSS ${format(process.resourceUsage().maxRSS / 1024)} MiB, heap used now ${format(usage.heapUsed / 2 ** 20)} MiB`);
}
