import metadata from 'libphonenumber-js/min/metadata';
import { ValidationError } from '../kernel/index.js';
import { checkRegion, normalisePhoneWith } from './_internal/phone.js';

/** Options of {@link normalisePhone}. */
export interface NormalisePhoneOptions {
  /**
   * The ISO 3166 alpha-2 region (`'ES'`, `'GB'`; any case) whose numbering plan reads numbers
   * written without a country code. Without it such numbers compare by their digits only.
   */
  readonly defaultRegion?: string | undefined;
}

/**
 * The comparison form of a phone number: E.164 (`+` and up to 15 digits) without the extension,
 * read by libphonenumber with its "min" metadata (docs/design-notes.md, "Phones: which
 * libphonenumber metadata"). National numbers are read in the default region; `00` and other
 * international call prefixes of that region are understood. A number that cannot be made into a
 * possible E.164 number (a short local number, a national number without a default region)
 * compares by its bare digits, with no `+`, so it can equal the same digits written elsewhere but
 * never an E.164 form. Extensions (`ext. 12`, `x12`, `#12`, `;ext=12`) and remarks after the
 * number are dropped; full-width and Arabic-Indic digits read as digits.
 *
 * @param text - A phone number as typed.
 * @param options - `defaultRegion` for numbers written without a country code.
 * @returns The E.164 number, else the bare digits, or `undefined` when the text has no digit.
 * @throws ValidationError `INVALID_ARGUMENT` when `text` is not a string or the region is unknown.
 *
 * @example
 * ```ts
 * normalisePhone('+34 612 34 56 78'); //=> '+34612345678'
 * normalisePhone('612 34 56 78', { defaultRegion: 'ES' }); //=> '+34612345678'
 * normalisePhone('0034 612-345-678 ext. 12', { defaultRegion: 'ES' }); //=> '+34612345678'
 * normalisePhone('612 34 56 78'); //=> '612345678'
 * normalisePhone('12345', { defaultRegion: 'ES' }); //=> '12345'
 * normalisePhone('n/a'); //=> undefined
 * ```
 */
export function normalisePhone(text: string, options: NormalisePhoneOptions = {}): string | undefined {
  if (typeof text !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'Expected text.');
  if (typeof options !== 'object' || (options as unknown) === null) throw new ValidationError('INVALID_ARGUMENT', 'normalisePhone takes options { defaultRegion? }.');
  return normalisePhoneWith(text, checkRegion(options.defaultRegion, metadata), metadata);
}
