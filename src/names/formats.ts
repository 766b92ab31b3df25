import { parseNameFormat } from './_internal/parse-name-format.js';

/**
 * Every token a {@link NameFormat} can hold: the honorific, the first, second and last names, and
 * the initials of each name (`#NAME_SHORT#` prints `'Jean-Pierre'` as `'J.-P.'`).
 *
 * @example
 * ```ts
 * NAME_TOKENS.includes('#LAST_NAME#'); //=> true
 * NAME_TOKENS.length; //=> 7
 * ```
 */
export const NAME_TOKENS = [
  '#TITLE#',
  '#NAME#',
  '#SECOND_NAME#',
  '#LAST_NAME#',
  '#NAME_SHORT#',
  '#SECOND_NAME_SHORT#',
  '#LAST_NAME_SHORT#',
] as const;
Object.freeze(NAME_TOKENS);

/**
 * One of {@link NAME_TOKENS}.
 */
export type NameToken = (typeof NAME_TOKENS)[number];

/**
 * A name format: a template of {@link NameToken}s and the literal text between them, such as
 * `'#LAST_NAME#, #NAME#'`. The type asks for at least one known token; the functions that take a
 * format also reject unknown `#…#` tokens at run time. A format read from settings is a `string`:
 * narrow it with {@link assertNameFormat}.
 *
 * @example
 * ```ts
 * const format: NameFormat = '#TITLE# #NAME# #LAST_NAME#';
 * formatPersonName({ honorific: 'Dr', firstName: 'Ana', lastName: 'García' }, format); //=> 'Dr Ana García'
 * ```
 */
export type NameFormat = `${string}${NameToken}${string}`;

/**
 * The preset name formats, by name, in a frozen object. Each value is a {@link NameFormat}.
 *
 * @example
 * ```ts
 * NAME_FORMATS.lastCommaFirst; //=> '#LAST_NAME#, #NAME#'
 * formatPersonName({ firstName: 'Ana', lastName: 'García' }, NAME_FORMATS.lastFirst); //=> 'García Ana'
 * ```
 */
export const NAME_FORMATS = {
  /** "Ana García" */
  firstLast: '#NAME# #LAST_NAME#',
  /** "Ana María García" */
  firstSecondLast: '#NAME# #SECOND_NAME# #LAST_NAME#',
  /** "García Ana" */
  lastFirst: '#LAST_NAME# #NAME#',
  /** "García Ana María" */
  lastFirstSecond: '#LAST_NAME# #NAME# #SECOND_NAME#',
  /** "García, Ana" */
  lastCommaFirst: '#LAST_NAME#, #NAME#',
  /** "García, Ana María" */
  lastCommaFirstSecond: '#LAST_NAME#, #NAME# #SECOND_NAME#',
  /** "Dr García" */
  titleLast: '#TITLE# #LAST_NAME#',
  /** "Dr Ana García" */
  titleFirstLast: '#TITLE# #NAME# #LAST_NAME#',
  /** "Dr Ana María García" */
  titleFirstSecondLast: '#TITLE# #NAME# #SECOND_NAME# #LAST_NAME#',
  /** "A. García" */
  initialLast: '#NAME_SHORT# #LAST_NAME#',
  /** "A. M. García" */
  initialsLast: '#NAME_SHORT# #SECOND_NAME_SHORT# #LAST_NAME#',
  /** "Ana M. García" */
  firstInitialLast: '#NAME# #SECOND_NAME_SHORT# #LAST_NAME#',
  /** "García A." */
  lastInitial: '#LAST_NAME# #NAME_SHORT#',
  /** "García A. M." */
  lastInitials: '#LAST_NAME# #NAME_SHORT# #SECOND_NAME_SHORT#',
} as const;
Object.freeze(NAME_FORMATS);

/**
 * The parts of a person's name, as the Contact and Lead entities hold them. Every part is
 * optional; an empty or blank part counts as missing.
 *
 * @example
 * ```ts
 * const person: PersonName = { honorific: 'Sra.', firstName: 'María José', lastName: 'de la Cruz' };
 * formatPersonName(person, NAME_FORMATS.titleLast); //=> 'Sra. de la Cruz'
 * ```
 */
export interface PersonName {
  /** A title such as "Dr", "Mrs" or "Sra."; printed by `#TITLE#`. */
  readonly honorific?: string | undefined;
  /** The first (given) name; printed by `#NAME#` and `#NAME_SHORT#`. */
  readonly firstName?: string | undefined;
  /** The second (middle) name or patronymic; printed by `#SECOND_NAME#` and `#SECOND_NAME_SHORT#`. */
  readonly secondName?: string | undefined;
  /** The last name (surname), compound surnames included; printed by `#LAST_NAME#` and `#LAST_NAME_SHORT#`. */
  readonly lastName?: string | undefined;
}

/**
 * Checks that a value, typically a format read from settings or an import option, is a valid
 * {@link NameFormat}, and narrows its type.
 *
 * @param value - The candidate format.
 * @returns Nothing; after the call, TypeScript knows `value` is a {@link NameFormat}.
 * @throws {@link ValidationError} `INVALID_NAME_FORMAT` when `value` is not a string, holds a
 * `#…#` token that is not in {@link NAME_TOKENS}, or holds no token at all. Each unknown token is
 * one issue.
 *
 * @example
 * ```ts
 * const setting: string = '#LAST_NAME# #NAME#';
 * assertNameFormat(setting);
 * formatPersonName({ firstName: 'Ana', lastName: 'García' }, setting); //=> 'García Ana'
 * assertNameFormat('#FIRST_NAME# #LAST_NAME#'); // throws ValidationError INVALID_NAME_FORMAT
 * ```
 */
export function assertNameFormat(value: unknown): asserts value is NameFormat {
  parseNameFormat(value);
}
