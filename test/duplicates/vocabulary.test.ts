import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: the numbered words that comparison forms are made of.
import { jaroWinkler, withinOneEdit } from '../../src/duplicates/_internal/similarity.js';
import { DIFFERENT, ONE_EDIT, SAME, SIMILAR, Vocabulary } from '../../src/duplicates/_internal/vocabulary.js';

describe('Vocabulary', () => {
  it('relates two multi-word texts word by word, whether or not a text was numbered as a whole first', () => {
    const fresh = new Vocabulary();
    expect(fresh.relation(fresh.phrase('maria jose'), fresh.phrase('mariah josep'))).toBe(SIMILAR);

    const vocabulary = new Vocabulary();
    // Numbered as a whole only, as a title or a text field's value is.
    const whole = vocabulary.id('maria jose');
    const overlay = vocabulary.overlay();
    expect(overlay.relation(whole, overlay.phrase('mariah josep'))).toBe(SIMILAR);
    expect(overlay.relation(whole, overlay.phrase('pedro luis'))).toBe(DIFFERENT);
  });

  it('numbers a part of a text as it numbers what its normaliser makes of the part on its own, in a scan\'s vocabulary and in an overlay', () => {
    const upper = (text: string): string => text.toUpperCase();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.nat(), fc.nat()), { maxLength: 60 }), (given) => {
        const parts = new Vocabulary();
        for (const [text, x, y] of given) {
          const from = Math.min(x, y) % (text.length + 1);
          const end = from + (Math.max(x, y) % (text.length - from + 1));
          const number = parts.normalised(text, upper, from, end);
          expect(parts.text(number)).toBe(text.slice(from, end).toUpperCase());
          expect(number).toBe(parts.phrase(text.slice(from, end).toUpperCase()));
          expect(parts.normalised(text.slice(from, end), upper)).toBe(number);
        }
        const overlay = parts.overlay();
        for (const [text] of given) expect(overlay.normalised(`${text}@x`, upper, 0, text.length)).toBe(overlay.phrase(text.toUpperCase()));
      }),
    );
  });

  it('an overlay numbers new texts apart and leaves the vocabulary as it was', () => {
    const vocabulary = new Vocabulary();
    const known = vocabulary.phrase('garcia');
    const overlay = vocabulary.overlay();
    const added = overlay.phrase('garcia lopez');
    expect(overlay.id('garcia')).toBe(known);
    expect(overlay.text(added)).toBe('garcia lopez');
    expect(overlay.relation(known, added)).toBe(SIMILAR);
    // The vocabulary never saw it: it numbers it next, as the overlay did.
    expect(vocabulary.id('garcia lopez')).toBe(added);
  });

  it('relates two words as their letters say: the same, one edit apart, Jaro-Winkler at least 0.92, or different (no shortcut changes an answer)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const vocabulary = new Vocabulary();
        const expected = a === b ? SAME : withinOneEdit(a, b) ? ONE_EDIT : jaroWinkler(a, b) >= 0.92 ? SIMILAR : DIFFERENT;
        expect(vocabulary.relation(vocabulary.phrase(a), vocabulary.phrase(b))).toBe(expected);
        // Remembered: asked again, and the other way round, it answers the same.
        expect(vocabulary.relation(vocabulary.phrase(b), vocabulary.phrase(a))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells words apart by their characters only where their letters would (codes that share a bit, long words, words numbered in a phrase)', () => {
    // Letters whose codes share a bit of the character set (a and A and !, b and B and ") and
    // accented ones, in words long enough for Jaro's matching over more than 32 code units.
    const unit = fc.constantFrom('a', 'A', '!', 'b', 'B', '"', 'c', 'n', 'ñ', 'o', 'r', 's', 'z', 'é');
    const word = fc.string({ unit, minLength: 1, maxLength: 40 });
    // A word and another, or the word after a few typos (so that many pairs lie near the bounds).
    const edit = fc.tuple(fc.constantFrom('replace', 'drop', 'add'), fc.nat(), unit);
    const typos = (text: string, edits: readonly (readonly [string, number, string])[]): string =>
      edits.reduce((out, [kind, at, letter]) => {
        const x = at % (out.length + 1);
        if (kind === 'add') return out.slice(0, x) + letter + out.slice(x);
        return x < out.length && out.length > 1 ? out.slice(0, x) + (kind === 'replace' ? letter : '') + out.slice(x + 1) : out;
      }, text);
    const pair = fc.oneof(fc.tuple(word, word), fc.tuple(word, fc.array(edit, { minLength: 1, maxLength: 5 })).map(([a, edits]) => [a, typos(a, edits)] as const));
    fc.assert(
      fc.property(pair, fc.boolean(), ([a, b], inPhrase) => {
        const vocabulary = new Vocabulary();
        if (inPhrase) vocabulary.phrase(`${b} ${a}`);
        const expected = a === b ? SAME : withinOneEdit(a, b) ? ONE_EDIT : jaroWinkler(a, b) >= 0.92 ? SIMILAR : DIFFERENT;
        expect(vocabulary.relation(vocabulary.phrase(a), vocabulary.phrase(b))).toBe(expected);
        expect(vocabulary.overlay().relation(vocabulary.phrase(b), vocabulary.phrase(a))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    // Near the bound: one character in common of five, and all but two of a long word.
    const vocabulary = new Vocabulary();
    expect(vocabulary.relation(vocabulary.phrase('garcia'), vocabulary.phrase('lopez'))).toBe(DIFFERENT);
    expect(vocabulary.relation(vocabulary.phrase('fernandez'), vocabulary.phrase('hernandez'))).toBe(ONE_EDIT);
    expect(vocabulary.relation(vocabulary.phrase('martinez'), vocabulary.phrase('martines'))).toBe(ONE_EDIT);
    expect(vocabulary.relation(vocabulary.phrase('gonzalez'), vocabulary.phrase('gonzales'))).toBe(ONE_EDIT);
    expect(vocabulary.relation(vocabulary.phrase('jonathan'), vocabulary.phrase('johnathon'))).toBe(jaroWinkler('jonathan', 'johnathon') >= 0.92 ? SIMILAR : DIFFERENT);
  });
});
