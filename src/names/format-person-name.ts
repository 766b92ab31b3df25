import { squeezeWhitespace } from '../kernel/index.js';
import { initialsOf } from './_internal/initials.js';
import { parseNameFormat } from './_internal/parse-name-format.js';
import { readNameParts } from './_internal/read-name-parts.js';
import type { NameFormat, PersonName } from './formats.js';

/**
 * Prints a person's name in a {@link NameFormat}. Parts are trimmed and their inner white space
 * squeezed; `_SHORT` tokens print initials, one per word (`'María José'` → `'M. J.'`), hyphenated
 * names keeping the hyphen (`'Jean-Pierre'` → `'J.-P.'`).
 *
 * Missing parts leave no stray spaces or punctuation: the text between two tokens is printed only
 * when both are present; when the parts between two present tokens are all missing, they are
 * joined by the text that followed the earlier one; text before the first token or after the
 * last one is printed only when that token is present. Text in a part is never read as a token.
 *
 * @param person - The parts of the name; `undefined`, `null` and blank parts count as missing.
 * @param format - The template, such as a value of {@link NAME_FORMATS}.
 * @returns The printed name with squeezed white space, or `''` when every part it uses is missing.
 * @throws {@link ValidationError} `INVALID_NAME_FORMAT` when `format` holds an unknown `#…#` token
 * or no token; `INVALID_ARGUMENT` when `person` is not an object or a part is not a string.
 *
 * @example
 * ```ts
 * formatPersonName({ firstName: 'Ana', lastName: 'García' }, NAME_FORMATS.lastCommaFirst); //=> 'García, Ana'
 * formatPersonName({ firstName: 'Ana' }, NAME_FORMATS.lastCommaFirst); //=> 'Ana'
 * formatPersonName({ firstName: 'Jean-Pierre', lastName: 'Dupont' }, NAME_FORMATS.initialLast); //=> 'J.-P. Dupont'
 * formatPersonName({ firstName: 'María José', lastName: 'López' }, NAME_FORMATS.lastInitial); //=> 'López M. J.'
 * formatPersonName({}, NAME_FORMATS.firstLast); //=> ''
 * ```
 */
export function formatPersonName(person: PersonName, format: NameFormat): string {
  const { literals, tokens } = parseNameFormat(format);
  const parts = readNameParts(person);
  let text = '';
  let previous = -1;
  tokens.forEach(({ field, short }, index) => {
    const value = short ? initialsOf(parts[field]) : parts[field];
    if (value === '') return;
    // literals[i] precedes tokens[i], so literals[previous + 1] is the text that followed the previous one.
    if (previous >= 0) text += literals[previous + 1] ?? '';
    else if (index === 0) text += literals[0] ?? '';
    text += value;
    previous = index;
  });
  if (previous === -1) return '';
  if (previous === tokens.length - 1) text += literals[tokens.length] ?? '';
  return squeezeWhitespace(text);
}
