import { invalidArgument, isPlainRecord } from '../../kernel/index.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url (no padding) of an ASCII string. */
export function encodeAscii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    // Stryker disable next-line ArithmeticOperator: charCodeAt past the end is NaN, which a shift makes 0
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    // Stryker disable next-line ArithmeticOperator: charCodeAt past the end is NaN, which an or makes 0
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : 0;
    const bits = (a << 16) | (b << 8) | c;
    out += ALPHABET.charAt((bits >> 18) & 63) + ALPHABET.charAt((bits >> 12) & 63);
    if (i + 1 < text.length) out += ALPHABET.charAt((bits >> 6) & 63);
    if (i + 2 < text.length) out += ALPHABET.charAt(bits & 63);
  }
  return out;
}

/** The ASCII string of a base64url text, or `undefined` when it is not base64url. */
export function decodeAscii(encoded: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) return undefined;
  let out = '';
  for (let i = 0; i < encoded.length; i += 4) {
    const chunk = encoded.slice(i, i + 4);
    let bits = 0;
    for (let j = 0; j < 4; j += 1) bits = (bits << 6) | (j < chunk.length ? ALPHABET.indexOf(chunk.charAt(j)) : 0);
    out += String.fromCharCode((bits >> 16) & 255);
    if (chunk.length > 2) out += String.fromCharCode((bits >> 8) & 255);
    if (chunk.length > 3) out += String.fromCharCode(bits & 255);
  }
  return out;
}

// A keyset cursor of both bundled stores: the order it belongs to (a signature of its sort keys),
// the last row's sort values and its id, as JSON, percent-encoded, in base64url (URL-safe ASCII).
const CURSOR_VERSION = 1;

/** The cursor after a row: its sort values (`keys`) and id, for an order's signature. */
export function writeKeysetCursor(signature: readonly string[], keys: readonly unknown[], id: string): string {
  return encodeAscii(encodeURIComponent(JSON.stringify({ v: CURSOR_VERSION, s: signature, k: keys, id })));
}

/**
 * The sort values and id a cursor from {@link writeKeysetCursor} holds, when it was written for
 * this order and holds `width` values that each pass `isKey`; `INVALID_ARGUMENT` otherwise.
 */
export function readKeysetCursor(cursor: unknown, signature: readonly string[], width: number, isKey: (value: unknown) => boolean): { readonly keys: readonly unknown[]; readonly id: string } {
  // Stryker disable next-line StringLiteral: message text
  const malformed = (): Error => invalidArgument('The cursor is not one this store gave for this query\'s order.');
  const ascii = typeof cursor === 'string' ? decodeAscii(cursor) : undefined;
  if (ascii === undefined) throw malformed();
  let payload: unknown;
  try {
    payload = JSON.parse(decodeURIComponent(ascii));
  } catch {
    throw malformed();
  }
  if (
    !isPlainRecord(payload) ||
    payload.v !== CURSOR_VERSION ||
    typeof payload.id !== 'string' ||
    !Array.isArray(payload.s) ||
    !Array.isArray(payload.k) ||
    payload.s.length !== signature.length ||
    !(payload.s as readonly unknown[]).every((part, index) => part === signature[index]) ||
    payload.k.length !== width ||
    !(payload.k as readonly unknown[]).every(isKey)
  ) {
    throw malformed();
  }
  return { keys: payload.k as readonly unknown[], id: payload.id };
}
