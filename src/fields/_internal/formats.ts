// Value formats of the url, email and phone field types, written out so that their rules are ours
// and documented, not whatever a validator library accepts this year.

const MAX_URL = 2048;

// URL is in every runtime crm-kit supports, but not in the ES library types it compiles against.
interface ParsedUrl {
  readonly protocol: string;
  readonly hostname: string;
}
const UrlParser = /* @__PURE__ */ (() => (globalThis as unknown as { URL: new (text: string) => ParsedUrl }).URL)();
const MAX_EMAIL = 254;
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PHONE = /^\+?[0-9 ().\-/]{3,32}(?:\s*(?:ext\.?|x|#)\s*[0-9]{1,8})?$/i;

/** An `http:` or `https:` address with a host name, at most 2048 characters, no white space. */
export function isHttpUrl(value: string): boolean {
  if (value.length > MAX_URL || /\s/.test(value)) return false;
  let url: ParsedUrl;
  try {
    url = new UrlParser(value);
  } catch {
    return false;
  }
  // A host name is labels of letters and digits (with inner hyphens), or an IP address.
  const host = url.hostname;
  const named = host.split('.').every((label) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(label));
  const address = /^\[[0-9a-f:.]+\]$/i.test(host);
  return (url.protocol === 'http:' || url.protocol === 'https:') && (named || address);
}

/** `local@domain.tld`: a dot-atom local part of at most 64 characters and a dotted host name. */
export function isEmailAddress(value: string): boolean {
  if (value.length > MAX_EMAIL) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  const labels = value.slice(at + 1).split('.');
  const tld = labels[labels.length - 1] ?? '';
  return (
    EMAIL_LOCAL.test(value.slice(0, at)) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    /^[A-Za-z]{2,63}$/.test(tld)
  );
}

/** Digits with the usual separators, an optional leading `+` and extension; 3 to 20 digits. */
export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 3 && digits <= 20;
}

/** The number of decimals in the shortest decimal writing of a finite number. */
export function decimalsOf(value: number): number {
  const text = String(Math.abs(value));
  const exponent = text.indexOf('e');
  const mantissa = exponent < 0 ? text : text.slice(0, exponent);
  const shift = exponent < 0 ? 0 : Number(text.slice(exponent + 1));
  const dot = mantissa.indexOf('.');
  const written = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, written - shift);
}
