import { foldText } from '../../kernel/index.js';

// Folded forms (see foldText), without a trailing dot.
const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sr', 'sra', 'srta', 'dra', 'don', 'dona', 'herr', 'frau', 'mme', 'mlle',
]);

// Spanish "Don", "Doña" (folded "dona") are also first names ("Don Johnson"), and English "Dona"
// is one too; they count as an honorific only when two words or more follow them.
const GIVEN_NAME_HONORIFICS: ReadonlySet<string> = new Set(['don', 'dona']);

// Folded forms. Multi-word particles ("de la", "de los") begin with one of these words.
const PARTICLES: ReadonlySet<string> = new Set([
  'de', 'del', 'van', 'von', 'der', 'den', 'da', 'das', 'do', 'dos', 'di', 'du', 'le', 'la', 'y', 'bin', 'ibn', 'al',
  'ten', 'ter', 'st.', 'st',
]);

// "y" joins two surnames ("Ortega y Gasset"), so the surname begins one word before it.
const JOINERS: ReadonlySet<string> = new Set(['y']);

/**
 * Compound given names whose particle belongs to the given name, not to a surname. A closed list,
 * kept in step with docs/names.md; matched on folded words, so case and accents do not matter.
 */
const COMPOUND_GIVEN_NAMES: readonly string[] = [
  'María del Carmen',
  'María de los Ángeles',
  'María de la Luz',
  'José de Jesús',
  'María del Pilar',
  'María del Mar',
  'María de las Mercedes',
  'María del Rosario',
  'María de Lourdes',
  'María de los Dolores',
  'María de la Paz',
  'María del Socorro',
  'María del Rocío',
  'María de Jesús',
  'Juan de Dios',
  'María de Fátima',
];

// Stryker disable next-line ArrowFunction: the module then fails to load, which the vitest runner reports as survived; every compound test fails
const COMPOUND_WORDS: readonly (readonly string[])[] = COMPOUND_GIVEN_NAMES.map((name) => foldText(name).split(' '));
const LONGEST_COMPOUND = Math.max(...COMPOUND_WORDS.map((words) => words.length));
// Stryker disable next-line StringLiteral: every compound has a first word, so the default is never used
const COMPOUND_HEADS: ReadonlySet<string> = new Set(COMPOUND_WORDS.map(([head = '']) => head));

function foldedWord(word: string): string {
  const folded = foldText(word);
  return folded.endsWith('.') ? folded.slice(0, -1) : folded;
}

/**
 * Tells whether a word is a known honorific ("Dr", "dr.", "Doña", "M."). A bare "M" is not one:
 * without its dot it is far more often an initial.
 */
export function isHonorific(word: string): boolean {
  if (foldText(word) === 'm.') return true;
  return HONORIFICS.has(foldedWord(word));
}

/**
 * How many words must follow a known honorific for it to count as one: two for "Don", "Doña" and
 * "Dona", which are also first names ("Don Johnson"), one for the others ("Dr García").
 */
export function wordsNeededAfter(honorific: string): number {
  return GIVEN_NAME_HONORIFICS.has(foldedWord(honorific)) ? 2 : 1;
}

/**
 * The number of words of the known compound given name ({@link COMPOUND_GIVEN_NAMES}) that begins
 * at `words[at]`, or 0 when none begins there.
 */
export function compoundGivenNameAt(words: readonly string[], at: number): number {
  const head = words[at];
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; without it the loop below finds no compound either
  if (head === undefined || !COMPOUND_HEADS.has(foldText(head))) return 0;
  let longest = 0;
  // Only the words a compound can cover: folding the whole tail made callers that scan word by
  // word quadratic.
  const folded = words.slice(at, at + LONGEST_COMPOUND).map(foldText);
  for (const compound of COMPOUND_WORDS) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: no compound is a prefix of another, so at most one matches
    if (compound.length > longest && compound.every((word, index) => folded[index] === word)) longest = compound.length;
  }
  return longest;
}

/**
 * The index where a surname introduced by a particle begins ("María de la Cruz" → 1), or -1 when
 * no particle begins one. The first word is never part of the surname, and a particle must be
 * followed by at least one word that is not a particle.
 */
export function particleSurnameStart(words: readonly string[]): number {
  const folded = words.map(foldText);
  // Stryker disable next-line EqualityOperator: folded[length] reads as '', which is no particle
  for (let i = 1; i < folded.length; i += 1) {
    // Stryker disable next-line StringLiteral: within the loop the word is always there
    const word = folded[i] ?? '';
    if (!PARTICLES.has(word)) continue;
    if (!folded.slice(i + 1).some((rest) => !PARTICLES.has(rest))) return -1;
    if (!JOINERS.has(word)) return i;
    // Stryker disable next-line ConditionalExpression: returning 0 at the second word is read like -1 (the first word is never a surname)
    if (i >= 2) return i - 1;
  }
  return -1;
}
