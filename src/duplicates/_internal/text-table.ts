/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// The ids of a scan's records, numbered in the order they are read. A million ids kept as strings
// are a million objects that outlive the records they came with: the engine copies each out of its
// young generation and marks it at every full collection after (reading a million contacts took
// 0.4 s longer with them). Here a text's characters are copied into one typed array, and its
// string is made again only when a report names it.
//
// An id given twice is found after reading, not as each is read: looking each id up among those
// before it is a visit to a random place in a table of them all (half a second over a million
// records), while sorting their hashes once reads them in order. Texts that share a hash are then
// told apart by a `Set` of their strings, which the engine hashes with a seed of its own, so ids
// crafted to share a hash cost no more than others.

/** Texts numbered from 0 in the order they were added, kept as characters, with their hashes. */
export class TextTable {
  // The characters of every text, one after the other, and where text n starts (ends[n - 1], or 0)
  // and ends (ends[n]); the hash of text n (see hashText).
  #characters = new Uint16Array(FIRST_CHARACTERS);
  #ends = new Int32Array(FIRST_TEXTS);
  #hashes = new Int32Array(FIRST_TEXTS);
  #size = 0;

  /** How many texts it holds. */
  get size(): number {
    return this.#size;
  }

  /** Numbers a text as the next number, and returns it (a text it holds already is numbered again). */
  add(text: string): number {
    const number = this.#size;
    const length = text.length;
    const start = number === 0 ? 0 : (this.#ends[number - 1] as number);
    if (start + length > this.#characters.length) {
      const characters = new Uint16Array(Math.max(2 * this.#characters.length, start + length));
      characters.set(this.#characters);
      this.#characters = characters;
    }
    const characters = this.#characters;
    for (let i = 0; i < length; i++) characters[start + i] = text.charCodeAt(i);
    if (number === this.#ends.length) {
      this.#ends = grown(this.#ends);
      this.#hashes = grown(this.#hashes);
    }
    this.#ends[number] = start + length;
    this.#hashes[number] = hashText(text, 0, length);
    this.#size++;
    return number;
  }

  /** The text numbered `number`, made anew from its characters. */
  text(number: number): string {
    const from = number === 0 ? 0 : (this.#ends[number - 1] as number);
    const end = (this.#ends[number] as number);
    // In pieces, so that a long text does not pass more arguments than a call takes.
    let text = '';
    for (let at = from; at < end; at += TEXT_PIECE) text += Reflect.apply(String.fromCharCode, undefined, this.#characters.subarray(at, Math.min(end, at + TEXT_PIECE))) as string;
    return text;
  }

  /** The numbers of the texts equal to one numbered before them, in order. */
  repeats(): number[] {
    const size = this.#size;
    const sorted = new Uint32Array(this.#hashes.buffer, 0, size).slice();
    sorted.sort();
    // The hashes more than one text has: nearly always none, and then no text is made.
    const shared = new Set<number>();
    for (let i = 1; i < size; i++) if (sorted[i] === sorted[i - 1]) shared.add((sorted[i] as number) | 0);
    const out: number[] = [];
    if (shared.size === 0) return out;
    const seen = new Set<string>();
    for (let number = 0; number < size; number++) {
      if (!shared.has(this.#hashes[number] as number)) continue;
      const text = this.text(number);
      if (seen.has(text)) out.push(number);
      else seen.add(text);
    }
    return out;
  }

  /** The number of each of `texts` that it holds (the first, when it holds one twice). */
  numbersOf(texts: Iterable<string>): Map<string, number> {
    const wanted = new Set(texts);
    const hashes = new Set<number>();
    for (const text of wanted) hashes.add(hashText(text, 0, text.length));
    const out = new Map<string, number>();
    for (let number = 0; number < this.#size && out.size < wanted.size; number++) {
      if (!hashes.has(this.#hashes[number] as number)) continue;
      const text = this.text(number);
      if (wanted.has(text) && !out.has(text)) out.set(text, number);
    }
    return out;
  }

  /** The texts but those numbered in `dropped` (in order), numbered anew in order. */
  without(dropped: readonly number[]): TextTable {
    const kept = new TextTable();
    let next = 0;
    for (let number = 0; number < this.#size; number++) {
      if (number === dropped[next]) next++;
      else kept.add(this.text(number));
    }
    return kept;
  }
}

function grown(values: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(2 * values.length);
  out.set(values);
  return out;
}

const FIRST_CHARACTERS = 1024;
const FIRST_TEXTS = 64;
const SEED = 0x2545f491;
// The characters made into a string by one call.
const TEXT_PIECE = 4096;

/** A MurmurHash3-style hash of the UTF-16 codes of `text.slice(from, end)`. */
export function hashText(text: string, from: number, end: number): number {
  let hash = SEED;
  for (let i = from; i < end; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    hash ^= k;
    hash = (Math.imul((hash << 13) | (hash >>> 19), 5) + 0xe6546b64) | 0;
  }
  hash ^= end - from;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
