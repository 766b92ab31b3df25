import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePattern, MAX_PROGRAM_SIZE } from '../../src/fields/_internal/pattern/compile-pattern.js';
import { parsePattern } from '../../src/fields/_internal/pattern/parse-pattern.js';
import { checkPattern, matchesPattern } from '../../src/fields/_internal/safe-pattern.js';
import { createNativeReference } from './native-reference.js';
import { arbPattern, arbValuesFor } from './pattern-arbitraries.js';

const reference = createNativeReference();
afterAll(() => reference.close());

const compiles = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
};

/**
 * Runs the property over random patterns and values, comparing the linear matcher (compiled for
 * values of at most `maxTextLength` code points) with the native engine, and returns how many
 * questions the native engine answered in time.
 */
function compareWithNative(patterns: fc.Arbitrary<string>, maxLength: number, maxTextLength: number, numRuns: number): number {
  let answered = 0;
  const cases = patterns.chain((pattern) => fc.tuple(fc.constant(pattern), arbValuesFor(pattern, maxLength)));
  fc.assert(
    fc.property(cases, ([pattern, texts]) => {
      const checked = checkPattern(pattern, maxTextLength);
      if (!compiles(pattern) || !checked.ok) return;
      const expected = reference.test(pattern, texts, 500);
      if (expected === undefined) return;
      answered++;
      expect(texts.map((text) => [text, matchesPattern(checked.program, text)])).toEqual(texts.map((text, i) => [text, expected[i]]));
    }),
    { numRuns },
  );
  return answered;
}

describe('the linear pattern matcher', () => {
  it('accepts every pattern of the supported grammar that the native engine compiles, and refuses the others as invalid', () => {
    fc.assert(
      fc.property(arbPattern(3), (pattern) => {
        const checked = checkPattern(pattern, 1024);
        if (compiles(pattern)) expect(checked.ok).toBe(true);
        else expect(checked).toMatchObject({ ok: false, code: 'INVALID_FIELD_DEFINITION' });
      }),
      { numRuns: 1000 },
    );
  });

  it('checks the size cap against exactly the program it builds, and never builds a larger one', () => {
    fc.assert(
      fc.property(arbPattern(3, 40), fc.constantFrom(6, 1024), (pattern, maxTextLength) => {
        const parsed = parsePattern(pattern);
        if (!compiles(pattern) || !parsed.ok) return;
        const compiled = compilePattern(parsed.node, maxTextLength);
        if (!compiled.ok) return;
        const { size } = compiled.program;
        expect(size).toBeLessThanOrEqual(MAX_PROGRAM_SIZE);
        expect(size).toBe(compiled.program.op.length + compiled.program.counterWordCount);
        expect(compilePattern(parsed.node, maxTextLength, size).ok).toBe(true);
        expect(compilePattern(parsed.node, maxTextLength, size - 1).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('says whether a whole value matches exactly as the native engine does with the u flag', () => {
    const runs = 1500;
    const answered = compareWithNative(arbPattern(3), 8, 1024, runs);
    expect(answered).toBeGreaterThan(runs / 2); // most patterns compile, and the engine answers most in time
  }, 180_000);

  it('agrees with the native engine on longer values for patterns without nested groups', () => {
    compareWithNative(arbPattern(1), 24, 1024, 1000);
  }, 180_000);

  it('gives the native answers when repetition counts exceed what a value of the length cap can hold', () => {
    // Compiled for values of at most 6 code points, counts up to 14 are cut down to that length.
    compareWithNative(arbPattern(2, 14), 6, 6, 1500);
  }, 180_000);
});
