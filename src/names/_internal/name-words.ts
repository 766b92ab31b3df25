import { foldText } from '../../kernel/index.js';

// Folded forms (see foldText), without a trailing dot.
const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sr', 'sra', 'srta', 'dra', 'don', 'dona', 'herr', 'frau', 'mme', 'mlle',
]);

// Spanish "don"/"doña" go before a first name ("Don Pedro"); the others before a last name.
const FIRST_NAME_HONORIFICS: ReadonlySet<string> = new Set(['don', 'dona']);

// Folded forms. Multi-word particles ("de la", "de los") begin with one of these words.
const PARTICLES: ReadonlySet<string> = new Set([
  'de', 'del', 'van', 'von', 'der', 'den', 'da', 'das', 'do', 'dos', 'di', 'du', 'le', 'la', 'y', 'bin', 'ibn', 'al',
  'ten', 'ter', 'st.', 'st',
]);

// "y" joins two surnames ("Ortega y Gasset"), so the surname begins one word before it.
const JOINERS: ReadonlySet<string> = new Set(['y']);

/**
 * Tells whether a word is a known honorific ("Dr", "dr.", "Doña", "M."). A bare "M" is not one:
 * without its dot it is far more often an initial.
 */
export function isHonorific(word: string): boolean {
  const folded = foldText(word);
  if (folded === 'm.') return true;
  return HONORIFICS.has(folded.endsWith('.') ? folded.slice(0, -1) : folded);
}

/** Tells whether a known honorific goes before a first name rather than a last name. */
export function precedesFirstName(honorific: string): boolean {
  const folded = foldText(honorific);
  return FIRST_NAME_HONORIFICS.has(folded.endsWith('.') ? folded.slice(0, -1) : folded);
}

/**
 * The index where a surname introduced by a particle begins ("María de la Cruz" → 1), or -1 when
 * no particle begins one. The first word is never part of the surname, and a particle must be
 * followed by at least one word that is not a particle.
 */
export function particleSurnameStart(words: readonly string[]): number {
  const folded = words.map(foldText);
  for (let i = 1; i < folded.length; i += 1) {
    const word = folded[i] ?? '';
    if (!PARTICLES.has(word)) continue;
    if (!folded.slice(i + 1).some((rest) => !PARTICLES.has(rest))) return -1;
    if (!JOINERS.has(word)) return i;
    if (i >= 2) return i - 1;
  }
  return -1;
}
