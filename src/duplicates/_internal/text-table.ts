/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// Texts a scan keeps only to find them again, numbered in the order they are met: the ids of its
// records (an id given twice is found), and the raw names its vocabulary has normalised. A million
// ids kept as strings are a million objects that outlive the records they came with: the engine
// copies each out of its young generation and marks it at every full collection after (reading a
// million contacts took 0.4 s longer with them). Here a text's characters are copied into one
// typed array, and its string is made again only when a report names it.
//
// Lookup is an open-addressing table of one typed array: a slot is two neighbouring integers, an
// id's 32-bit hash and its number plus one, so that a lookup reads one cache line per slot it
// passes, and only an id whose hash is in a slot has its characters compared. The hash is public,
// so ids can be crafted to share one (or to fill neighbouring slots): a lookup that passes more
// than MOST_PROBES taken slots goes on in a `Map`, which the engine hashes with a seed of its own,
// so crafted ids cost a bounded probe each, not a walk along all the others.

/** Texts numbered from 0 in the order they were added, kept as characters. */
export class TextTable {
  // The characters of every text, one after the other, and where text n starts (ends[n - 1], or 0)
  // and ends (ends[n]).
  #characters = new Uint16Array(FIRST_CHARACTERS);
  #ends = new Int32Array(FIRST_TEXTS);
  #size = 0;
  // Two integers a slot: the hash of a text, and its number plus one (0 marks an empty slot).
  #slots = new Int32Array(2 * FIRST_SLOTS);
  // How many texts the slots hold; the others are in the overflow.
  #placed = 0;
  // The texts whose place in the slots lay past MOST_PROBES taken slots when they were added.
  readonly #overflow = new Map<string, number>();
  // Hashes each text once for a lookup and the add that follows it.
  readonly #hasher = new TextHasher();

  /** How many texts it holds. */
  get size(): number {
    return this.#size;
  }

  /** The number of `text` (of `text.slice(from, end)`, without making it), or -1. */
  find(text: string, from: number = 0, end: number = text.length): number {
    const hash = this.#hasher.hash(text, from, end);
    const slots = this.#slots;
    if (slots.length === 0) return -1;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask, passed = 0; passed <= MOST_PROBES; slot = (slot + 1) & mask, passed++) {
      const held = (slots[2 * slot + 1] as number);
      if (held === 0) break;
      if (slots[2 * slot] === hash && this.#holds(held - 1, text, from, end)) return held - 1;
    }
    return this.#overflow.size === 0 ? -1 : (this.#overflow.get(text.slice(from, end)) ?? -1);
  }

  /**
   * Numbers a text (`text.slice(from, end)`) it does not hold, checked with {@link find}, as the
   * next number, and returns it.
   */
  add(text: string, from: number = 0, end: number = text.length): number {
    if (this.#slots.length === 0) throw new Error('This table has stopped finding texts.');
    const hash = this.#hasher.hash(text, from, end);
    const number = this.#size;
    const length = end - from;
    const start = number === 0 ? 0 : (this.#ends[number - 1] as number);
    if (start + length > this.#characters.length) {
      const characters = new Uint16Array(Math.max(2 * this.#characters.length, start + length));
      characters.set(this.#characters);
      this.#characters = characters;
    }
    const characters = this.#characters;
    for (let i = 0; i < length; i++) characters[start + i] = text.charCodeAt(from + i);
    if (number === this.#ends.length) {
      const ends = new Int32Array(2 * this.#ends.length);
      ends.set(this.#ends);
      this.#ends = ends;
    }
    this.#ends[number] = start + length;
    this.#size++;
    if (2 * (this.#placed + 1) > this.#slots.length >> 1) this.#grow();
    if (place(this.#slots, hash, number + 1)) this.#placed++;
    else this.#overflow.set(text.slice(from, end), number);
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

  /** Lets the lookup's memory go, keeping the texts: it finds nothing afterwards, and adding throws. */
  stopFinding(): void {
    this.#slots = NO_SLOTS;
    this.#overflow.clear();
  }

  // Whether text `number` is `text.slice(from, end)`.
  #holds(number: number, text: string, from: number, end: number): boolean {
    const start = number === 0 ? 0 : (this.#ends[number - 1] as number);
    if ((this.#ends[number] as number) - start !== end - from) return false;
    const characters = this.#characters;
    for (let i = from; i < end; i++) if (characters[start + i - from] !== text.charCodeAt(i)) return false;
    return true;
  }

  // Twice the slots, every text in them placed again by its kept hash; one that no longer finds a
  // place within MOST_PROBES goes to the overflow.
  #grow(): void {
    const old = this.#slots;
    const slots = new Int32Array(2 * old.length);
    for (let slot = 0; slot < old.length; slot += 2) {
      const held = (old[slot + 1] as number);
      if (held === 0 || place(slots, old[slot] as number, held)) continue;
      this.#overflow.set(this.text(held - 1), held - 1);
      this.#placed--;
    }
    this.#slots = slots;
  }
}

const FIRST_CHARACTERS = 1024;
const FIRST_TEXTS = 64;
const FIRST_SLOTS = 64;
const SEED = 0x2545f491;
/**
 * At most half a table's slots are taken, so an honest lookup passes a few; texts crafted to
 * collide pass this many before the overflow map takes over.
 */
export const MOST_PROBES = 64;
// The characters made into a string by one call.
const TEXT_PIECE = 4096;
const NO_SLOTS = /* @__PURE__ */ new Int32Array(0);

/** A MurmurHash3-style hash of the UTF-16 codes of `text.slice(from, end)`. */
function hashText(text: string, from: number, end: number): number {
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

/** Hashes texts as {@link hashText} does, remembering the last: a lookup and the add that follows it hash a text once. */
export class TextHasher {
  #text: string | undefined;
  #from = 0;
  #end = 0;
  #hash = 0;

  /** The hash of `text.slice(from, end)`. */
  hash(text: string, from: number, end: number): number {
    if (text === this.#text && from === this.#from && end === this.#end) return this.#hash;
    this.#text = text;
    this.#from = from;
    this.#end = end;
    this.#hash = hashText(text, from, end);
    return this.#hash;
  }
}

// Puts `held` (a number plus one) in the first free slot from its text's hash, passing at most
// MOST_PROBES taken ones; false when there is none that near.
function place(slots: Int32Array, hash: number, held: number): boolean {
  const mask = (slots.length >> 1) - 1;
  let slot = hash & mask;
  for (let passed = 0; slots[2 * slot + 1] !== 0; passed++) {
    if (passed === MOST_PROBES) return false;
    slot = (slot + 1) & mask;
  }
  slots[2 * slot] = hash;
  slots[2 * slot + 1] = held;
  return true;
}
