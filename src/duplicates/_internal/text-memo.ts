/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// A number remembered for each text a scan's vocabulary was given raw (a given name as typed, the
// mailbox name of an address): what it made of it. A scan asks about a few such texts per record,
// and finds nearly all of them: most raw names recur. So a lookup that finds its text reads one
// slot, in one cache line: the text's hash, its number, its length and, for a text of up to
// INLINE code units (nearly every name), the text itself. A longer text's code units are kept
// apart, and only read when its hash matches.
//
// The hash is public, so texts can be crafted to share one (or to fill neighbouring slots): a
// lookup that passes more than MOST_PROBES taken slots goes on in a `Map`, which the engine hashes
// with a seed of its own, so crafted texts cost a bounded probe each, not a walk along all the others.

import { hashText } from './text-table.js';

/** A number (0 or more) for each text, or part of a text, given. */
export class TextMemo {
  // SLOT integers a slot: the text's hash, its number plus one (0 marks an empty slot), its length,
  // then either its code units (two an integer, the first in the low half) or, for a longer text,
  // where its code units start in #long.
  #slots = new Int32Array(SLOT * FIRST_SLOTS);
  #placed = 0;
  #long = new Uint16Array(0);
  #longLength = 0;
  readonly #overflow = new Map<string, number>();
  // The text (or part of a text) last looked up and its hash, which `set` uses when it is given that text.
  #lastText: string | undefined;
  #lastFrom = 0;
  #lastEnd = 0;
  #lastHash = 0;

  /** How many texts it remembers a number for. */
  get size(): number {
    return this.#placed + this.#overflow.size;
  }

  /** The number remembered for `text.slice(from, end)`, or -1. */
  get(text: string, from: number, end: number): number {
    const hash = hashText(text, from, end);
    this.#lastText = text;
    this.#lastFrom = from;
    this.#lastEnd = end;
    this.#lastHash = hash;
    const slots = this.#slots;
    const mask = slots.length / SLOT - 1;
    for (let slot = hash & mask, passed = 0; passed <= MOST_PROBES; slot = (slot + 1) & mask, passed++) {
      const at = slot * SLOT;
      const held = (slots[at + 1] as number);
      // A text the slots had no room for near its hash is in the overflow, whatever follows.
      if (held === 0) break;
      if (slots[at] === hash && this.#holds(at, text, from, end)) return held - 1;
    }
    return this.#overflow.size === 0 ? -1 : (this.#overflow.get(text.slice(from, end)) ?? -1);
  }

  /** Remembers `number` for `text.slice(from, end)`, which {@link get} just did not find; returns it. */
  set(text: string, from: number, end: number, number: number): number {
    const hash = text === this.#lastText && from === this.#lastFrom && end === this.#lastEnd ? this.#lastHash : hashText(text, from, end);
    if (2 * (this.#placed + 1) > this.#slots.length / SLOT) this.#grow();
    const at = this.#free(this.#slots, hash);
    if (at < 0) {
      this.#overflow.set(text.slice(from, end), number);
      return number;
    }
    const slots = this.#slots;
    const length = end - from;
    slots[at] = hash;
    slots[at + 1] = number + 1;
    slots[at + 2] = length;
    if (length <= INLINE) {
      for (let i = 0; i < length; i += 2) slots[at + 3 + (i >> 1)] = text.charCodeAt(from + i) | (i + 1 < length ? text.charCodeAt(from + i + 1) << 16 : 0);
    } else {
      if (this.#longLength + length > this.#long.length) {
        const grown = new Uint16Array(Math.max(2 * this.#long.length, this.#longLength + length, FIRST_LONG));
        grown.set(this.#long.subarray(0, this.#longLength));
        this.#long = grown;
      }
      for (let i = 0; i < length; i++) this.#long[this.#longLength + i] = text.charCodeAt(from + i);
      slots[at + 3] = this.#longLength;
      this.#longLength += length;
    }
    this.#placed++;
    return number;
  }

  // Whether the slot at `at` holds `text.slice(from, end)`.
  #holds(at: number, text: string, from: number, end: number): boolean {
    const slots = this.#slots;
    const length = end - from;
    if (slots[at + 2] !== length) return false;
    if (length <= INLINE) {
      for (let i = 0; i < length; i++) if (inlineCode(slots, at, i) !== text.charCodeAt(from + i)) return false;
      return true;
    }
    const start = (slots[at + 3] as number);
    const long = this.#long;
    for (let i = 0; i < length; i++) if (long[start + i] !== text.charCodeAt(from + i)) return false;
    return true;
  }

  // Where the first free slot from `hash` starts, passing at most MOST_PROBES taken ones; -1 when none is that near.
  #free(slots: Int32Array, hash: number): number {
    const mask = slots.length / SLOT - 1;
    let slot = hash & mask;
    for (let passed = 0; slots[slot * SLOT + 1] !== 0; passed++) {
      if (passed === MOST_PROBES) return -1;
      slot = (slot + 1) & mask;
    }
    return slot * SLOT;
  }

  // Twice the slots, each placed again by its kept hash; one that no longer finds a place within
  // MOST_PROBES goes to the overflow, its text made from the slot.
  #grow(): void {
    const old = this.#slots;
    const slots = new Int32Array(2 * old.length);
    this.#slots = slots;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at + 1] === 0) continue;
      const to = this.#free(slots, old[at] as number);
      if (to >= 0) {
        slots.set(old.subarray(at, at + SLOT), to);
        continue;
      }
      this.#overflow.set(this.#textAt(old, at), (old[at + 1] as number) - 1);
      this.#placed--;
    }
  }

  // The text of the slot at `at` of `slots`.
  #textAt(slots: Int32Array, at: number): string {
    const length = (slots[at + 2] as number);
    let text = '';
    for (let i = 0; i < length; i++) {
      text += String.fromCharCode(length <= INLINE ? inlineCode(slots, at, i) : (this.#long[(slots[at + 3] as number) + i] as number));
    }
    return text;
  }
}

// Code unit i of the text kept in the slot at `at` (two an integer, the first in the low half).
function inlineCode(slots: Int32Array, at: number, i: number): number {
  return ((slots[at + 3 + (i >> 1)] as number) >>> ((i & 1) << 4)) & 0xffff;
}

// A slot's integers: hash, number, length, and thirteen for the text (INLINE code units, two an
// integer) or, for a longer one, where it starts in #long.
const SLOT = 16;
// At most half the slots are taken, so an honest lookup passes a few.
const MOST_PROBES = 64;
const INLINE = 26;
const FIRST_SLOTS = 64;
const FIRST_LONG = 1024;
