// bench/duplicates: quality and speed of findDuplicates at its defaults (threshold, priors, stop
// limit: no tuning per data set), against the straightforward implementation in
// bench/_dedupe-reference.ts (blocking on exact keys, Jaro-Winkler on every candidate pair,
// connected components), in the same process.
//
// Quality: pairwise precision, recall and F1 (pairs inside predicted clusters against true pairs)
// on febrl1-3 and Splink's fake_1000. Speed: generated contacts (bench/_dedupe-data.ts), records/s,
// candidate and compared pairs, and peak RSS; the subject reads its input as a stream.
//
// npm run bench -- duplicates [--rows 100000]   (or ROWS)
import { findDuplicates, matchKeysOf } from 'crm-kit';
import type { DuplicateCriterion, DuplicateReport } from 'crm-kit';
import { blockingRecall, generateContacts, loadFakeSplink, loadFebrl, pairQuality } from './_dedupe-data.js';
import type { LabelledRecord, LabelledSet, PairQuality, Truth } from './_dedupe-data.js';
import { DEFAULT_BLOCKING_KEYS, DEFAULT_COMPARED_FIELDS, FEBRL_BLOCKING_KEYS, FEBRL_COMPARED_FIELDS, findDuplicatesReference } from './_dedupe-reference.js';
import type { ReferenceOptions } from './_dedupe-reference.js';
import { numberOption } from './_harness.js';

const ROWS = numberOption('rows', 100_000);
const format = (n: number): string => n.toLocaleString('en-US');
const figure = (quality: PairQuality): string => `P ${quality.precision.toFixed(4)}  R ${quality.recall.toFixed(4)}  F1 ${quality.f1.toFixed(4)}`;

// What each labelled set holds, as criteria: the fields a CRM user would compare there.
const FEBRL_CRITERIA: DuplicateCriterion[] = [{ field: 'firstName' }, { field: 'lastName' }, { field: 'birthdate' }, { field: 'address' }, { field: 'custom.soc_sec_id', comparator: 'text' }];
const SPLINK_CRITERIA: DuplicateCriterion[] = [{ field: 'firstName' }, { field: 'lastName' }, { field: 'birthdate' }, { field: 'address' }, { field: 'emails' }];

/**
 * Blocking recall: the share of true pairs that share a key the scan blocks on (matchKeysOf's
 * keys; a key that only looks, `>`, pairs only with records holding the same key without it; a key
 * held by more records than the stop limit blocks nothing), as findDuplicates blocks.
 */
function blockingRecallOf(records: readonly LabelledRecord[], truth: ReadonlyMap<string, string>, options: { criteria?: DuplicateCriterion[]; defaultRegion?: string }, stopLimit = 100): number {
  const keysOf = new Map<string, readonly string[]>();
  const holders = new Map<string, number>();
  for (const record of records) {
    const keys = matchKeysOf(record, { entityType: 'contact', ...options });
    keysOf.set(record.id, keys);
    for (const key of keys) {
      const held = key.replace(':>', ':');
      holders.set(held, (holders.get(held) ?? 0) + 1);
    }
  }
  const clusters = new Map<string, string[]>();
  for (const [id, cluster] of truth) if (keysOf.has(id)) (clusters.get(cluster) ?? clusters.set(cluster, []).get(cluster))?.push(id);
  let pairs = 0;
  let blocked = 0;
  const usable = (key: string): boolean => (holders.get(key.replace(':>', ':')) ?? 0) <= stopLimit;
  for (const ids of clusters.values()) {
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        pairs++;
        const a = keysOf.get(ids[x] ?? '') ?? [];
        const b = new Set(keysOf.get(ids[y] ?? '') ?? []);
        const meets = a.some((key) => {
          if (!usable(key)) return false;
          const looks = key.includes(':>');
          const held = key.replace(':>', ':');
          // Held meets held or looking; looking meets held only.
          return b.has(held) || (!looks && b.has(held.replace(':', ':>')));
        });
        if (meets) blocked++;
      }
    }
  }
  return pairs === 0 ? 1 : blocked / pairs;
}

/** The share of true pairs a scan compared: its pairs at the lowest threshold are every pair it scored. */
async function comparedRecall(records: readonly LabelledRecord[], truth: ReadonlyMap<string, string>, options: { criteria?: DuplicateCriterion[]; defaultRegion?: string }): Promise<number> {
  const everything = await findDuplicates(records, { entityType: 'contact', ...options, threshold: Number.MIN_VALUE });
  return blockingRecall(
    everything.pairs.map(({ a, b }) => [a, b] as const),
    truth,
  );
}

async function quality(name: string, set: LabelledSet, criteria: DuplicateCriterion[], reference: ReferenceOptions): Promise<void> {
  let started = performance.now();
  const report: DuplicateReport = await findDuplicates(set.records, { entityType: 'contact', criteria });
  const subjectMs = performance.now() - started;
  started = performance.now();
  const naive = findDuplicatesReference(set.records, reference);
  const referenceMs = performance.now() - started;
  console.log(`${name.padEnd(10)} ${format(set.records.length).padStart(6)} records  crm-kit   ${figure(pairQuality(report.clusters, set.truth))}  ${subjectMs.toFixed(0).padStart(6)} ms  blocking recall ${blockingRecallOf(set.records, set.truth, { criteria }).toFixed(4)} (keys), ${(await comparedRecall(set.records, set.truth, { criteria })).toFixed(4)} (compared)`);
  console.log(`${''.padEnd(10)} ${''.padStart(6)}          reference ${figure(pairQuality(naive.clusters, set.truth))}  ${referenceMs.toFixed(0).padStart(6)} ms`);
}

console.log('quality at the defaults (pairs inside predicted clusters against true pairs)');
for (const name of ['dataset1', 'dataset2', 'dataset3'] as const) {
  await quality(`febrl ${name.slice(-1)}`, loadFebrl(name), FEBRL_CRITERIA, { blockingKeys: FEBRL_BLOCKING_KEYS, fields: FEBRL_COMPARED_FIELDS });
}
await quality('fake_1000', loadFakeSplink(), SPLINK_CRITERIA, {});

// --- Speed on generated contacts --------------------------------------------------------------

/**
 * The truth of generated contacts in a few bytes a record: `contact-<position>` → `person-<n>`
 * kept as n by position, so that the harness's own memory hardly counts in the peak RSS of a scan
 * of a million records (a Map of a million ids costs about 100 MB).
 */
class GeneratedTruth implements Truth {
  #clusters = new Int32Array(1024).fill(-1);

  set(id: string, cluster: string): void {
    const position = Number(id.slice('contact-'.length));
    if (position >= this.#clusters.length) {
      const grown = new Int32Array(Math.max(position + 1, this.#clusters.length * 2)).fill(-1);
      grown.set(this.#clusters);
      this.#clusters = grown;
    }
    this.#clusters[position] = Number(cluster.slice('person-'.length));
  }

  get(id: string): string | undefined {
    const cluster = id.startsWith('contact-') ? this.#clusters[Number(id.slice('contact-'.length))] : undefined;
    return cluster === undefined || cluster < 0 ? undefined : `person-${String(cluster)}`;
  }

  *values(): Generator<string> {
    for (const cluster of this.#clusters) if (cluster >= 0) yield `person-${String(cluster)}`;
  }
}

/** The milliseconds spent producing the input and keeping its truth, which the scan's own time leaves out. */
interface InputClock {
  ms: number;
}

function* streamed(count: number, truth: Map<string, string> | GeneratedTruth, clock: InputClock = { ms: 0 }): Generator<LabelledRecord> {
  const source = generateContacts({ count, seed: 42, region: 'ES' })[Symbol.iterator]();
  for (;;) {
    const started = performance.now();
    const next = source.next();
    // Keeping the truth is the harness's work too, not the scan's.
    if (next.done !== true) truth.set(next.value.record.id, next.value.cluster);
    clock.ms += performance.now() - started;
    if (next.done === true) return;
    yield next.value.record;
  }
}

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const truth = new GeneratedTruth();
const input: InputClock = { ms: 0 };
let started = performance.now();
const report = await findDuplicates(streamed(ROWS, truth, input), { entityType: 'contact', defaultRegion: 'ES' });
const wallMs = performance.now() - started;
// The scan's own time: producing the input is the generator's, and the reference gets it ready-made.
const subjectMs = wallMs - input.ms;
const subjectPeak = Math.max(peak, process.memoryUsage().rss);
const subjectQuality = pairQuality(report.clusters, truth);
const truthById = new Map<string, string>();
const records: LabelledRecord[] = [...streamed(ROWS, truthById)];
started = performance.now();
const naive = findDuplicatesReference(records, { blockingKeys: DEFAULT_BLOCKING_KEYS, fields: DEFAULT_COMPARED_FIELDS });
const referenceMs = performance.now() - started;
clearInterval(sampler);
const { stats } = report;
console.log(`\nspeed: ${format(ROWS)} generated contacts (ES), default criteria (name, phones, e-mails)`);
console.log(`crm-kit    ${subjectMs.toFixed(0).padStart(7)} ms  ${format(Math.round(ROWS / (subjectMs / 1000))).padStart(9)} records/s  candidates ${format(stats.candidatePairs)}  compared ${format(stats.comparedPairs)} (${format(Math.round(stats.comparedPairs / (stats.timings.scoreMs / 1000)))} pairs/s)  ${figure(subjectQuality)}`);
console.log(`           read ${(stats.timings.readMs - input.ms).toFixed(0)} ms, block ${stats.timings.blockMs.toFixed(0)} ms, score ${stats.timings.scoreMs.toFixed(0)} ms, cluster ${stats.timings.clusterMs.toFixed(0)} ms; stopped keys ${format(stats.stoppedValues.length)}; peak RSS ${format(Math.round(subjectPeak / 2 ** 20))} MiB (input streamed)`);
console.log(`           producing the input (and keeping its truth) took another ${input.ms.toFixed(0)} ms (${wallMs.toFixed(0)} ms in all), left out of the scan's time`);
console.log(`reference  ${referenceMs.toFixed(0).padStart(7)} ms  ${format(Math.round(ROWS / (referenceMs / 1000))).padStart(9)} records/s  candidates ${format(naive.candidatePairs.length)}  ${figure(pairQuality(naive.clusters, truth))}  (input in memory)`);
console.log(`ratio (crm-kit / reference time): ${(subjectMs / referenceMs).toFixed(2)}×`);
// Blocking recall needs every record's keys, or every pair the scan compared, at once: measured up
// to 200,000 records.
if (ROWS <= 200_000) {
  console.log(`blocking recall: true pairs sharing a key ${blockingRecallOf(records, truthById, { defaultRegion: 'ES' }).toFixed(4)}, true pairs the scan compared ${(await comparedRecall(records, truthById, { defaultRegion: 'ES' })).toFixed(4)}`);
}
