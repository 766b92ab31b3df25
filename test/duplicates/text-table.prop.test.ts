import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: the table that numbers a scan's record ids.
import { TextTable } from '../../src/duplicates/_internal/text-table.js';
import { codeUnit, collidingIds } from './_colliding-texts.js';

// Every text of a table, by number.
const textsOf = (table: TextTable): string[] => Array.from({ length: table.size }, (_, number) => table.text(number));

function tableOf(texts: readonly string[]): TextTable {
  const table = new TextTable();
  texts.forEach((text, index) => {
    expect(table.add(text)).toBe(index);
  });
  return table;
}

// What repeats() should say: the numbers of texts equal to an earlier one.
function repeatsOf(texts: readonly string[]): number[] {
  const seen = new Set<string>();
  return texts.flatMap((text, number) => {
    if (seen.has(text)) return [number];
    seen.add(text);
    return [];
  });
}

describe('TextTable', () => {
  it('finds every text equal to one numbered before it, and the first number of each text asked for', () => {
    const text = fc.oneof(fc.string({ maxLength: 3 }), fc.string({ unit: codeUnit, maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 2000 }), fc.array(text, { maxLength: 20 }), (texts, asked) => {
        const table = tableOf(texts);
        expect(table.repeats()).toEqual(repeatsOf(texts));
        const expected = new Map<string, number>();
        for (const wanted of asked) if (texts.includes(wanted)) expected.set(wanted, texts.indexOf(wanted));
        expect(table.numbersOf(asked)).toEqual(expected);
      }),
    );
  });

  it('numbers anew without the texts it is told to drop, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }), fc.array(fc.boolean(), { maxLength: 300 }), (texts, drops) => {
        const dropped = texts.flatMap((_, number) => (drops[number] === true ? [number] : []));
        const kept = tableOf(texts).without(dropped);
        expect(textsOf(kept)).toEqual(texts.filter((_, number) => drops[number] !== true));
      }),
    );
  });

  it('gives back every text exactly as it was added, however long, lone surrogates and all', () => {
    const long = 'a\ud800'.repeat(10_000);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: codeUnit, maxLength: 40 }), { maxLength: 50 }), (texts) => {
        const all = [...texts, long, ...texts];
        expect(textsOf(tableOf(all))).toEqual(all);
      }),
      { numRuns: 20 },
    );
  });

  it('tells apart texts that share a hash: 128 ids crafted to one hash, some given twice', () => {
    expect(new Set(collidingIds).size).toBe(128);
    const twice = [...collidingIds, ...collidingIds.filter((_, index) => index % 3 === 0), 'contact-1', 'contact-1'];
    const table = tableOf(twice);
    expect(table.repeats()).toEqual(repeatsOf(twice));
    expect(tableOf(collidingIds).repeats()).toEqual([]);
    expect(table.numbersOf([collidingIds[5] ?? '', 'contact-1', `${collidingIds[0] ?? ''}x`])).toEqual(
      new Map([
        [collidingIds[5] ?? '', 5],
        ['contact-1', twice.length - 2],
      ]),
    );
  });
});
