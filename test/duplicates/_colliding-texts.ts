import fc from 'fast-check';

// Texts for the tables that number and remember texts by a 32-bit hash of their code units
// (text-table.ts, text-memo.ts).

// Pairs of blocks that bring the tables' hash to one state (found by a birthday search): any ids
// made of one block of each pair, in order, share one 32-bit hash.
const COLLIDING_BLOCKS = [
  ['989ze', 'dienk'],
  ['efza6', 'gcyeu'],
  ['slrvw', '8ppfy'],
  ['j6uw2', 'kiqao'],
  ['pefe6', 'x1wwr'],
  ['nqzq2', 'bdo4c'],
  ['5xtj4', 'p9g63'],
] as const;
/** 128 distinct texts with one hash. */
export const collidingIds: readonly string[] = COLLIDING_BLOCKS.reduce<string[]>((ids, pair) => ids.flatMap((id) => pair.map((block) => id + block)), ['']);

/** Any UTF-16 code unit, lone surrogates included: ids and raw names are any text. */
export const codeUnit: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
