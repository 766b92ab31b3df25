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

  it('numbers a part of a text as it numbers the part on its own, in a scan\'s vocabulary and in an overlay', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.nat(), fc.nat()), { maxLength: 60 }), (given) => {
        const parts = new Vocabulary();
        for (const [text, x, y] of given) {
          const from = Math.min(x, y) % (text.length + 1);
          const end = from + (Math.max(x, y) % (text.length - from + 1));
          const number = parts.part(text, from, end);
          expect(parts.text(number)).toBe(text.slice(from, end));
          expect(number).toBe(parts.phrase(text.slice(from, end)));
        }
        const overlay = parts.overlay();
        for (const [text] of given) expect(overlay.part(`${text}@x`, 0, text.length)).toBe(overlay.phrase(text));
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
});
