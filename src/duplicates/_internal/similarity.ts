/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// String similarity for the comparators: Jaro-Winkler for names and titles, "one edit apart" for
// codes, phones and dates, and word overlap for company titles. They run on every candidate pair of
// a scan (millions), so they allocate nothing for texts of up to 32 code units: Jaro's match flags
// are the bits of a number.

const PREFIX_SCALE = 0.1;
const PREFIX_LIMIT = 4;
const BOOST_THRESHOLD = 0.7;

/**
 * The Jaro-Winkler similarity of two texts, from 0 (nothing in common) to 1 (equal): Jaro's
 * matches within half the longer length, transpositions, and Winkler's boost of up to four
 * shared leading characters (scale 0.1) when the Jaro similarity exceeds 0.7. Two empty texts are
 * equal (1); an empty and a non-empty one share nothing (0).
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const jaro = a.length <= 32 && b.length <= 32 ? jaroShort(a, b) : jaroLong(a, b);
  if (jaro <= BOOST_THRESHOLD) return jaro;
  const limit = Math.min(PREFIX_LIMIT, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

function jaroShort(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let flagsA = 0;
  let flagsB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const code = a.charCodeAt(i);
    const high = Math.min(lb - 1, i + window);
    for (let j = Math.max(0, i - window); j <= high; j++) {
      if ((flagsB & (1 << j)) === 0 && b.charCodeAt(j) === code) {
        flagsA |= 1 << i;
        flagsB |= 1 << j;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let j = 0;
  for (let i = 0; i < la; i++) {
    if ((flagsA & (1 << i)) === 0) continue;
    while ((flagsB & (1 << j)) === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++;
    j++;
  }
  return (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
}

function jaroLong(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  const flagsA = new Uint8Array(la);
  const flagsB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const code = a.charCodeAt(i);
    const high = Math.min(lb - 1, i + window);
    for (let j = Math.max(0, i - window); j <= high; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === code) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let j = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++;
    j++;
  }
  return (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
}

/**
 * Whether two texts are at most one edit apart: equal, or one insertion, deletion, substitution,
 * or transposition of two neighbours away (the optimal string alignment distance is at most 1).
 * Codes, phones and dates that differ by one typed key are one edit apart; one pass, no allocation.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  const shorter = Math.min(la, lb);
  while (i < shorter && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // A substitution at i, or the neighbours at i and i + 1 swapped.
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, b, i + 2);
  }
  // One more character in the longer text, at i.
  return la > lb ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/**
 * How much two lists of words (texts, or their numbers in a vocabulary) overlap, from 0 to 1: the
 * words they share over the words of the shorter list, each word counted once. `['acme',
 * 'iberia']` and `['acme', 'iberia', 'holding']` overlap fully (1); `['acme', 'iberia']` and
 * `['acme', 'france']` by half.
 */
export function tokenOverlap<W extends string | number>(a: readonly W[], b: readonly W[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  let shared = 0;
  let distinct = 0;
  for (let i = 0; i < small.length; i++) {
    const word = (small[i] as W);
    if (small.indexOf(word) !== i) continue;
    distinct++;
    if (large.includes(word)) shared++;
  }
  return shared / distinct;
}
