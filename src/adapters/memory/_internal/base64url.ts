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
