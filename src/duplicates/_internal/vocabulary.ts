/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// The words a scan has seen, numbered, and how alike pairs of them are, remembered. Comparison
// forms hold the numbers, so that most pairs of a scan are decided on small integers inside the
// forms, without visiting the texts: a scan visits its pairs in no useful memory order, and
// following pointers to texts costs more than comparing them. Names repeat (a population has
// far fewer distinct given names and surnames than people), so the similarity of two words is
// worked out once per pair of words.

import { jaroWinkler, withinOneEdit } from './similarity.js';
import { TextMemo } from './text-memo.js';

/** How alike two words are, best first. */
export const SAME = 0;
export const ONE_EDIT = 1;
export const SIMILAR = 2;
export const DIFFERENT = 3;
export type Relation = typeof SAME | typeof ONE_EDIT | typeof SIMILAR | typeof DIFFERENT;

// Remembered relations live in an open-addressing table of one typed array (no object, and no
// number outside the small-integer range, per pair): a slot is two neighbouring integers, so that
// a lookup touches one cache line. It starts with this many slots, doubles while it is half full,
// and is cleared rather than grown past the largest size (4M slots, 32 MB). Small to start with,
// and made on the first pair: matchers make a vocabulary for every check.
const FIRST_SLOTS = 64;
const MOST_SLOTS = 4_194_304;

/** What comparison forms are made and compared with: numbered words, and how alike two are. */
export interface Words {
  /** The number of a text (0 is the empty text). */
  id(text: string): number;
  /** The number of a text that {@link relation} will be asked about: its words are numbered too. */
  phrase(text: string): number;
  /** How alike the words of two numbers are. */
  relation(a: number, b: number): Relation;
  /** The text of a number. */
  text(id: number): string;
  /** The numbers of the words of a number's text, in order (itself for a single word). */
  wordsOf(id: number): readonly number[];
  /** Whether a number's text is one word (not empty, no space): its words are itself. */
  isWord(id: number): boolean;
  /** The length of a number's text, in UTF-16 code units. */
  length(id: number): number;
  /** The first UTF-16 code unit of a number's text (0 for the empty text). */
  initial(id: number): number;
  /**
   * The number of `normalise(raw)`, or of `normalise(raw.slice(from, end))` (as {@link phrase}): a
   * scan meets the same raw text (a given name, a surname, the domain of an address) in many
   * records, and normalises it once, finding it again without slicing the text.
   */
  normalised(raw: string, normalise: (raw: string) => string, from?: number, end?: number): number;
  /** Whether its numbers stay valid for as long as the forms made with it (an overlay's last one check). */
  readonly keeps: boolean;
}

/** The numbered words of one scan or index; forms made with one are compared with it only. */
export class Vocabulary implements Words {
  readonly #ids = new Map<string, number>();
  readonly #texts: string[] = [];
  // The numbers of each multi-word text's words (undefined for a single word).
  readonly #words: (readonly number[] | undefined)[] = [];
  readonly #relations = new RelationTable();
  // Per number n, from SHAPE * n, what a scan asks of a text while it reads and compares records,
  // kept where it is found without visiting the text: the set of its characters (each code modulo
  // 32, a bit each), its length, its first code unit, and whether it is one word. The first two
  // tell most pairs of words apart without comparing or remembering them (see clearlyDifferent).
  #shapes = new Int32Array(SHAPE * FIRST_SHAPES);
  // Per normaliser, the number of what it made of each raw text it was given.
  readonly #normalised = new Map<(raw: string) => string, TextMemo>();

  readonly keeps = true;

  // How many raw texts #normalised holds.
  #rawTexts = 0;

  /** How many texts it keeps: those it numbered, and the raw texts whose number it remembers. */
  get size(): number {
    return this.#texts.length + this.#rawTexts;
  }

  /**
   * The number of a text (0 is the empty text). A text of several words gets its words numbered
   * with it, so that a relation never depends on how, or whether, the vocabulary met a text
   * before, and asking for one never grows the vocabulary (an overlay counts on that).
   */
  id(text: string): number {
    let id = this.#ids.get(text);
    if (id === undefined) {
      id = this.#texts.length;
      this.#ids.set(text, id);
      this.#texts.push(text);
      this.#words.push(undefined);
      const several = text.includes(' ');
      this.#shape(id, text, several);
      if (several) this.#words[id] = text.split(' ').map((word) => this.id(word));
    }
    return id;
  }

  /** The number of a text that {@link relation} will be asked about (as {@link id}: its words are numbered too). */
  phrase(text: string): number {
    return this.id(text);
  }

  /** The number of `normalise(raw.slice(from, end))`, remembered per raw text (by its characters) and normaliser. */
  normalised(raw: string, normalise: (raw: string) => string, from: number = 0, end: number = raw.length): number {
    let known = this.#normalised.get(normalise);
    if (known === undefined) {
      known = new TextMemo();
      this.#normalised.set(normalise, known);
    }
    const id = known.get(raw, from, end);
    if (id >= 0) return id;
    this.#rawTexts++;
    return known.set(raw, from, end, this.phrase(normalise(from === 0 && end === raw.length ? raw : raw.slice(from, end))));
  }

  constructor() {
    this.id('');
  }

  #shape(id: number, text: string, several: boolean): void {
    if (SHAPE * (id + 1) > this.#shapes.length) {
      const grown = new Int32Array(2 * this.#shapes.length);
      grown.set(this.#shapes);
      this.#shapes = grown;
    }
    shapeOf(text, several, this.#shapes, SHAPE * id);
  }

  /** Whether a number's text is one word (not empty, no space). */
  isWord(id: number): boolean {
    return this.#shapes[SHAPE * id + WORD] === 1;
  }

  /** The length of a number's text. */
  length(id: number): number {
    return this.#shapes[SHAPE * id + LENGTH] as number;
  }

  /** The first code unit of a number's text (0 for the empty text). */
  initial(id: number): number {
    return this.#shapes[SHAPE * id + INITIAL] as number;
  }

  /**
   * How alike the texts of two numbers (from {@link phrase}) are. Two single words: the same, one
   * edit apart, similar (Jaro-Winkler at least 0.92) or different. Texts of several words: one edit
   * apart as a whole, else similar when each word is alike its counterpart or every word of one is
   * among the other's, else different.
   */
  relation(a: number, b: number): Relation {
    if (a === b) return SAME;
    if (clearlyDifferent(this.#shapes, a, b)) return DIFFERENT;
    const low = a < b ? a : b;
    const high = a < b ? b : a;
    const found = this.#relations.get(low, high);
    if (found < 0) {
      const textLow = (this.#texts[low] as string);
      const textHigh = (this.#texts[high] as string);
      // Most texts are single words: related without a list of their one word each.
      const related = this.isWord(low) && this.isWord(high) ? relateWords(textLow, textHigh) : relate(textLow, textHigh, this.wordsOf(low), this.wordsOf(high), this.#relate);
      this.#relations.set(low, high, related);
      return related;
    }
    return found as Relation;
  }

  readonly #relate = (a: number, b: number): Relation => this.relation(a, b);

  /** The numbers of the words of a number's text (itself for a single word). */
  wordsOf(id: number): readonly number[] {
    return this.#words[id] ?? [id];
  }

  /** The text of a number. */
  text(id: number): string {
    return this.#texts[id] as string;
  }

  /**
   * Words that know this vocabulary's and number new ones apart, without adding them: for the
   * forms of a record that is checked, not kept. Valid while the vocabulary does not grow.
   */
  overlay(): Words {
    const base = this.#texts.length;
    const added = new Map<string, number>();
    const texts: string[] = [];
    const words: (readonly number[] | undefined)[] = [];
    const text = (id: number): string => (id < base ? this.text(id) : (texts[id - base] as string));
    const id = (text: string): number => {
      const known = this.#ids.get(text) ?? added.get(text);
      if (known !== undefined) return known;
      texts.push(text);
      words.push(undefined);
      const number = base + texts.length - 1;
      added.set(text, number);
      return number;
    };
    // The words of the overlay's own texts are numbered on first need; the vocabulary's are its own
    // (numbered with their text).
    const wordsOf = (number: number): readonly number[] => {
      if (number < base) return this.wordsOf(number);
      const text = texts[number - base] as string;
      words[number - base] ??= text.includes(' ') ? text.split(' ').map(id) : [number];
      return words[number - base] as readonly number[];
    };
    const relation = (a: number, b: number): Relation => {
      if (a < base && b < base) return this.relation(a, b);
      return a === b ? SAME : relate(text(a), text(b), wordsOf(a), wordsOf(b), relation);
    };
    // The shapes of the overlay's own texts, made on first need.
    const shapes: Int32Array[] = [];
    const shape = (number: number): Int32Array => {
      const text = texts[number - base] as string;
      let made = shapes[number - base];
      if (made === undefined) {
        made = new Int32Array(SHAPE);
        shapeOf(text, text.includes(' '), made, 0);
        shapes[number - base] = made;
      }
      return made;
    };
    const isWord = (number: number): boolean => (number < base ? this.isWord(number) : shape(number)[WORD] === 1);
    const length = (number: number): number => (number < base ? this.length(number) : (shape(number)[LENGTH] as number));
    const initial = (number: number): number => (number < base ? this.initial(number) : (shape(number)[INITIAL] as number));
    // A check meets each raw text once: nothing to remember.
    const normalised = (raw: string, normalise: (raw: string) => string, from: number = 0, end: number = raw.length): number => id(normalise(raw.slice(from, end)));
    return { id, phrase: id, relation, text, wordsOf, isWord, length, initial, normalised, keeps: false };
  }
}

const FIRST_SHAPES = 64;
// A text's shape (see Vocabulary's shapes): SHAPE integers, these at their places.
const SHAPE = 4;
const CHARACTERS = 0;
const LENGTH = 1;
const INITIAL = 2;
const WORD = 3;

// Writes the shape of a text (of several words, or not) to `out` from `at`.
function shapeOf(text: string, several: boolean, out: Int32Array, at: number): void {
  let characters = 0;
  for (let i = 0; i < text.length; i++) characters |= 1 << (text.charCodeAt(i) & 31);
  out[at + CHARACTERS] = characters;
  out[at + LENGTH] = text.length;
  out[at + INITIAL] = text === '' ? 0 : text.charCodeAt(0);
  out[at + WORD] = several || text === '' ? 0 : 1;
}

// Whether two single words (numbers a and b, see Vocabulary's shapes) are certainly different, as
// `relateWords` would find: a character of one whose code is nowhere in the other is matched by
// no edit and no Jaro match. Two such characters on one side are more than one edit; and Jaro
// (matches m: m/|a| + m/|b| + (m - t)/m, over 3) reaches the 13/15 that Jaro-Winkler's 0.92
// needs only with m/|a| + m/|b| of 1.6 or more.
function clearlyDifferent(shapes: Int32Array, a: number, b: number): boolean {
  const at = SHAPE * a;
  const bt = SHAPE * b;
  if (shapes[at + WORD] === 0 || shapes[bt + WORD] === 0) return false;
  const lengthA = (shapes[at + LENGTH] as number);
  const lengthB = (shapes[bt + LENGTH] as number);
  const charactersA = (shapes[at + CHARACTERS] as number);
  const charactersB = (shapes[bt + CHARACTERS] as number);
  const onlyA = bitCount(charactersA & ~charactersB);
  const onlyB = bitCount(charactersB & ~charactersA);
  if (onlyA < 2 && onlyB < 2) return false;
  const most = Math.min(lengthA - onlyA, lengthB - onlyB);
  return 5 * most * (lengthA + lengthB) < 8 * lengthA * lengthB;
}

function bitCount(bits: number): number {
  let count = bits - ((bits >>> 1) & 0x55555555);
  count = (count & 0x33333333) + ((count >>> 2) & 0x33333333);
  return (Math.imul((count + (count >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

const NO_SLOTS = /* @__PURE__ */ new Int32Array(0);
// A slot's second integer: the high number, and the relation plus one above it (0 marks an empty slot).
const RELATION_SHIFT = 29;
// 2^29 - 1, written out: a computed constant is top-level work a bundler keeps.
const NUMBER_MASK = 0x1fffffff;

// Relations of pairs of word numbers (low < high, both below 2^29): slot s holds low at 2s, and at
// 2s + 1 high with the relation plus one in its top bits (0 marks an empty slot).
// A table's array is made on its first pair: most vocabularies of a check never relate one.
class RelationTable {
  #slots = NO_SLOTS;
  #size = 0;

  /** The relation remembered for the pair, or -1. */
  get(low: number, high: number): number {
    if (this.#size === 0) return -1;
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = slotOf(low, high, mask); ; slot = (slot + 1) & mask) {
      const packed = (slots[2 * slot + 1] as number);
      if (packed === 0) return -1;
      if ((packed & NUMBER_MASK) === high && slots[2 * slot] === low) return (packed >>> RELATION_SHIFT) - 1;
    }
  }

  set(low: number, high: number, relation: Relation): void {
    const capacity = this.#slots.length >> 1;
    if (this.#size * 2 >= capacity) this.#make(capacity === 0 ? FIRST_SLOTS : capacity < MOST_SLOTS ? capacity * 2 : capacity);
    if (high > NUMBER_MASK) return;
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    let slot = slotOf(low, high, mask);
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = low;
    slots[2 * slot + 1] = high | ((relation + 1) << RELATION_SHIFT);
    this.#size++;
  }

  // A table of `capacity` slots, holding what this one held when it grows, and nothing when it is cleared.
  #make(capacity: number): void {
    const old = this.#slots;
    const keep = capacity > old.length >> 1;
    this.#slots = new Int32Array(2 * capacity);
    this.#size = 0;
    if (!keep) return;
    for (let slot = 0; slot < old.length; slot += 2) {
      const packed = (old[slot + 1] as number);
      if (packed !== 0) this.set(old[slot] as number, packed & NUMBER_MASK, ((packed >>> RELATION_SHIFT) - 1) as Relation);
    }
  }
}

function slotOf(low: number, high: number, mask: number): number {
  const mixed = Math.imul(low, 0x9e3779b1) ^ Math.imul(high + 0x7f4a7c15, 0x85ebca77);
  return (mixed ^ (mixed >>> 15)) & mask;
}

// How alike two numbered texts are, given the numbers of their words (a single word's own). Two
// words: by their letters. Texts of several words (a given name and a second one, two
// surnames): one typo in the whole text, else word by word through `words` (remembered), so that a
// pair of multi-word names costs a few integer comparisons rather than a comparison of letters.
function relate(a: string, b: string, wordsA: readonly number[], wordsB: readonly number[], words: (x: number, y: number) => Relation): Relation {
  if (a === '' || b === '') return DIFFERENT;
  // A text of one word is its own only word (a text with a space has two or more).
  if (wordsA.length === 1 && wordsB.length === 1) return relateWords(a, b);
  if (withinOneEdit(a, b)) return ONE_EDIT;
  const fewer = wordsA.length <= wordsB.length ? wordsA : wordsB;
  const more = fewer === wordsA ? wordsB : wordsA;
  if (fewer.length === more.length) {
    // The same number of words, each alike its counterpart.
    let alike = true;
    for (let w = 0; w < fewer.length && alike; w++) alike = words(fewer[w] as number, more[w] as number) !== DIFFERENT;
    if (alike) return SIMILAR;
  }
  // A second surname or a second given name dropped, or the words in another order.
  for (const word of fewer) if (!more.includes(word)) return DIFFERENT;
  return SIMILAR;
}

function relateWords(a: string, b: string): Relation {
  if (a === b) return SAME;
  if (withinOneEdit(a, b)) return ONE_EDIT;
  // Jaro-Winkler reaches 0.92 only from a Jaro of 13/15 (the largest boost adds 0.4 of what is
  // left), and Jaro reaches that only when the shorter text is at least 3/5 of the longer.
  if (5 * Math.min(a.length, b.length) < 3 * Math.max(a.length, b.length)) return DIFFERENT;
  return jaroWinkler(a, b) >= SIMILAR_FROM ? SIMILAR : DIFFERENT;
}
const SIMILAR_FROM = 0.92;
