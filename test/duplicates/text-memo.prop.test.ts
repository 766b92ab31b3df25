import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: what a scan's vocabulary remembers of the raw texts it has normalised.
import { TextMemo } from '../../src/duplicates/_internal/text-memo.js';
import { codeUnit, collidingIds } from './_colliding-texts.js';

// Remembers the next number for each text not met before, as the vocabulary does: a lookup, then a set.
function rememberAll(memo: TextMemo, texts: readonly string[], numberOf: (text: string) => number): number[] {
  return texts.map((text) => {
    const found = memo.get(text, 0, text.length);
    return found >= 0 ? found : memo.set(text, 0, text.length, numberOf(text));
  });
}

describe('TextMemo', () => {
  it('gives back the number remembered for a text, by its code units, whether it is kept in its slot or apart', () => {
    // Short texts (in the slot) and long ones (apart), of any code units: high halves, lone surrogates.
    const text = fc.oneof(fc.string({ maxLength: 10 }), fc.string({ unit: codeUnit, maxLength: 10 }), fc.string({ unit: codeUnit, minLength: 9, maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 1500 }), text, (texts, absent) => {
        const memo = new TextMemo();
        const expected = new Map<string, number>();
        // Numbers that are not the order of first meeting: the memo keeps whatever it is given.
        const numberOf = (given: string): number => given.length * 1000 + expected.size;
        for (const given of texts) if (!expected.has(given)) expected.set(given, numberOf(given));
        const fresh = new Map<string, number>();
        expect(
          rememberAll(memo, texts, (given) => {
            fresh.set(given, given.length * 1000 + fresh.size);
            return fresh.get(given) ?? -1;
          }),
        ).toEqual(texts.map((given) => expected.get(given)));
        expect(memo.size).toBe(expected.size);
        // Equal texts made anew, not the same strings.
        for (const [given, number] of expected) expect(memo.get(` ${given}`.slice(1), 0, given.length)).toBe(number);
        if (!expected.has(absent)) expect(memo.get(absent, 0, absent.length)).toBe(-1);
      }),
    );
  });

  it('remembers a part of a text as the part on its own, and tells it from the whole and from its neighbours', () => {
    const memo = new TextMemo();
    const address = 'Ana.Garcia@Example.COM';
    memo.set(address, 0, 10, 7);
    memo.set(address, 11, address.length, 8);
    expect(memo.get('Ana.Garcia', 0, 10)).toBe(7);
    expect(memo.get(`x@${address}`, 2, 12)).toBe(7);
    expect(memo.get('Example.COM', 0, 11)).toBe(8);
    expect(memo.get(address, 0, address.length)).toBe(-1);
    expect(memo.get(address, 0, 9)).toBe(-1);
    expect(memo.get('ana.garcia', 0, 10)).toBe(-1);
  });

  it('remembers 128 texts crafted to share one hash, more than a lookup passes in the slots, and every other text after them', () => {
    const numbered = [...collidingIds, ...Array.from({ length: 2000 }, (_, index) => `garcía-${String(index)}`)];
    const numbers = new Map(numbered.map((text, index) => [text, index]));
    const memo2 = new TextMemo();
    expect(rememberAll(memo2, numbered, (text) => numbers.get(text) ?? -1)).toEqual(numbered.map((_, index) => index));
    // Asked again after the table has grown past the crafted ones: each where it was.
    expect(rememberAll(memo2, numbered, () => -1)).toEqual(numbered.map((_, index) => index));
    expect(memo2.size).toBe(numbered.length);
    expect(memo2.get(`${collidingIds[0] ?? ''}x`, 0, 36)).toBe(-1);
  });
});
