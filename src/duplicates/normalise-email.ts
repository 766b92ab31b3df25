import { ValidationError } from '../kernel/index.js';

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
 * trailing dot. The address splits at its last `@`; text without one, or with nothing before or
 * after it, is not an address. International domains stay in Unicode (lower-cased, NFC), never
 * punycode.
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
  let address = text.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  let end = address.length;
  while (end > at + 1 && address.charCodeAt(end - 1) === 46) end--; // the root's trailing dot
  if (end === at + 1) return undefined;
  if (end < address.length) address = address.slice(0, end);
  if (!isAscii(address)) address = address.normalize('NFC');
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

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
