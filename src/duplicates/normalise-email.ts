import { ValidationError } from '../kernel/index.js';
import { addressSplit, domainEnd, foldAddressPart } from './_internal/email-address.js';

/** Options of {@link normaliseEmail}. */
export interface NormaliseEmailOptions {
  /**
   * Also apply the address rules a provider documents: for `gmail.com` and `googlemail.com` (the
   * same mailboxes), dots in the local part are ignored and a `+tag` is dropped, and the domain
   * becomes `gmail.com`. Other providers' `+tag`s are kept: on a server that does not do
   * sub-addressing `+` is an ordinary character of a different mailbox.
   */
  readonly providerRules?: boolean | undefined;
}

const GMAIL = 'gmail.com';

/**
 * The comparison form of an e-mail address: trimmed and lower-cased, the domain without a
 * trailing dot (nor white space before it). The address splits at its last `@`; text without one,
 * or with nothing before or after it, is not an address. International domains stay in Unicode
 * (lower-cased, NFC), never punycode. The form is its own form.
 *
 * @param text - An e-mail address as typed.
 * @param options - `providerRules` for Gmail's dot and `+tag` rules.
 * @returns The normalised address, or `undefined` for blank text or text that is not an address.
 * @throws ValidationError `INVALID_ARGUMENT` when `text` is not a string.
 *
 * @example
 * ```ts
 * normaliseEmail('  Ana.Garcia@Example.COM '); //=> 'ana.garcia@example.com'
 * normaliseEmail('Ana.Garcia+crm@GoogleMail.com', { providerRules: true }); //=> 'anagarcia@gmail.com'
 * normaliseEmail('ana+crm@example.com', { providerRules: true }); //=> 'ana+crm@example.com'
 * normaliseEmail('ana@'); //=> undefined
 * ```
 */
export function normaliseEmail(text: string, options: NormaliseEmailOptions = {}): string | undefined {
  if (typeof text !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'Expected text.');
  if (typeof options !== 'object' || (options as unknown) === null) throw new ValidationError('INVALID_ARGUMENT', 'normaliseEmail takes options { providerRules? }.');
  const trimmed = text.trim();
  const at = addressSplit(trimmed);
  if (at < 0) return undefined;
  const end = domainEnd(trimmed, at);
  if (end === at + 1) return undefined;
  const address = `${foldAddressPart(trimmed.slice(0, at))}@${foldAddressPart(trimmed.slice(at + 1, end))}`;
  if (options.providerRules !== true) return address;
  const atNow = address.lastIndexOf('@');
  const domain = address.slice(atNow + 1);
  if (domain !== GMAIL && domain !== 'googlemail.com') return address;
  let local = address.slice(0, atNow);
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  local = local.replaceAll('.', '');
  return local === '' ? undefined : `${local}@${GMAIL}`;
}
