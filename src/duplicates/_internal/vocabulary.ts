/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// The words a scan has seen, numbered, and how alike pairs of them are, remembered. Comparison
// forms hold the numbers, so that most pairs of a scan are decided on small integers inside the
// forms, without visiting the texts: a scan visits its pairs in no useful memory order, and
// following pointers to texts costs more than comparing them. Names repeat (a population has
// far fewer distinct given names and surnames than people), so the similarity of two words is
// worked out once per pair of words.

import { jaroWinkler, withinOneEdit } from './similarity.js';

/** How alike two words are, best first. */
export const SAME = 0;
export const ONE_EDIT = 1;
export const SIMILAR = 2;
export const DIFFERENT = 3;
export type Relation = typeof SAME | typeof ONE_EDIT | typeof SIMILAR | typeof DIFFERENT;

// Pairs of word numbers below 2^26 are remembered under one exact number (a * PAIR + b).
const PAIR = 67_108_864;
// Past this many remembered pairs the memory is cleared rather than grown.
const MAX_RELATIONS = 4_000_000;

/** What comparison forms are made and compared with: numbered words, and how alike two are. */
export interface Words {
  /** The number of a text (0 is the empty text). */
  id(text: string): number;
  /** How alike the words of two numbers are. */
  relation(a: number, b: number): Relation;
  /** The text of a number. */
  text(id: number): string;
}

/** The numbered words of one scan or index; forms made with one are compared with it only. */
export class Vocabulary implements Words {
  readonly #ids = new Map<string, number>();
  readonly #texts: string[] = [];
  readonly #relations = new Map<number, Relation>();

  /** The number of a text (0 is the empty text). */
  id(text: string): number {
    let id = this.#ids.get(text);
    if (id === undefined) {
      id = this.#texts.length;
      this.#ids.set(text, id);
      this.#texts.push(text);
    }
    return id;
  }

  constructor() {
    this.id('');
  }

  /**
   * How alike two words (or multi-word names) are: the same, one edit apart, similar (Jaro-Winkler
   * at least 0.92, or every word of one among the other's), or different.
   */
  relation(a: number, b: number): Relation {
    if (a === b) return SAME;
    if (a >= PAIR || b >= PAIR) return relate(this.#texts[a] as string, this.#texts[b] as string);
    const key = a < b ? a * PAIR + b : b * PAIR + a;
    let found = this.#relations.get(key);
    if (found === undefined) {
      found = relate(this.#texts[a] as string, this.#texts[b] as string);
      if (this.#relations.size >= MAX_RELATIONS) this.#relations.clear();
      this.#relations.set(key, found);
    }
    return found;
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
    const text = (id: number): string => (id < base ? this.text(id) : (texts[id - base] as string));
    return {
      id: (word) => {
        const known = this.#ids.get(word) ?? added.get(word);
        if (known !== undefined) return known;
        texts.push(word);
        added.set(word, base + texts.length - 1);
        return base + texts.length - 1;
      },
      relation: (a, b) => (a < base && b < base ? this.relation(a, b) : a === b ? SAME : relate(text(a), text(b))),
      text,
    };
  }
}

function relate(a: string, b: string): Relation {
  if (a === '' || b === '') return DIFFERENT;
  if (withinOneEdit(a, b)) return ONE_EDIT;
  if (jaroWinkler(a, b) >= 0.92) return SIMILAR;
  if (!a.includes(' ') && !b.includes(' ')) return DIFFERENT;
  // A second surname or a second given name dropped.
  const [fewer, more] = a.length <= b.length ? [a, b] : [b, a];
  const words = more.split(' ');
  return fewer.split(' ').every((word) => words.includes(word)) ? SIMILAR : DIFFERENT;
}
