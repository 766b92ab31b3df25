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
  const summary = (label: string, times: number[]): Timing => {
    const sorted = [...times].sort((a, b) => a - b);
    return { label, bestMs: sorted[0] ?? Number.NaN, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN };
  };
  return [summary(subject.label, samples[0]), summary(reference.label, samples[1])];
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
