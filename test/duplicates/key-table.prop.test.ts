import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: the sort that groups a scan's blocking keys.
import { sortByHash } from '../../src/duplicates/_internal/key-table.js';

// Halves drawn from a few values, negative ones included, so that equal keys and keys whose high
// halves collide are common.
const half = fc.constantFrom(0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 65_536, 123_456_789);

describe('sortByHash', () => {
  it('orders keys by their high then low halves read as unsigned, keeps equal keys in input order, starts a run at each new hash, and carries each key\'s record and criterion along', () => {
    fc.assert(
      // Keys record by record, as a scan numbers them: some records hold none.
      fc.property(fc.array(fc.array(fc.tuple(half, half, fc.nat({ max: 127 })), { maxLength: 5 }), { maxLength: 100 }), (records) => {
        const keys = records.flatMap((held, record) => held.map(([h, l, of]) => ({ h, l, of, record })));
        const high = Int32Array.from(keys.map(({ h }) => h));
        const low = Int32Array.from(keys.map(({ l }) => l));
        const criterion = Uint8Array.from(keys.map(({ of }) => of));
        const firstKey = Int32Array.from([0, ...records.map((_, record) => records.slice(0, record + 1).reduce((total, held) => total + held.length, 0))]);
        const unsigned = (halves: Int32Array, index: number): number => (halves[index] ?? 0) >>> 0;
        const expected = keys.map((_, index) => index).sort((x, y) => unsigned(high, x) - unsigned(high, y) || unsigned(low, x) - unsigned(low, y) || x - y);
        const sorted = sortByHash(high, low, firstKey, criterion);
        const { order, runStarts } = sorted;
        expect(Array.from(order)).toEqual(expected);
        expect(Array.from(sorted.record)).toEqual(expected.map((index) => keys[index]?.record));
        expect(Array.from(sorted.criterion)).toEqual(expected.map((index) => criterion[index]));
        const starts = expected.flatMap((index, q) => (q === 0 || high[index] !== high[expected[q - 1] ?? 0] || low[index] !== low[expected[q - 1] ?? 0] ? [q] : []));
        expect(Array.from(runStarts)).toEqual([...starts, keys.length]);
      }),
    );
  });
});
