import { describe, expect, it } from 'vitest';
// Internal: the numbered words that comparison forms are made of.
import { DIFFERENT, SIMILAR, Vocabulary } from '../../src/duplicates/_internal/vocabulary.js';

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
});
