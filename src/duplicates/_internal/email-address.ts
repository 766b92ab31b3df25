// How an e-mail address is read: normaliseEmail makes the whole comparison form of one, and a scan
// finds the numbers of its two parts straight from the text typed, without making that form per
// record (a scan meets the same mailbox names and domains in many records). Both read it here,
// so that they split and fold an address alike.

/** Where a trimmed address splits: its last `@`, or -1 when there is nothing before one. */
export function addressSplit(text: string): number {
  const at = text.lastIndexOf('@');
  return at <= 0 ? -1 : at;
}

/**
 * Where the domain after the `@` at `at` ends, without the root's trailing dots and any white space
 * they leave at the end (so that the form is its own form); `at + 1` when nothing is left.
 */
export function domainEnd(text: string, at: number): number {
  let end = text.length;
  while (end > at + 1) {
    const code = text.charCodeAt(end - 1);
    // A dot, or white space as trim knows it (ASCII's without a regex).
    const strip = code === DOT || code === SPACE || (code >= TAB && code <= CARRIAGE_RETURN) || (code >= NON_ASCII && /\s/.test(text.charAt(end - 1)));
    if (!strip) break;
    end--;
  }
  return end;
}

/**
 * A mailbox name or a domain in comparison form: lower-cased, and composed (NFC) when it is not
 * ASCII. Folding the parts apart is folding the address: no character changes case or composes
 * across an `@`.
 */
export function foldAddressPart(part: string): string {
  const lower = part.toLowerCase();
  return isAscii(lower) ? lower : lower.normalize('NFC');
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const DOT = 46;
const SPACE = 32;
const TAB = 9;
const CARRIAGE_RETURN = 13;
const NON_ASCII = 0x80;
