import { issue, squeezeWhitespace, ValidationError } from '../kernel/index.js';
import { isHonorific, particleSurnameStart, precedesFirstName } from './_internal/name-words.js';
import { parseNameFormat } from './_internal/parse-name-format.js';
import type { NameField, TokenSpec } from './_internal/parse-name-format.js';
import type { NameFormat, PersonName } from './formats.js';

type GivenField = 'firstName' | 'secondName';
type OrderField = GivenField | 'lastName';
type Parts = Partial<Record<NameField, string>>;

/**
 * Splits a single "full name" text, such as an imported "Name" column, into the parts of a
 * {@link PersonName}, reading the order of its names from a {@link NameFormat}.
 *
 * - White space is squeezed; a blank text gives `{}`.
 * - A leading honorific (Mr, Mrs, Ms, Miss, Dr, Prof, Sr, Sra, Srta, Dra, Don, Doña, Herr, Frau,
 *   M., Mme, Mlle; any case, dot optional except for "M.") goes to `honorific` when a word follows
 *   it. One word after it is a last name ("Dr García"), or a first name after Don and Doña.
 * - With a comma, the text before it is the last name and the text after it the first name; when
 *   the format has a second name, the first word after the comma is the first name and the rest
 *   the second name. Further commas are read as spaces.
 * - Otherwise the format's order of names (`#NAME#`, `#SECOND_NAME#`, `#LAST_NAME#` or their
 *   `_SHORT` forms) decides. One word goes to the name the format puts first. In last-name-first
 *   formats the given names are the last words and the surname gets every word before them
 *   ("García López Juan" → `'García López'`, `'Juan'`). In first-name-first formats a surname
 *   particle (de, del, de la, van, von, da, di, du, le, la, bin, ibn, al, ten, ter, st., ...)
 *   begins the surname ("María de la Cruz" → `'María'`, `'de la Cruz'`; "y" takes the word
 *   before it: "José Ortega y Gasset" → `'José'`, `'Ortega y Gasset'`); words before the surname
 *   are the first name, then the second name. Without a particle the first word is the first
 *   name, the next the second name when the format has one and three words or more are left,
 *   and the surname gets every other word ("Juan García López" → `'Juan'`, `'García López'`).
 * - A format that names only given names or only the last name puts every word there; a format
 *   that names no name at all (`'#TITLE#'`) is read as `'#NAME# #LAST_NAME#'`.
 *
 * No word is ever dropped, and the result has only non-empty parts as keys.
 *
 * @param text - The full name.
 * @param format - The format the text is written in, such as a value of {@link NAME_FORMATS}.
 * @returns The parts found, without `undefined` values.
 * @throws {@link ValidationError} `INVALID_NAME_FORMAT` when `format` is invalid (see
 * {@link assertNameFormat}); `INVALID_ARGUMENT` when `text` is not a string.
 *
 * @example
 * ```ts
 * splitFullName('Juan García López', NAME_FORMATS.firstLast); //=> { firstName: 'Juan', lastName: 'García López' }
 * splitFullName('García López Juan', NAME_FORMATS.lastFirst); //=> { firstName: 'Juan', lastName: 'García López' }
 * splitFullName('Juan Carlos de la Cruz', NAME_FORMATS.firstSecondLast); //=> { firstName: 'Juan', secondName: 'Carlos', lastName: 'de la Cruz' }
 * splitFullName('Dr. Smith, John', NAME_FORMATS.firstLast); //=> { honorific: 'Dr.', firstName: 'John', lastName: 'Smith' }
 * splitFullName('  ', NAME_FORMATS.firstLast); //=> {}
 * ```
 */
export function splitFullName(text: string, format: NameFormat): PersonName {
  const order = nameOrder(parseNameFormat(format).tokens);
  if (typeof text !== 'string') {
    throw new ValidationError('INVALID_ARGUMENT', 'A full name must be a string.', {
      issues: [issue('INVALID_ARGUMENT', 'Expected a string.', ['text'])],
    });
  }
  const squeezed = squeezeWhitespace(text);
  if (squeezed === '') return {};
  let words = squeezed.split(' ');
  let honorific = '';
  const [head, ...tail] = words;
  if (head !== undefined && tail.length > 0 && isHonorific(head)) {
    honorific = head;
    words = tail;
  }
  const rest = words.join(' ');
  const parts = rest.includes(',') ? splitAtComma(rest, order) : splitWords(words, order, honorific);
  return toPersonName({ ...parts, honorific });
}

/** The distinct name fields of a format in the order it prints them, the honorific left out. */
function nameOrder(tokens: readonly TokenSpec[]): readonly OrderField[] {
  const order: OrderField[] = [];
  for (const { field } of tokens) {
    if (field !== 'honorific' && !order.includes(field)) order.push(field);
  }
  return order.length > 0 ? order : ['firstName', 'lastName'];
}

function splitAtComma(rest: string, order: readonly OrderField[]): Parts {
  const comma = rest.indexOf(',');
  const lastName = squeezeWhitespace(rest.slice(0, comma));
  const given = squeezeWhitespace(rest.slice(comma + 1).replaceAll(',', ' '));
  if (!order.includes('secondName')) return { lastName, firstName: given };
  const [firstName = '', ...second] = given.split(' ');
  return { lastName, firstName, secondName: second.join(' ') };
}

function splitWords(words: readonly string[], order: readonly OrderField[], honorific: string): Parts {
  const [firstField = 'firstName'] = order;
  if (words.length === 1) {
    // "Dr García", but "Don Pedro".
    const named: OrderField | undefined =
      honorific === '' ? undefined : precedesFirstName(honorific) ? 'firstName' : 'lastName';
    return { [named !== undefined && order.includes(named) ? named : firstField]: words.join(' ') };
  }
  const given = order.filter((field): field is GivenField => field !== 'lastName');
  if (given.length === 0) return { lastName: words.join(' ') };
  if (!order.includes('lastName')) return assignGiven(words, given);
  if (firstField === 'lastName') {
    const givenCount = Math.min(given.length, words.length - 1);
    return {
      lastName: words.slice(0, words.length - givenCount).join(' '),
      ...assignGiven(words.slice(words.length - givenCount), given),
    };
  }
  const particle = particleSurnameStart(words);
  const surnameStart = particle > 0 ? particle : Math.min(given.length, words.length - 1);
  return { ...assignGiven(words.slice(0, surnameStart), given), lastName: words.slice(surnameStart).join(' ') };
}

/** The first word to the first given field; with two given fields, the other words to the second. */
function assignGiven(words: readonly string[], given: readonly GivenField[]): Parts {
  const [first, second] = given;
  if (first === undefined) return {};
  if (second === undefined) return { [first]: words.join(' ') };
  return { [first]: words[0] ?? '', [second]: words.slice(1).join(' ') };
}

/** Keeps the non-empty parts, in the order of {@link PersonName}. */
function toPersonName(parts: Parts): PersonName {
  const result: { -readonly [K in keyof PersonName]: string } = {};
  for (const field of ['honorific', 'firstName', 'secondName', 'lastName'] as const) {
    const value = parts[field];
    if (value !== undefined && value !== '') result[field] = value;
  }
  return result;
}
