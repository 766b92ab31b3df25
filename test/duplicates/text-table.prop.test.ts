import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: the table that numbers a scan's record ids.
import { TextTable } from '../../src/duplicates/_internal/text-table.js';

describe('TextTable', () => {
  it('numbers each distinct text in the order it was first added, and finds it again by an equal text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 2000 }), fc.string(), (texts, absent) => {
        const table = new TextTable();
        const expected = new Map<string, number>();
        for (const text of texts) {
          if (!expected.has(text)) expected.set(text, expected.size);
          // An equal text made anew, not the same string.
          expect(table.numberOf(text.slice(0, 1) + text.slice(1))).toBe(expected.get(text));
        }
        expect(table.texts).toEqual([...expected.keys()]);
        for (const [text, number] of expected) expect(table.find(text)).toBe(number);
        if (!expected.has(absent)) expect(table.find(absent)).toBe(-1);
      }),
    );
  });

  it('finds nothing and refuses to add once it has stopped finding, and keeps its texts', () => {
    const table = new TextTable();
    table.add('contact-1');
    table.stopFinding();
    expect(table.find('contact-1')).toBe(-1);
    expect(() => table.add('contact-2')).toThrow();
    expect(table.texts).toEqual(['contact-1']);
  });
});
