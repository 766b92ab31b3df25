import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: the table that numbers a scan's record ids.
import { TextTable } from '../../src/duplicates/_internal/text-table.js';
import { codeUnit, collidingIds } from './_colliding-texts.js';

// Every text of a table, by number.
const textsOf = (table: TextTable): string[] => Array.from({ length: table.size }, (_, number) => table.text(number));

// Numbers each text not met before, as a scan does: a lookup, then an add.
function numberAll(table: TextTable, texts: readonly string[]): number[] {
  return texts.map((text) => {
    const found = table.find(text);
    return found >= 0 ? found : table.add(text);
  });
}

describe('TextTable', () => {
  it('numbers each distinct text in the order it was first added, and finds it again by an equal text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: codeUnit, maxLength: 6 })), { maxLength: 2000 }), fc.string(), (texts, absent) => {
        const table = new TextTable();
        const expected = new Map<string, number>();
        for (const text of texts) if (!expected.has(text)) expected.set(text, expected.size);
        // Equal texts made anew, not the same strings.
        expect(numberAll(table, texts.map((text) => text.slice(0, 1) + text.slice(1)))).toEqual(texts.map((text) => expected.get(text)));
        expect(textsOf(table)).toEqual([...expected.keys()]);
        for (const [text, number] of expected) expect(table.find(text)).toBe(number);
        if (!expected.has(absent)) expect(table.find(absent)).toBe(-1);
      }),
    );
  });

  it('finds texts added without a lookup first, with lookups of other texts in between', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 8 }), { maxLength: 500 }), fc.array(fc.string({ maxLength: 8 })), (texts, others) => {
        const table = new TextTable();
        texts.forEach((text, index) => {
          table.find(others[index % Math.max(1, others.length)] ?? '');
          expect(table.add(text)).toBe(index);
        });
        texts.forEach((text, index) => {
          expect(table.find(text)).toBe(index);
        });
      }),
    );
  });

  it('gives back every text exactly as it was added, however long, lone surrogates and all', () => {
    const long = 'a\ud800'.repeat(10_000);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: codeUnit, maxLength: 40 }), { maxLength: 50 }), (texts) => {
        const table = new TextTable();
        const distinct = [...new Set([...texts, long])];
        distinct.forEach((text) => table.add(text));
        expect(textsOf(table)).toEqual(distinct);
      }),
      { numRuns: 20 },
    );
  });

  it('tells apart two texts that share a hash', () => {
    const table = new TextTable();
    expect(table.add('989ze')).toBe(0);
    expect(table.find('dienk')).toBe(-1);
    expect(table.add('dienk')).toBe(1);
    expect(table.find('dienk')).toBe(1);
    expect(table.find('989ze')).toBe(0);
  });

  it('numbers and finds 128 ids crafted to share one hash, more than a lookup passes in the slots', () => {
    expect(new Set(collidingIds).size).toBe(128);
    const table = new TextTable();
    expect(numberAll(table, collidingIds)).toEqual(collidingIds.map((_, index) => index));
    // Other texts after them grow the table past the crafted ones; all are found where they were.
    const plain = Array.from({ length: 1000 }, (_, index) => `contact-${String(index)}`);
    expect(numberAll(table, plain)).toEqual(plain.map((_, index) => 128 + index));
    expect(numberAll(table, [...collidingIds, ...plain])).toEqual([...collidingIds, ...plain].map((_, index) => index));
    expect(table.find(`${collidingIds[0] ?? ''}x`)).toBe(-1);
  });

  it('finds nothing and refuses to add once it has stopped finding, and keeps its texts', () => {
    const table = new TextTable();
    table.add('contact-1');
    table.stopFinding();
    expect(table.find('contact-1')).toBe(-1);
    expect(() => table.add('contact-2')).toThrow();
    expect(textsOf(table)).toEqual(['contact-1']);
  });
});
