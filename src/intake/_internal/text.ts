// Text helpers the intake planners share: clipping to what a field holds, and a short digest that
// keeps a long reference within an external id.

/** A text cut to `max` characters, ending in `…` when cut, never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

// Two 32-bit FNV-1a hashes with different offsets, as 16 hex digits: it keeps a long text's
// reference within an external id, so it need not resist someone who chooses the text.
export function digestOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The longest text of a long-text field (descriptions, comments). */
export const LONG_TEXT = 65_535;
