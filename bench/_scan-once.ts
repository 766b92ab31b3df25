// One scan of generated contacts by the findDuplicates of a given build, for bench/duplicates-ab:
// node --import tsx bench/_scan-once.ts <path of a build's dist/index.js> <rows>
// prints one line of JSON: the scan's milliseconds in all and per phase, the input's own left out.
import { pathToFileURL } from 'node:url';
import type { findDuplicates as FindDuplicates } from 'crm-kit';
import { generateContacts } from './_dedupe-data.js';
import type { LabelledRecord } from './_dedupe-data.js';

const [entry, rowsText] = process.argv.slice(2);
if (entry === undefined || rowsText === undefined) throw new Error('usage: _scan-once.ts <dist/index.js> <rows>');
const build = (await import(pathToFileURL(entry).href)) as { findDuplicates: typeof FindDuplicates };
let inputMs = 0;

// The input streamed as bench/duplicates streams it, the generator's time kept apart.
function* streamed(count: number): Generator<LabelledRecord> {
  const source = generateContacts({ count, seed: 42, region: 'ES' })[Symbol.iterator]();
  for (;;) {
    const started = performance.now();
    const next = source.next();
    inputMs += performance.now() - started;
    if (next.done === true) return;
    yield next.value.record;
  }
}

const started = performance.now();
const report = await build.findDuplicates(streamed(Number(rowsText)), { entityType: 'contact', defaultRegion: 'ES' });
const { readMs, blockMs, scoreMs, clusterMs } = report.stats.timings;
console.log(JSON.stringify({ all: performance.now() - started - inputMs, read: readMs - inputMs, block: blockMs, score: scoreMs, cluster: clusterMs, pairs: report.pairs.length }));
