// Text helpers the intake planners and the intake service share: clipping to what a field holds, a
// short digest that keeps a long reference within an external id, and how a mail's sender reads.
import { squeezeWhitespace } from '../../kernel/index.js';

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

/** A display name split simply at its last space; mail clients often show the address as the name (then no name). */
export function splitDisplayName(name: string | undefined): { readonly firstName?: string; readonly lastName?: string } {
  const full = squeezeWhitespace(name ?? '');
  if (full === '' || full.includes('@')) return {};
  const space = full.lastIndexOf(' ');
  return space < 0 ? { firstName: full } : { firstName: full.slice(0, space), lastName: full.slice(space + 1) };
}

/** An e-mail address as addresses are compared: trimmed, without case. */
export function comparableAddress(address: string): string {
  return address.trim().toLowerCase();
}
