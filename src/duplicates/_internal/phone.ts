// The phone normaliser over any libphonenumber metadata, so that bench/phones.ts can measure every
// flavour with the same code that normalisePhone runs with the one it ships.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import { invalidArgument } from '../../kernel/index.js';

// libphonenumber gives up on longer input itself; past it, there is no number to find.
const MAX_LIBRARY_INPUT = 250;

/** The ASCII digit a character stands for (the scripts libphonenumber reads), or -1. */
function digitOf(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10; // full-width
  if (code >= 0x660 && code <= 0x669) return code - 0x660; // Arabic-Indic
  if (code >= 0x6f0 && code <= 0x6f9) return code - 0x6f0; // Eastern Arabic-Indic
  return -1;
}

/** Whether a character, met after the first digit, starts an extension or another remark. */
function endsNumber(code: number): boolean {
  // '#', ',' (a dialling pause before an extension), ';' (';ext=' of RFC 3966), and any letter
  // ('ext.', 'x', 'doble', '(mobile)').
  if (code === 35 || code === 44 || code === 59) return true;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  return code > 0x7f && code !== 0xff0b && digitOf(code) < 0 && /\p{L}/u.test(String.fromCharCode(code));
}

/** A phone text read by {@link readPhoneText}; one object is filled again for every text. */
export interface PhoneText {
  /** The digits of the number part (0 to 9 each), up to an extension or remark. */
  readonly digits: number[];
  /** Whether a plus sign came before the first digit. */
  plus: boolean;
  /** The extension's digits (0 to 9 each); none when there are none or too many to be an extension. */
  readonly extension: number[];
}

/** An empty {@link PhoneText} to fill. */
export function phoneText(): PhoneText {
  return { digits: [], plus: false, extension: [] };
}

/**
 * Reads a phone text in one pass, with no regex on ASCII: the digits of its number part (after a
 * '+' before the first digit, up to an extension or remark), and the digits after that, which are
 * its extension ('ext. 12', 'x12', '#12', ';ext=12').
 */
export function readPhoneText(text: string, into: PhoneText): void {
  const { digits, extension } = into;
  digits.length = 0;
  extension.length = 0;
  into.plus = false;
  let after = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = digitOf(code);
    if (after) {
      if (digit >= 0) extension.push(digit);
    } else if (digit >= 0) {
      digits.push(digit);
    } else if (digits.length === 0) {
      into.plus ||= code === 43 || code === 0xff0b;
    } else if (endsNumber(code)) {
      after = true;
    }
  }
  if (extension.length > MAX_EXTENSION) extension.length = 0;
}
const MAX_EXTENSION = 7;

/**
 * The number part of a text: '+' (when a plus sign comes before the first digit) and the digits up
 * to an extension or remark, as ASCII; '' when the text has no digit.
 */
export function phoneDigits(text: string): string {
  const read = phoneText();
  readPhoneText(text, read);
  if (read.digits.length === 0) return '';
  return `${read.plus ? '+' : ''}${read.digits.join('')}`;
}

/**
 * The extension a text gives after its number ('ext. 12', 'x12', '#12', ';ext=12'): the digits
 * after the number part, '' when there are none or too many to be an extension.
 */
export function phoneExtension(text: string): string {
  const read = phoneText();
  readPhoneText(text, read);
  return read.extension.join('');
}

/** The region checked against the metadata, upper-cased; an unknown one is an error. */
export function checkRegion(region: unknown, metadata: MetadataJson): CountryCode | undefined {
  if (region === undefined) return undefined;
  if (typeof region !== 'string' || region.length !== 2) throw invalidArgument('The default region is an ISO 3166 alpha-2 code.');
  const upper = region.toUpperCase();
  if (!isRegionOf(upper, metadata)) throw invalidArgument('The default region is not a region with a phone numbering plan.');
  return upper;
}

function isRegionOf(code: string, metadata: MetadataJson): code is CountryCode {
  // isSupportedCountry takes any string at run time; its parameter type is the closed union.
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode, metadata);
}

/**
 * What normalisePhone does, over the given metadata: E.164 when libphonenumber makes a possible
 * number of the text, else the bare digits, else undefined.
 */
export function normalisePhoneWith(text: string, region: CountryCode | undefined, metadata: MetadataJson): string | undefined {
  const number = phoneDigits(text);
  if (number === '') return undefined;
  const bare = number.charCodeAt(0) === 43 ? number.slice(1) : number;
  if (number.length > MAX_LIBRARY_INPUT) return bare;
  const parsed = region === undefined ? parsePhoneNumberFromString(number, metadata) : parsePhoneNumberFromString(number, region, metadata);
  return parsed?.isPossible() === true ? parsed.number : bare;
}
