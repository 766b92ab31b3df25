import { foldText, ValidationError } from '../kernel/index.js';

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// Apostrophes join: "O'Brien" is also written 'OBrien', rarely 'O Brien'. U+02BC is a letter
// (modifier letter apostrophe) but is written as an apostrophe.
function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2bc || code === 0x60 || code === 0xb4 || code === 0x2018;
}

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
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    let char = folded[i] ?? '';
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length) {
      const next = folded.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) char = folded.slice(i, ++i + 1);
    }
    if (isApostrophe(code)) continue;
    if (code < 0x80 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) : LETTER_OR_DIGIT.test(char)) {
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
