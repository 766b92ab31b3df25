// The characters the text normalisers sort into words, separators and joiners.

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether a character (one code point: `code` is its first UTF-16 unit) is a letter or a digit. */
export function isWordChar(code: number, char: string): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return LETTER_OR_DIGIT.test(char);
}

/**
 * Whether a UTF-16 unit is an apostrophe. Apostrophes join the parts of a word: "O'Brien" is also
 * written 'OBrien', and "McDonald's" 'McDonalds'. U+02BC is a letter (modifier letter apostrophe)
 * but is written as one.
 */
export function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2bc || code === 0x60 || code === 0xb4 || code === 0x2018;
}
