import { foldText, ValidationError } from '../kernel/index.js';
import { isApostrophe, isWordChar } from './_internal/characters.js';

const LETTER = /\p{L}/u;

/**
 * The comparison form of a person's name (whole or a part): accents and case folded, apostrophes
 * removed so that the parts they join stay one word (`"O'Brien"` → `'obrien'`, as it is also
 * written `'OBrien'`), and hyphens, dots and every other punctuation turned into single spaces, so
 * that each part of a double name is a word of its own (`'García-López'` → `'garcia lopez'`) and
 * a record with only one of them can still match it.
 *
 * @param text - A name as typed.
 * @returns The folded words joined by one space, or `undefined` when the text has no letter.
 * @throws ValidationError `INVALID_ARGUMENT` when `text` is not a string.
 *
 * @example
 * ```ts
 * normalisePersonName("  Seán  O'Brien "); //=> 'sean obrien'
 * normalisePersonName('María José García-López'); //=> 'maria jose garcia lopez'
 * normalisePersonName('J.R.R. Tolkien'); //=> 'j r r tolkien'
 * normalisePersonName('--'); //=> undefined
 * ```
 */
export function normalisePersonName(text: string): string | undefined {
  if (typeof text !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'Expected text.');
  const folded = foldText(text);
  let out = '';
  let space = false;
  let letter = false;
  // By code point: a surrogate pair is one character, a lone surrogate one of its own.
  for (const char of folded) {
    const code = char.charCodeAt(0);
    if (isApostrophe(code)) continue;
    if (isWordChar(code, char)) {
      if (space && out !== '') out += ' ';
      space = false;
      out += char;
      letter ||= code < 0x80 ? code >= 97 : LETTER.test(char);
    } else {
      space = true;
    }
  }
  return letter ? out : undefined;
}
