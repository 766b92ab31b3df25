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

export interface Timing {
  readonly label: string;
  readonly bestMs: number;
  readonly medianMs: number;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs `fn` `runs` times after one warm-up run and keeps the best and median wall time. */
export function time(label: string, runs: number, fn: () => unknown): Timing {
  collect();
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { label, bestMs: samples[0] ?? Number.NaN, medianMs: samples[Math.floor(samples.length / 2)] ?? Number.NaN };
}

const format = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Prints a table of timings for `rows` rows each, and the ratio of the reference to the subject. */
export function report(title: string, rows: number, subject: Timing, reference: Timing): void {
  console.log(`\n${title}`);
  console.log(`${'workload'.padEnd(44)}${'median ms'.padStart(12)}${'best ms'.padStart(12)}${'rows/s'.padStart(16)}`);
  for (const t of [subject, reference]) {
    console.log(`${t.label.padEnd(44)}${format(t.medianMs, 1).padStart(12)}${format(t.bestMs, 1).padStart(12)}${format((rows / t.medianMs) * 1000).padStart(16)}`);
  }
  console.log(`ratio (reference median / subject median): ${format(reference.medianMs / subject.medianMs, 2)}×`);
  const usage = process.memoryUsage();
  console.log(`memory: peak RSS ${format(process.resourceUsage().maxRSS / 1024)} MiB, heap used now ${format(usage.heapUsed / 2 ** 20)} MiB`);
}
