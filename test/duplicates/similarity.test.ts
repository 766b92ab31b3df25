import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal: the string measures behind the comparators.
import { jaroWinkler, tokenOverlap, withinOneEdit } from '../../src/duplicates/_internal/similarity.js';

// Textbook references, written for clarity, to check the fast versions against.
function jaroReference(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const usedA = a.split('').map(() => false);
  const usedB = b.split('').map(() => false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!usedB[j] && a[i] === b[j]) {
        usedA[i] = true;
        usedB[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  const fromA = a.split('').filter((_, i) => usedA[i]);
  const fromB = b.split('').filter((_, j) => usedB[j]);
  const half = fromA.filter((char, i) => char !== fromB[i]).length;
  const jaro = (matches / a.length + matches / b.length + (matches - half / 2) / matches) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function osaReference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', ' ', 'ñ'), maxLength: 40 });

describe('similarity', () => {
  it('Jaro-Winkler equals the textbook definition, short texts (bit flags) and long ones alike', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(jaroWinkler(a, b)).toBeCloseTo(jaroReference(a, b), 12);
      }),
    );
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('Jaro-Winkler is symmetric, 1 for equal texts and within [0, 1]', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const score = jaroWinkler(a, b);
        expect(score).toBe(jaroWinkler(b, a));
        expect(score >= 0 && score <= 1).toBe(true);
        expect(jaroWinkler(a, a)).toBe(1);
      }),
    );
  });

  it('withinOneEdit is true exactly when the optimal string alignment distance is at most one', () => {
    const near = fc.tuple(word, fc.nat(40), fc.constantFrom('insert', 'delete', 'substitute', 'swap')).map(([text, at, edit]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      if (edit === 'insert') return [text, text.slice(0, i) + 'x' + text.slice(i)] as const;
      if (edit === 'delete') return [text, text.slice(0, i) + text.slice(i + 1)] as const;
      if (edit === 'substitute') return [text, text.slice(0, i) + 'z' + text.slice(i + 1)] as const;
      return [text, text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2)] as const;
    });
    fc.assert(
      fc.property(fc.oneof(near, fc.tuple(word, word)), ([a, b]) => {
        expect(withinOneEdit(a, b)).toBe(osaReference(a, b) <= 1);
        expect(withinOneEdit(b, a)).toBe(withinOneEdit(a, b));
      }),
    );
  });

  it('tokenOverlap counts shared distinct words over the shorter list', () => {
    expect(tokenOverlap(['acme', 'iberia'], ['acme', 'iberia', 'holding'])).toBe(1);
    expect(tokenOverlap(['acme', 'iberia'], ['acme', 'france'])).toBe(0.5);
    expect(tokenOverlap(['acme', 'acme'], ['acme'])).toBe(1);
    expect(tokenOverlap([], ['acme'])).toBe(0);
  });
});
