// A parsed set of code points, made quick to test: a bitmap for ASCII (nearly every character of
// ordinary values) and, above it, sorted ranges plus the native escapes. A native RegExp here only
// ever sees one code point against one class escape, which cannot backtrack.
import type { SetSpec } from './parse-pattern.js';

/** A set of code points, ready to test. */
export interface CodePointSet {
  /** Membership of code points 0 to 127, one bit each, in four words. */
  readonly ascii: Uint32Array;
  /** Membership of a code point of 128 or more. */
  readonly hasWide: (codePoint: number) => boolean;
}

/** Native one-code-point testers, shared by the sets of one program. */
export type NativeEscapes = Map<string, RegExp>;

/**
 * Builds the tester of a set.
 *
 * @param spec - The set as parsed.
 * @param natives - Testers already built for escapes such as `\p{L}`, added to as needed.
 */
export function compileSet(spec: SetSpec, natives: NativeEscapes): CodePointSet {
  const testers = spec.escapes.map((escape) => {
    let tester = natives.get(escape);
    if (tester === undefined) {
      tester = new RegExp(`^${escape}$`, 'u');
      natives.set(escape, tester);
    }
    return tester;
  });
  // Ranges above ASCII, flattened [from, to, from, to, …] and sorted (the parser merged them).
  const bounds = Int32Array.from(spec.ranges.filter(([, to]) => to >= 128).flatMap(([from, to]) => [from, to]));
  const negated = spec.negated;
  const hasWide = (codePoint: number): boolean => {
    let inside = inRanges(bounds, codePoint);
    if (!inside && testers.length > 0) {
      const text = String.fromCodePoint(codePoint);
      inside = testers.some((tester) => tester.test(text));
    }
    return inside !== negated;
  };
  const ascii = new Uint32Array(4);
  for (const [from, to] of spec.ranges) {
    for (let c = from; c <= Math.min(to, 127); c++) ascii[c >>> 5] = (ascii[c >>> 5] ?? 0) | (1 << (c & 31));
  }
  for (let c = 0; c < 128; c++) {
    const bit = 1 << (c & 31);
    const word = ascii[c >>> 5] ?? 0;
    let inside = (word & bit) !== 0;
    if (!inside && testers.length > 0) inside = testers.some((tester) => tester.test(String.fromCharCode(c)));
    ascii[c >>> 5] = inside !== negated ? word | bit : word & ~bit;
  }
  return { ascii, hasWide };
}

function inRanges(bounds: Int32Array, codePoint: number): boolean {
  let low = 0;
  let high = (bounds.length >>> 1) - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (codePoint < (bounds[middle * 2] ?? 0)) high = middle - 1;
    else if (codePoint > (bounds[middle * 2 + 1] ?? 0)) low = middle + 1;
    else return true;
  }
  return false;
}
