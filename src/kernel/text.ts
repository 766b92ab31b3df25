import { ValidationError } from './errors.js';

// Letters that Unicode does not decompose into a base letter plus marks.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D',
  ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T',
};
const SPECIAL_LETTER = /[ßẞæÆœŒøØłŁđĐðÐþÞıħĦŧŦ]/g;
const MARKS = /\p{M}+/gu;

function asText(text: unknown): string {
  if (typeof text !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'Expected text.');
  return text;
}
const SPACES = /[\s\p{Zs}\u200b\u2060\ufeff]+/gu;

/**
 * Removes accents and other combining marks (`'Peña'` → `'Pena'`) and spells out letters that
 * Unicode does not decompose (`'ß'` → `'ss'`, `'ø'` → `'o'`), after compatibility decomposition
 * (NFKD, so `'ﬁ'` → `'fi'` and full-width digits become ASCII).
 *
 * @param text - Any text.
 * @returns The text without marks; case is kept except where a special letter is spelled out.
 *
 * @example
 * ```ts
 * foldAccents('José Peña Müller'); //=> 'Jose Pena Muller'
 * foldAccents('Straße'); //=> 'Strasse'
 * ```
 */
export function foldAccents(text: string): string {
  return asText(text)
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(SPECIAL_LETTER, (letter) => SPECIAL_LETTERS[letter] ?? letter);
}

/**
 * Turns every run of white space (including no-break, narrow and zero-width spaces) into one
 * ASCII space and trims both ends.
 *
 * @param text - Any text.
 * @returns The squeezed text.
 *
 * @example
 * ```ts
 * squeezeWhitespace('  Ana \u00a0 María\t García '); //=> 'Ana María García'
 * ```
 */
export function squeezeWhitespace(text: string): string {
  return asText(text).replace(SPACES, ' ').trim();
}

/**
 * The comparison form of a text: accents folded ({@link foldAccents}), lower case, white space
 * squeezed ({@link squeezeWhitespace}). Two texts that a person would call "the same name" fold to
 * the same string; matching and column mapping compare folded texts.
 *
 * @param text - Any text.
 * @returns Its folded form.
 *
 * @example
 * ```ts
 * foldText('  ÁLVARO   Núñez ') === foldText('alvaro nunez'); //=> true
 * foldText('Teléfono móvil'); //=> 'telefono movil'
 * ```
 */
export function foldText(text: string): string {
  return squeezeWhitespace(foldAccents(text).toLowerCase());
}

/**
 * Whether a field value counts as empty, everywhere in crm-kit (required fields, stage
 * requirements, lead conversion, the `isEmpty` filter of every store): absent (`undefined`),
 * `null`, text that is blank after trimming, or an empty list. `0`, `false` and every other value
 * are present.
 *
 * @param value - A field's value.
 * @returns `true` when the value is empty.
 *
 * @example
 * ```ts
 * [isEmptyValue(undefined), isEmptyValue('  '), isEmptyValue([]), isEmptyValue(0), isEmptyValue(false)]; //=> [true, true, true, false, false]
 * ```
 */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
