import { assertWithinLimit, issue, squeezeWhitespace, ValidationError } from '../kernel/index.js';
import { compoundGivenNameAt, isHonorific, particleSurnameStart, wordsNeededAfter } from './_internal/name-words.js';
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
 * - A leading honorific (Mr, Mrs, Ms, Miss, Dr, Prof, Sr, Sra, Srta, Dra, Herr, Frau, M., Mme,
 *   Mlle; any case, dot optional except for "M.") goes to `honorific` when a word follows it; one
 *   word after it is a last name ("Dr García"). Don, Doña and Dona are first names too, so they
 *   are an honorific only when two words or more follow them ("Don Pedro García", but
 *   "Don Johnson" → `'Don'`, `'Johnson'`).
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
 * - A known compound given name whose particle belongs to it ("María del Carmen", "José de
 *   Jesús", ...; see docs/names.md) counts as one given-name word where a given name is read: at
 *   the start in first-name-first formats (or second, when a word follows it), after the first
 *   word in last-name-first formats, first after a comma. The surname never begins inside or
 *   before it, and such a name alone is a first name.
 * - A format that names only given names or only the last name puts every word there; a format
 *   that names no name at all (`'#TITLE#'`) is read as `'#NAME# #LAST_NAME#'`.
 *
 * No word is ever dropped, and the result has only non-empty parts as keys.
 *
 * @param text - The full name.
 * @param format - The format the text is written in, such as a value of {@link NAME_FORMATS}.
 * @returns The parts found, without `undefined` values.
 * @throws {@link ValidationError} `INVALID_NAME_FORMAT` when `format` is invalid (see
 * {@link assertNameFormat}); `INVALID_ARGUMENT` when `text` is not a string; {@link LimitError}
 * `LIMIT_EXCEEDED` for text longer than `LIMITS.fullNameText`.
 *
 * @example
 * ```ts
 * splitFullName('Juan García López', NAME_FORMATS.firstLast); //=> { firstName: 'Juan', lastName: 'García López' }
 * splitFullName('García López Juan', NAME_FORMATS.lastFirst); //=> { firstName: 'Juan', lastName: 'García López' }
 * splitFullName('Juan Carlos de la Cruz', NAME_FORMATS.firstSecondLast); //=> { firstName: 'Juan', secondName: 'Carlos', lastName: 'de la Cruz' }
 * splitFullName('Dr. Smith, John', NAME_FORMATS.firstLast); //=> { honorific: 'Dr.', firstName: 'John', lastName: 'Smith' }
 * splitFullName('Don Johnson', NAME_FORMATS.firstLast); //=> { firstName: 'Don', lastName: 'Johnson' }
 * splitFullName('María del Carmen García', NAME_FORMATS.firstLast); //=> { firstName: 'María del Carmen', lastName: 'García' }
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
  assertWithinLimit('fullNameText', text.length, 'A full name');
  const squeezed = squeezeWhitespace(text);
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; splitting a blank text gives {} as well
  if (squeezed === '') return {};
  let words = squeezed.split(' ');
  let honorific = '';
  const [head, ...tail] = words;
  // Stryker disable next-line ConditionalExpression: the squeezed text is not blank here, so it always has a first word
  if (head !== undefined && isHonorific(head) && tail.length >= wordsNeededAfter(head)) {
    honorific = head;
    words = tail;
  }
  const rest = words.join(' ');
  const parts = rest.includes(',') ? splitAtComma(rest, order) : splitWords(words, order, honorific !== '');
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
  // Stryker disable next-line StringLiteral: split always gives a first element
  const [firstName = '', ...second] = joinCompound(given.split(' '), 0).units;
  return { lastName, firstName, secondName: second.join(' ') };
}

/**
 * The words with the known compound given name that begins at `at` joined into one unit
 * ("María del Carmen"), and the index of that unit; `at` is -1 when no compound begins there.
 */
function joinCompound(words: readonly string[], at: number): { readonly units: readonly string[]; readonly at: number } {
  // Stryker disable next-line ConditionalExpression: compoundGivenNameAt finds nothing at -1 either
  const length = at >= 0 ? compoundGivenNameAt(words, at) : 0;
  if (length === 0) return { units: words, at: -1 };
  return { units: [...words.slice(0, at), words.slice(at, at + length).join(' '), ...words.slice(at + length)], at };
}

/**
 * Where a known compound given name is read in a first-name-first text: at the first word, or at
 * the second when a word follows it ("Ana María del Carmen García"); -1 when neither.
 */
function leadingCompound(words: readonly string[]): number {
  if (compoundGivenNameAt(words, 0) > 0) return 0;
  const length = compoundGivenNameAt(words, 1);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: joinCompound finds no compound at 1 either when this is false
  return length > 0 && 1 + length < words.length ? 1 : -1;
}

/** Where a known compound given name begins among the words after the first one, or -1. */
function compoundAfterFirst(words: readonly string[]): number {
  // Stryker disable next-line EqualityOperator: no compound begins past the last word
  for (let at = 1; at < words.length; at += 1) if (compoundGivenNameAt(words, at) > 0) return at;
  // Stryker disable next-line UnaryOperator: no compound begins at 1 either, so joinCompound leaves the words as they are
  return -1;
}

function splitWords(words: readonly string[], order: readonly OrderField[], afterHonorific: boolean): Parts {
  // Stryker disable next-line StringLiteral: nameOrder never returns an empty order
  const [firstField = 'firstName'] = order;
  const given = order.filter((field): field is GivenField => field !== 'lastName');
  if (given.length === 0) return { lastName: words.join(' ') };
  // "María del Carmen" alone is a given name, whatever the order of the format.
  if (compoundGivenNameAt(words, 0) === words.length) return assignGiven([words.join(' ')], given);
  if (words.length === 1) {
    // "Dr García", but "Dr Ana" with '#TITLE# #NAME#'.
    // Stryker disable next-line StringLiteral: joining a single word needs no separator
    return { [afterHonorific && order.includes('lastName') ? 'lastName' : firstField]: words.join(' ') };
  }
  if (!order.includes('lastName')) return assignGiven(joinCompound(words, 0).units, given);
  if (firstField === 'lastName') {
    // The given names are the last words: a compound given name after the surname's first word and
    // everything after it belong to them.
    const { units, at } = joinCompound(words, compoundAfterFirst(words));
    let givenCount = Math.min(given.length, units.length - 1);
    // Stryker disable next-line EqualityOperator: compoundAfterFirst never returns 0
    if (at >= 0) givenCount = Math.max(givenCount, units.length - at);
    return {
      lastName: units.slice(0, units.length - givenCount).join(' '),
      ...assignGiven(units.slice(units.length - givenCount), given),
    };
  }
  const { units, at } = joinCompound(words, leadingCompound(words));
  const particle = particleSurnameStart(units);
  // Stryker disable next-line EqualityOperator: particleSurnameStart never returns 0
  let surnameStart = particle > 0 ? particle : Math.min(given.length, units.length - 1);
  // The surname begins after a compound given name, never inside or before it.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: at -1 leaves the start as it is, and at 0 the start is already at least 1
  if (at >= 0) surnameStart = Math.max(surnameStart, at + 1);
  return { ...assignGiven(units.slice(0, surnameStart), given), lastName: units.slice(surnameStart).join(' ') };
}

/** The first word to the first given field; with two given fields, the other words to the second. */
function assignGiven(words: readonly string[], given: readonly GivenField[]): Parts {
  const [first, second] = given;
  // Stryker disable next-line ConditionalExpression: splitWords returns earlier for formats without given names
  if (first === undefined) return {};
  if (second === undefined) return { [first]: words.join(' ') };
  // Stryker disable next-line StringLiteral: the given words are never empty here
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
