/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// Texts numbered in the order they are first met: the ids of a scan's records, the words of its
// vocabulary, the raw texts it normalised. A scan looks up several texts per record, most of them
// met before, in tables of hundreds of thousands; a `Map` keyed by strings then reads its buckets,
// its entries and the stored key, each anywhere in memory. Here a lookup hashes the text (in cache,
// just read) and reads one slot, two neighbouring integers: the text's hash and its number. Only
// a slot whose hash is the text's has its stored text compared.

/** Texts numbered from 0 in the order they were added. */
export class TextTable {
  /** The texts, by number. */
  readonly texts: string[] = [];
  // Two integers a slot: the hash of a text, and its number plus one (0 marks an empty slot).
  #slots = new Int32Array(2 * FIRST_SLOTS);
  // The hash of the text last looked up, which `add` uses when it is given that text.
  #lastText: string | undefined;
  #lastHash = 0;

  /** How many texts it holds. */
  get size(): number {
    return this.texts.length;
  }

  /** The number of `text`, or -1. */
  find(text: string): number {
    const hash = this.#hash(text);
    const slots = this.#slots;
    if (slots.length === 0) return -1;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = (slots[2 * slot + 1] as number);
      if (held === 0) return -1;
      if (slots[2 * slot] === hash && this.texts[held - 1] === text) return held - 1;
    }
  }

  /** Numbers a text it does not hold (checked with {@link find}) as the next number, and returns it. */
  add(text: string): number {
    if (this.#slots.length === 0) throw new Error('This table has stopped finding texts.');
    const hash = text === this.#lastText ? this.#lastHash : this.#hash(text);
    const number = this.texts.length;
    this.texts.push(text);
    if (2 * this.texts.length > this.#slots.length >> 1) this.#grow();
    place(this.#slots, hash, number + 1);
    return number;
  }

  /** The number of `text`, which is added when it is not there yet. */
  numberOf(text: string): number {
    const found = this.find(text);
    return found >= 0 ? found : this.add(text);
  }

  /** Lets the lookup's memory go, keeping the texts: it finds nothing afterwards, and adding throws. */
  stopFinding(): void {
    this.#slots = NO_SLOTS;
  }

  // A MurmurHash3-style hash of the text's UTF-16 codes, remembered for `add`.
  #hash(text: string): number {
    let hash = SEED;
    for (let i = 0; i < text.length; i++) {
      let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
      k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
      hash ^= k;
      hash = (Math.imul((hash << 13) | (hash >>> 19), 5) + 0xe6546b64) | 0;
    }
    hash ^= text.length;
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
    this.#lastText = text;
    this.#lastHash = hash;
    return hash;
  }

  // Twice the slots, every text placed again by its kept hash.
  #grow(): void {
    const old = this.#slots;
    const slots = new Int32Array(2 * old.length);
    for (let slot = 0; slot < old.length; slot += 2) if (old[slot + 1] !== 0) place(slots, old[slot] as number, old[slot + 1] as number);
    this.#slots = slots;
  }
}

const FIRST_SLOTS = 64;
const SEED = 0x2545f491;
const NO_SLOTS = /* @__PURE__ */ new Int32Array(0);

// Puts `held` (a number plus one) in the first free slot from its text's hash.
function place(slots: Int32Array, hash: number, held: number): void {
  const mask = (slots.length >> 1) - 1;
  let slot = hash & mask;
  while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
  slots[2 * slot] = hash;
  slots[2 * slot + 1] = held;
}
