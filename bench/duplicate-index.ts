// bench/duplicate-index: the duplicate warning on create. An index of generated contacts is built
// record by record, then records are checked against it: half of them copies of held records
// with the generator's errors, half new people. Prints adds/s, check latency (p50, p95, p99), the
// heap the index holds, and the same for a straightforward index kept in the same process as the
// reference: a map from the reference scan's exact keys (bench/_dedupe-reference.ts) to records,
// Jaro-Winkler averaged over the compared fields of every candidate.
//
// npm run bench -- duplicate-index [--rows 100000] [--checks 5000]   (the target: --rows 1000000)
import { createDuplicateIndex } from 'crm-kit';
import { generateContacts } from './_dedupe-data.js';
import type { LabelledRecord } from './_dedupe-data.js';
import { DEFAULT_BLOCKING_KEYS, DEFAULT_COMPARED_FIELDS, jaroWinkler } from './_dedupe-reference.js';
import { numberOption } from './_harness.js';

const ROWS = numberOption('rows', 100_000);
const CHECKS = numberOption('checks', 5_000);
const format = (n: number): string => n.toLocaleString('en-US');
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

// Held records, and the checks: for half of them, one member of a generated cluster of
// duplicates is kept out of the index and checked; the other half are people of another run.
const held: LabelledRecord[] = [];
const checks: LabelledRecord[] = [];
let previous: { record: LabelledRecord; cluster: string } | undefined;
for (const { record, cluster } of generateContacts({ count: ROWS + CHECKS / 2, seed: 11, region: 'ES' })) {
  // Members of a cluster come one after another: the second one of a cluster is checked.
  if (previous?.cluster === cluster && checks.length < CHECKS / 2 && previous.record !== checks[checks.length - 1]) checks.push(record);
  else held.push(record);
  previous = { record, cluster };
}
for (const { record } of generateContacts({ count: CHECKS / 2, seed: 12, region: 'ES' })) checks.push({ ...record, id: `new-${record.id}` });

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function measure(name: string, build: () => { check: (record: LabelledRecord) => number }): { p95: number; mean: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  let started = performance.now();
  const index = build();
  const buildMs = performance.now() - started;
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  for (const record of checks.slice(0, 200)) index.check(record); // warm-up
  const times: number[] = [];
  let found = 0;
  for (const record of checks) {
    started = performance.now();
    found += index.check(record);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  console.log(
    `${name.padEnd(10)} build ${format(Math.round(buildMs))} ms (${format(Math.round(held.length / (buildMs / 1000)))} adds/s), heap ${format(Math.round(heap / 2 ** 20))} MiB (${format(Math.round(heap / held.length))} B/record); ` +
      `check p50 ${percentile(times, 0.5).toFixed(3)} ms, p95 ${percentile(times, 0.95).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms, mean ${mean.toFixed(3)} ms; ${format(found)} candidates`,
  );
  return { p95: percentile(times, 0.95), mean };
}

console.log(`${format(held.length)} held contacts (ES), ${format(checks.length)} checks (half duplicates of held ones), default criteria`);
const subject = measure('crm-kit', () => {
  const index = createDuplicateIndex({ entityType: 'contact', defaultRegion: 'ES' });
  for (const record of held) index.add(record);
  return { check: (record) => index.check(record).length };
});
const reference = measure('reference', () => {
  const blocks = new Map<string, LabelledRecord[]>();
  for (const record of held) {
    for (const key of DEFAULT_BLOCKING_KEYS) {
      const text = key(record);
      if (text === undefined) continue;
      const block = blocks.get(text);
      if (block === undefined) blocks.set(text, [record]);
      else block.push(record);
    }
  }
  return {
    check(record) {
      const candidates = new Set<LabelledRecord>();
      for (const key of DEFAULT_BLOCKING_KEYS) {
        const text = key(record);
        const block = text === undefined ? undefined : blocks.get(text);
        if (block !== undefined && block.length <= 100) for (const candidate of block) candidates.add(candidate);
      }
      let found = 0;
      for (const candidate of candidates) {
        let sum = 0;
        let compared = 0;
        for (const field of DEFAULT_COMPARED_FIELDS) {
          const left = field(record);
          const right = field(candidate);
          if (left === undefined || right === undefined) continue;
          sum += jaroWinkler(left, right);
          compared++;
        }
        if (compared >= 2 && sum / compared >= 0.88) found++;
      }
      return found;
    },
  };
});
console.log(`ratio (crm-kit / reference): p95 ${(subject.p95 / reference.p95).toFixed(2)}×, mean ${(subject.mean / reference.mean).toFixed(2)}×`);
