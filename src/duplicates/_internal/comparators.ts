/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
import { foldText } from '../../kernel/index.js';
import { normaliseCompanyTitle } from '../normalise-company-title.js';
import { normalisePersonName } from '../normalise-person-name.js';
import { normalisePhone } from '../normalise-phone.js';
import type { Comparator } from '../criteria.js';
import { addressSplit, domainEnd, foldAddressPart } from './email-address.js';
import { isRoleMailbox } from './role-mailboxes.js';
import { phoneText, readPhoneText } from './phone.js';
import { hashNumbers } from './key-table.js';
import { jaroWinkler, tokenOverlap, withinOneEdit } from './similarity.js';
import type { Words } from './vocabulary.js';
import { DIFFERENT, ONE_EDIT, SAME, SIMILAR } from './vocabulary.js';

/**
 * One level of agreement of a comparator, best first, with the prior probabilities of seeing it
 * in a pair of duplicates (`m`) and in a pair of unrelated records (`u`). Scans re-estimate both
 * from the data; a record checked alone uses them as they are.
 */
export interface Level {
  readonly label: string;
  readonly m: number;
  readonly u: number;
}

/**
 * What a comparator reads a record's values into once, and compares pairs of. A comparison form is
 * a run of integers (texts are numbers in the scan's vocabulary): a scan keeps the forms of a
 * million records in one typed array, so that its garbage collector sees no object per record and
 * comparing a pair reads a few integers that sit together. A form is read from `data` at `at`;
 * each rule's layout says how long it is.
 */
export interface Rule {
  readonly levels: readonly Level[];
  /** Appends the comparison form of a record's values to `out`; false (and nothing appended) when there is nothing to compare. */
  prepare(values: readonly unknown[], options: PrepareOptions, out: number[]): boolean;
  /** The level two forms agree at (an index of `levels`); both made with `vocabulary`. */
  readonly compare: (a: Int32Array, at: number, b: Int32Array, bt: number, vocabulary: Words) => number;
  /**
   * The blocking keys of a form (without the field's prefix). A key that starts with `~` is loose:
   * it finds duplicates a typo would hide, and proposes many pairs that are not. A key that starts
   * with `>` (then `~`) only looks: a scan pairs it with records holding the same key without the
   * `>`, never with another record that only looks.
   */
  keys(form: Int32Array, at: number, out: string[], vocabulary: Words): void;
  /**
   * The same keys as {@link keys}, in the same order, as integers for a scan to hash without
   * building their texts: per key a header (its count of integers, with {@link LOOSE_KEY} and
   * {@link LOOKING_KEY}) and then the integers. Two keys of one criterion and vocabulary have equal
   * codes exactly when their texts (without `>`) are equal.
   */
  keyCodes(form: Int32Array, at: number, out: number[], vocabulary: Words): void;
  /** Whether a value shared by too many records stops counting as evidence (phones, e-mails, codes). */
  readonly stoppable: boolean;
  /**
   * For a rule that names who a record is (a person's name, a company's title): three numbered
   * texts, written into `out[to]`, `out[to + 1]` and `out[to + 2]` (0 for none), that put alike
   * records next to each other when records are sorted by the first text, then the second, then
   * the third; for comparing neighbours within a large block.
   */
  sortParts?(form: Int32Array, at: number, out: Int32Array, to: number): void;
  /** The values a stoppable form holds, each a key as `keys` gives it. */
  values?(form: Int32Array, at: number, vocabulary: Words): readonly string[];
  /**
   * How a report names a key this form holds (default: the key without its `~`, or without the `\`
   * before a value that starts with a mark).
   */
  describe?(form: Int32Array, at: number, key: string, vocabulary: Words): string;
  /** Appends the form without the stopped values to `out`; false (nothing appended) when none is left. */
  without?(form: Int32Array, at: number, stopped: ReadonlySet<string>, vocabulary: Words, out: number[]): boolean;
}

/** What forms are prepared with: made by {@link prepareOptions}. */
export interface PrepareOptions {
  /** Numbers the words of the forms (see vocabulary.ts); forms are compared with the same one. */
  readonly vocabulary: Words;
  /** The number of the text of the region national phone numbers are read in ('' for none), which every phone form holds. */
  readonly region: number;
}

/** The options forms are prepared with, the region numbered once rather than for every record. */
export function prepareOptions(defaultRegion: string | undefined, vocabulary: Words): PrepareOptions {
  return { vocabulary, region: vocabulary.id(defaultRegion ?? '') };
}

/** In a key code's header: the count of its integers. */
export const KEY_LENGTH = 0xffff;
/** In a key code's header: the key is loose (its text starts with `~`). */
export const LOOSE_KEY = 0x10000;
/** In a key code's header: the key only looks (its text starts with `>`). */
export const LOOKING_KEY = 0x20000;

// A key code of one integer.
function pushCode(out: number[], value: number): void {
  out.push(1, value);
}

function level(label: string, m: number, u: number): Level {
  return Object.freeze({ label, m, u });
}

function texts(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const value of values) if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  return out;
}

function unique(list: string[]): string[] {
  return list.length < 2 ? list : [...new Set(list)];
}

// Lists of numbered texts, as forms lay them out: their count, then the numbers.
function pushList(out: number[], ids: readonly number[]): boolean {
  if (ids.length === 0) return false;
  out.push(ids.length, ...ids);
  return true;
}

// The numbers of a list of numbered texts (count, then numbers) at `at`.
function listIds(data: Int32Array, at: number): number[] {
  return Array.from(data.subarray(at + 1, at + 1 + (data[at] as number)));
}

function listHas(data: Int32Array, at: number, id: number): boolean {
  const end = at + 1 + (data[at] as number);
  for (let x = at + 1; x < end; x++) if (data[x] === id) return true;
  return false;
}

/**
 * A value as a key text: a value that starts with a key's mark (`~`, `>`) or the escape (`\`)
 * gets the escape before it, so that a website or an address written `~ana` is not read as a
 * loose key. Equal values give equal keys, and different values different ones.
 */
export function literal(value: string): string {
  const first = value.charCodeAt(0);
  return first === 126 || first === 62 || first === 92 ? `\\${value}` : value;
}

function listTexts(data: Int32Array, at: number, vocabulary: Words): string[] {
  return listIds(data, at).map((id) => vocabulary.text(id));
}

// --- exact -------------------------------------------------------------------------------------

// Form: the count of distinct values, then their numbers (trimmed, lower-cased).
const exact: Rule = {
  levels: [/* @__PURE__ */ level('same value', 0.95, 0.01), /* @__PURE__ */ level('different', 0.05, 0.99)],
  prepare(values, { vocabulary }, out) {
    return pushList(out, unique(texts(values).map((text) => text.trim().toLowerCase()).filter((text) => text !== '')).map((text) => vocabulary.id(text)));
  },
  compare(a, at, b, bt) {
    const end = at + 1 + (a[at] as number);
    for (let x = at + 1; x < end; x++) if (listHas(b, bt, a[x] as number)) return 0;
    return 1;
  },
  keys(form, at, out, vocabulary) {
    for (const value of listTexts(form, at, vocabulary)) out.push(literal(value));
  },
  keyCodes(form, at, out) {
    for (let x = at + 1; x <= at + (form[at] as number); x++) pushCode(out, form[x] as number);
  },
  stoppable: true,
  values: (form, at, vocabulary) => listTexts(form, at, vocabulary).map(literal),
  without(form, at, stopped, vocabulary, out) {
    return pushList(out, listTexts(form, at, vocabulary).filter((value) => !stopped.has(literal(value))).map((value) => vocabulary.id(value)));
  },
};

// Text in comparison form: accents and case folded, punctuation read as spaces, digits kept.
function foldWords(value: string): string {
  return foldText(value.replace(PUNCTUATION, ' '));
}
const PUNCTUATION = /[^\p{L}\p{N}\s]+/gu;

// --- text --------------------------------------------------------------------------------------

// Form: the number of the folded text (the values joined).
const text: Rule = {
  levels: [/* @__PURE__ */ level('same text', 0.8, 0.002), /* @__PURE__ */ level('one edit apart', 0.08, 0.001), /* @__PURE__ */ level('similar', 0.05, 0.01), /* @__PURE__ */ level('somewhat similar', 0.04, 0.05), /* @__PURE__ */ level('different', 0.03, 0.937)],
  prepare(values, { vocabulary }, out) {
    const joined = texts(values).map(foldWords).filter((value) => value !== '').join(' ');
    if (joined === '') return false;
    out.push(vocabulary.id(joined));
    return true;
  },
  compare(a, at, b, bt, vocabulary) {
    if (a[at] === b[bt]) return 0;
    const x = vocabulary.text(a[at] as number);
    const y = vocabulary.text(b[bt] as number);
    if (withinOneEdit(x, y)) return 1;
    const similarity = jaroWinkler(x, y);
    return similarity >= 0.92 ? 2 : similarity >= 0.8 ? 3 : 4;
  },
  keys(form, at, out, vocabulary) {
    out.push(vocabulary.text(form[at] as number));
  },
  keyCodes(form, at, out) {
    pushCode(out, form[at] as number);
  },
  stoppable: false,
};

// --- personName ------------------------------------------------------------------------------

/** The parts of a virtual `name`, read by the criteria compiler from first, second and last name. */
export interface NameParts {
  readonly first?: unknown;
  readonly second?: unknown;
  readonly last?: unknown;
}

function personNamePart(raw: string): string {
  return normalisePersonName(raw) ?? '';
}

// The number of a name part's normalised text (0 when there is none). Names repeat (namesakes, a
// family's surname): the vocabulary normalises each distinct raw text once.
function namePart(value: unknown, vocabulary: Words): number {
  return typeof value === 'string' ? vocabulary.normalised(value, personNamePart) : 0;
}

function isNameParts(value: unknown): value is NameParts {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Form: flags, then the numbers of the first, second and last name (0 when missing; a name that
// came as one text is all last name), a hash of the whole name's words that does not depend on
// their order, and the first name's first letter (a UTF-16 code). Name parts repeat across
// records, so their numbers are found without normalising a text per record.
const NAME_FLAGS = 0;
const NAME_FIRST = 1;
const NAME_SECOND = 2;
const NAME_LAST = 3;
const NAME_WORDS = 4;
const NAME_LETTER = 5;
// The name came in parts (first, second, last) rather than as one text; the first name is only
// its initial.
const PARTS = 1;
const INITIAL = 2;

// The whole name of a form: its parts joined by spaces.
function fullName(form: Int32Array, at: number, vocabulary: Words): string {
  return joinWords(joinWords(vocabulary.text(form[at + NAME_FIRST] as number), vocabulary.text(form[at + NAME_SECOND] as number)), vocabulary.text(form[at + NAME_LAST] as number));
}

const personName: Rule = {
  levels: [
    /* @__PURE__ */ level('same name', 0.7, 0.001),
    /* @__PURE__ */ level('same words in another order', 0.03, 0.0001),
    /* @__PURE__ */ level('one name missing, the rest the same', 0.03, 0.002),
    /* @__PURE__ */ level('one edit apart', 0.08, 0.0005),
    /* @__PURE__ */ level('similar', 0.1, 0.002),
    /* @__PURE__ */ level('only the last name similar', 0.02, 0.02),
    /* @__PURE__ */ level('only the first name similar', 0.01, 0.03),
    /* @__PURE__ */ level('different', 0.03, 0.9449),
  ],
  prepare(values, { vocabulary }, out) {
    const given = values[0];
    if (isNameParts(given)) {
      const first = namePart(given.first, vocabulary);
      const second = namePart(given.second, vocabulary);
      const last = namePart(given.last, vocabulary);
      if (first === 0 && second === 0 && last === 0) return false;
      out.push(PARTS | (vocabulary.length(first) === 1 ? INITIAL : 0), first, second, last, (wordsHash(first, vocabulary) + wordsHash(second, vocabulary) + wordsHash(last, vocabulary)) | 0, vocabulary.initial(first));
      return true;
    }
    const full = texts(values)
      .map((value) => vocabulary.text(namePart(value, vocabulary)))
      .filter((part) => part !== '')
      .join(' ');
    if (full === '') return false;
    const id = vocabulary.phrase(full);
    out.push(0, 0, 0, id, wordsHash(id, vocabulary), 0);
    return true;
  },
  compare(a, at, b, bt, vocabulary) {
    if (a[at + NAME_FIRST] === b[bt + NAME_FIRST] && a[at + NAME_SECOND] === b[bt + NAME_SECOND] && a[at + NAME_LAST] === b[bt + NAME_LAST]) return 0;
    // The same words, split into parts another way or in another order: equal hashes are
    // confirmed on the texts.
    if (a[at + NAME_WORDS] === b[bt + NAME_WORDS]) {
      const x = fullName(a, at, vocabulary);
      const y = fullName(b, bt, vocabulary);
      if (x === y) return 0;
      if (sortedWords(x) === sortedWords(y)) return 1;
    }
    if (oneNameMissing(a, at, b, bt) || oneNameMissing(b, bt, a, at)) return 2;
    const flagsA = (a[at + NAME_FLAGS] as number);
    const flagsB = (b[bt + NAME_FLAGS] as number);
    const lastA = (a[at + NAME_LAST] as number);
    const lastB = (b[bt + NAME_LAST] as number);
    const firstA = (a[at + NAME_FIRST] as number);
    const firstB = (b[bt + NAME_FIRST] as number);
    if ((flagsA & PARTS) === 0 || (flagsB & PARTS) === 0 || firstA === 0 || firstB === 0) {
      // One text, or a first name only one side has: the rest decides.
      const relation = vocabulary.relation(lastA, lastB);
      return relation === ONE_EDIT ? 3 : relation === SIMILAR ? 4 : relation === SAME ? 5 : 7;
    }
    const last = vocabulary.relation(lastA, lastB);
    // A given name written as its initial ('j' for 'jose'; the normaliser has dropped the dot).
    const first = ((flagsA | flagsB) & INITIAL) !== 0 && a[at + NAME_LETTER] === b[bt + NAME_LETTER] ? SIMILAR : vocabulary.relation(firstA, firstB);
    if ((last === SAME && first === ONE_EDIT) || (last === ONE_EDIT && first === SAME)) return 3;
    if (last !== DIFFERENT) return first !== DIFFERENT ? 4 : 5;
    return first !== DIFFERENT ? 6 : 7;
  },
  keys(form, at, out, vocabulary) {
    const full = fullName(form, at, vocabulary);
    const first = vocabulary.text(form[at + NAME_FIRST] as number);
    const last = vocabulary.text(form[at + NAME_LAST] as number);
    if (((form[at + NAME_FLAGS] as number) & PARTS) === 0) {
      out.push(full);
    } else if (first === '' || last === '') {
      // Only one name: it finds the fuller names that have it.
      out.push(`~${full}`);
    } else {
      // The last name with the first initial (a typo in the first name keeps it; one in the last
      // name leaves the phones and e-mails to find the pair); the last name alone, to be found by
      // records that have nothing else.
      out.push(`${last}|${first.charAt(0)}`, `>~${last}`);
    }
  },
  // The words of a key as their numbers; the first letter of `last|f` as minus its code, which no
  // word number is.
  keyCodes(form, at, out, vocabulary) {
    const first = (form[at + NAME_FIRST] as number);
    const second = (form[at + NAME_SECOND] as number);
    const last = (form[at + NAME_LAST] as number);
    if (((form[at + NAME_FLAGS] as number) & PARTS) === 0) {
      pushWords(out, 0, vocabulary, last);
    } else if (first === 0 || last === 0) {
      pushWords(out, LOOSE_KEY, vocabulary, first, second, last);
    } else {
      const header = out.length;
      pushWords(out, 0, vocabulary, last);
      out.push(-(form[at + NAME_LETTER] as number));
      out[header] = (out[header] as number) + 1;
      pushWords(out, LOOSE_KEY | LOOKING_KEY, vocabulary, last);
    }
  },
  sortParts(form, at, out, to) {
    out[to] = form[at + NAME_FIRST] as number;
    out[to + 1] = form[at + NAME_SECOND] as number;
    out[to + 2] = form[at + NAME_LAST] as number;
  },
  stoppable: false,
};

function joinWords(a: string, b: string): string {
  return a === '' ? b : b === '' ? a : `${a} ${b}`;
}

function sortedWords(text: string): string {
  return text.split(' ').sort().join(' ');
}

// A hash of the words of a numbered text that is the same whatever their order: the sum of a mix
// of each word's number (0 for no text, so that the hashes of parts add up to the whole name's).
function wordsHash(id: number, vocabulary: Words): number {
  if (id === 0) return 0;
  if (vocabulary.isWord(id)) return mixWord(id);
  let sum = 0;
  for (const word of vocabulary.wordsOf(id)) {
    sum = (sum + mixWord(word)) | 0;
  }
  return sum;
}

function mixWord(word: number): number {
  const mixed = Math.imul(word ^ (word >>> 16), 0x45d9f3b);
  return Math.imul(mixed ^ (mixed >>> 16), 0x45d9f3b);
}

// Appends the numbers of the words of a number's text (none for the empty text).
function pushWordsOf(out: number[], vocabulary: Words, id: number): void {
  if (id === 0) return;
  if (vocabulary.isWord(id)) out.push(id);
  else for (const word of vocabulary.wordsOf(id)) out.push(word);
}

// A key code of the words of the texts of up to three numbers, joined as a name's parts are (the empty
// text has none). More words than a name has (pasted text) are given by their 64-bit hash, so that
// a code stays short.
function pushWords(out: number[], flags: number, vocabulary: Words, a: number, b: number = 0, c: number = 0): void {
  const header = out.length;
  out.push(flags);
  pushWordsOf(out, vocabulary, a);
  pushWordsOf(out, vocabulary, b);
  pushWordsOf(out, vocabulary, c);
  const count = out.length - header - 1;
  if (count <= MOST_CODE_WORDS) {
    out[header] = flags + count;
    return;
  }
  hashNumbers(out, header + 1, out.length, wordsHashed);
  out.length = header;
  out.push(flags | HASHED_WORDS | 2, wordsHashed[0] as number, wordsHashed[1] as number);
}
const MOST_CODE_WORDS = 8;
// In a key code's header: the code holds its words' hash.
const HASHED_WORDS = 0x40000;
const wordsHashed = /* @__PURE__ */ new Uint32Array(2);

// A name with only a last name (or only a first name) against a fuller one that has it.
function oneNameMissing(short: Int32Array, st: number, full: Int32Array, ft: number): boolean {
  const fullFirst = (full[ft + NAME_FIRST] as number);
  const fullLast = (full[ft + NAME_LAST] as number);
  if (fullFirst === 0 || fullLast === 0 || ((short[st + NAME_FLAGS] as number) & PARTS) === 0) return false;
  const first = (short[st + NAME_FIRST] as number);
  const last = (short[st + NAME_LAST] as number);
  if (first === 0 && last !== 0) return last === fullLast;
  if (last === 0 && first !== 0) return first === fullFirst;
  return false;
}

// --- companyTitle ------------------------------------------------------------------------------

// Form: the numbers of the title without legal forms and of its words sorted, then the count of
// its words and their numbers.
const companyTitle: Rule = {
  levels: [
    /* @__PURE__ */ level('same title', 0.8, 0.001),
    /* @__PURE__ */ level('all the words of one in the other', 0.08, 0.002),
    /* @__PURE__ */ level('similar', 0.05, 0.005),
    /* @__PURE__ */ level('half the words shared', 0.04, 0.02),
    /* @__PURE__ */ level('different', 0.03, 0.972),
  ],
  prepare(values, { vocabulary }, out) {
    const titles = texts(values).map(normaliseCompanyTitle).filter((value): value is string => value !== undefined);
    const title = titles.join(' ');
    if (title === '') return false;
    const words = title.split(' ');
    out.push(vocabulary.id(title), vocabulary.id([...words].sort().join(' ')));
    return pushList(
      out,
      words.map((word) => vocabulary.id(word)),
    );
  },
  compare(a, at, b, bt, vocabulary) {
    if (a[at] === b[bt] || a[at + 1] === b[bt + 1]) return 0;
    const overlap = tokenOverlap(listIds(a, at + 2), listIds(b, bt + 2));
    if (overlap === 1) return 1;
    if (jaroWinkler(vocabulary.text(a[at] as number), vocabulary.text(b[bt] as number)) >= 0.92) return 2;
    return overlap >= 0.5 ? 3 : 4;
  },
  keys(form, at, out, vocabulary) {
    out.push(vocabulary.text(form[at + 1] as number));
  },
  keyCodes(form, at, out) {
    pushCode(out, form[at + 1] as number);
  },
  sortParts(form, at, out, to) {
    out[to] = form[at + 1] as number;
    out[to + 1] = 0;
    out[to + 2] = 0;
  },
  stoppable: false,
};

// --- phone -------------------------------------------------------------------------------------

// Form: the number of the region national numbers are read in, the count of numbers, then per
// number its last eight digits as an integer (its blocking key), how many digits that tail has,
// the digits before it as an integer and their count (plus 256 after a '+'), its extension's
// digits after a 1 (0 when none), and the number of its E.164 form once known. Digits are
// integers rather than vocabulary numbers: nearly every number is a record's own, and numbering a
// million texts nobody shares costs a hash table of them. A number of more than 17 digits (pasted
// junk) keeps its digits' vocabulary number instead, and -1 as their count.
// E.164 forms are worked out only when two records share a tail and differ in how it was typed.
const PHONE_TAIL = 8;
const PHONE_ENTRY = 6;
// In a phone entry: the number of its E.164 form, or -1 until a comparison needs it.
const PHONE_E164 = 5;
const PLUS = 256;
const LONGEST_HEAD = 9;

// A number read into E.164 from `region|digits`, else its digits.
function e164OfKey(key: string): string {
  const split = key.indexOf('|');
  const digits = key.slice(split + 1);
  return normalisePhone(digits, { defaultRegion: split === 0 ? undefined : key.slice(0, split) }) ?? digits;
}

// The number of the E.164 form of the phone entry at x of the form at `at` (see e164OfKey): read
// once per scan for each number, and kept in the entry on first need, so that a record's number is
// compared with the next record's as integers. A number an overlay gives is not kept: it is valid
// only for one check.
function e164At(form: Int32Array, at: number, x: number, vocabulary: Words): number {
  const known = (form[x + PHONE_E164] as number);
  if (known >= 0) return known;
  const number = vocabulary.normalised(`${vocabulary.text(form[at] as number)}|${digitsAt(form, x, vocabulary)}`, e164OfKey);
  if (vocabulary.keeps) form[x + PHONE_E164] = number;
  return number;
}

// The digits of the number at x, as typed: '+' and digits.
function digitsAt(form: Int32Array, x: number, vocabulary: Words): string {
  const info = (form[x + 3] as number);
  if (info < 0) return vocabulary.text(form[x + 2] as number);
  const length = info & (PLUS - 1);
  return `${(info & PLUS) === 0 ? '' : '+'}${length === 0 ? '' : String(form[x + 2]).padStart(length, '0')}${tailText(form, x)}`;
}

// The last eight digits of each number of a form: its blocking keys.
function phoneTails(form: Int32Array, at: number): string[] {
  const out: string[] = [];
  for (let n = 0, x = at + 2; n < (form[at + 1] as number); n++, x += PHONE_ENTRY) out.push(tailText(form, x));
  return out;
}

function tailText(form: Int32Array, x: number): string {
  return String(form[x]).padStart(form[x + 1] as number, '0');
}

// Appends a list form (what comes before its count, the count at `count`, then entries of `size`
// integers) with only the entries `keep` accepts (given where each starts); false (nothing
// appended) when none is kept.
function copyEntries(form: Int32Array, count: number, size: number, before: number, out: number[], keep: (x: number) => boolean): boolean {
  const start = out.length;
  for (let x = count - before; x < count; x++) out.push(form[x] as number);
  out.push(0);
  let kept = 0;
  for (let n = 0, x = count + 1; n < (form[count] as number); n++, x += size) {
    if (!keep(x)) continue;
    for (let y = x; y < x + size; y++) out.push(form[y] as number);
    kept++;
  }
  return endList(out, start, start + before, kept);
}

// Ends a list form begun at `start` in `out`: its count of entries at `countAt`, or nothing of it
// (and false) when it has none.
function endList(out: number[], start: number, countAt: number, count: number): boolean {
  if (count === 0) {
    out.length = start;
    return false;
  }
  out[countAt] = count;
  return true;
}

// Whether two tails of one length differ by one typed key: one digit, or two neighbours swapped.
function tailsOneEditApart(a: number, b: number): boolean {
  let differences = 0;
  let swapped = false;
  let previousA = -1;
  let previousB = -1;
  for (let digit = 0; digit < PHONE_TAIL && (a > 0 || b > 0); digit++) {
    const x = a % 10;
    const y = b % 10;
    if (x !== y) {
      // The neighbours just compared, swapped: one edit, not two.
      if (differences === 1 && !swapped && x === previousB && y === previousA && previousA !== previousB) swapped = true;
      else differences++;
      if (differences > 1) return false;
    }
    previousA = x;
    previousB = y;
    a = (a - x) / 10;
    b = (b - y) / 10;
  }
  return differences === 1;
}

const phone: Rule = {
  levels: [/* @__PURE__ */ level('same number', 0.9, 0.0005), /* @__PURE__ */ level('one digit off', 0.03, 0.001), /* @__PURE__ */ level('different', 0.07, 0.9985)],
  prepare(values, { region, vocabulary }, out) {
    const start = out.length;
    const reading = phoneText();
    out.push(region, 0);
    let count = 0;
    for (const value of values) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      readPhoneText(String(value), reading);
      const { digits, plus } = reading;
      const length = digits.length;
      if (length === 0) continue;
      const tailLength = Math.min(PHONE_TAIL, length);
      const headLength = length - tailLength;
      let tail = 0;
      for (let d = headLength; d < length; d++) tail = tail * 10 + (digits[d] as number);
      let head = 0;
      let info = -1;
      if (headLength <= LONGEST_HEAD) {
        for (let d = 0; d < headLength; d++) head = head * 10 + (digits[d] as number);
        info = headLength | (plus ? PLUS : 0);
      } else {
        head = vocabulary.id(`${plus ? '+' : ''}${digits.join('')}`);
      }
      // An extension's digits after a 1 (so that leading zeros count): 0 for none, as most numbers have.
      let extension = 0;
      if (reading.extension.length > 0) {
        extension = 1;
        for (const digit of reading.extension) extension = extension * 10 + digit;
      }
      // A number given twice (with the same extension) counts once.
      let seen = false;
      for (let x = start + 2; x < out.length && !seen; x += PHONE_ENTRY) seen = out[x] === tail && out[x + 1] === tailLength && out[x + 2] === head && out[x + 3] === info && out[x + 4] === extension;
      if (seen) continue;
      out.push(tail, tailLength, head, info, extension, -1);
      count++;
    }
    return endList(out, start, start + 1, count);
  },
  compare(a, at, b, bt, vocabulary) {
    let best = 2;
    const endA = at + 2 + (a[at + 1] as number) * PHONE_ENTRY;
    const endB = bt + 2 + (b[bt + 1] as number) * PHONE_ENTRY;
    for (let x = at + 2; x < endA; x += PHONE_ENTRY) {
      const tailX = (a[x] as number);
      const lengthX = (a[x + 1] as number);
      for (let y = bt + 2; y < endB; y += PHONE_ENTRY) {
        if (lengthX !== b[y + 1]) continue;
        const tailY = (b[y] as number);
        if (tailX === tailY) {
          // The same digits are the same number in one region; other writings are read into E.164.
          if (a[x + 2] !== b[y + 2] || a[x + 3] !== b[y + 3] || a[at] !== b[bt]) {
            const numberX = e164At(a, at, x, vocabulary);
            const numberY = e164At(b, bt, y, vocabulary);
            if (numberX !== numberY && !sameSubscriber(vocabulary.text(numberX), vocabulary.text(numberY))) continue;
          }
          // One switchboard, two extensions: two people's lines.
          const extensionX = (a[x + 4] as number);
          const extensionY = (b[y + 4] as number);
          if (extensionX === 0 || extensionY === 0 || extensionX === extensionY) return 0;
        } else if (best === 2 && tailsOneEditApart(tailX, tailY)) {
          best = 1;
        }
      }
    }
    return best;
  },
  keys(form, at, out) {
    out.push(...phoneTails(form, at));
  },
  keyCodes(form, at, out) {
    for (let n = 0, x = at + 2; n < (form[at + 1] as number); n++, x += PHONE_ENTRY) out.push(2, form[x] as number, form[x + 1] as number);
  },
  stoppable: true,
  values: phoneTails,
  // The whole number, not the tail it was found by.
  describe(form, at, key, vocabulary) {
    for (let n = 0, x = at + 2; n < (form[at + 1] as number); n++, x += PHONE_ENTRY) if (tailText(form, x) === key) return vocabulary.text(e164At(form, at, x, vocabulary));
    return key;
  },
  without(form, at, stopped, _vocabulary, out) {
    return copyEntries(form, at + 1, PHONE_ENTRY, 1, out, (x) => !stopped.has(tailText(form, x)));
  },
};

// A number kept as bare digits (no country could be found) is the same as an E.164 number that
// ends with those digits, when they are long enough to be a whole national number.
function sameSubscriber(x: string, y: string): boolean {
  if (x.startsWith('+') === y.startsWith('+')) return false;
  const [bare, full] = x.startsWith('+') ? [y, x] : [x, y];
  return bare.length >= 7 && full.endsWith(bare);
}

// --- email -------------------------------------------------------------------------------------

// Form: the count of addresses, then per address the numbers of its mailbox name (before its last
// `@`) and of its domain.
const ADDRESS_ENTRY = 2;

function addressAt(form: Int32Array, x: number, vocabulary: Words): string {
  return `${vocabulary.text(form[x] as number)}@${vocabulary.text(form[x + 1] as number)}`;
}

function addressTexts(form: Int32Array, at: number, vocabulary: Words): string[] {
  const out: string[] = [];
  for (let n = 0, x = at + 1; n < (form[at] as number); n++, x += ADDRESS_ENTRY) out.push(literal(addressAt(form, x, vocabulary)));
  return out;
}

// A mailbox name in comparison form, or '' for a shared one (info@): decided once per name typed.
function personalMailbox(raw: string): string {
  const mailbox = foldAddressPart(raw);
  return isRoleMailbox(mailbox) ? '' : mailbox;
}

const email: Rule = {
  levels: [/* @__PURE__ */ level('same address', 0.9, 0.0003), /* @__PURE__ */ level('same mailbox name, domain misspelt', 0.03, 0.0001), /* @__PURE__ */ level('different', 0.07, 0.9996)],
  prepare(values, { vocabulary }, out) {
    const start = out.length;
    out.push(0);
    let count = 0;
    for (const value of values) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      // As normaliseEmail reads it, each part numbered by what was typed (see email-address.ts).
      const text = String(value).trim();
      const split = addressSplit(text);
      if (split < 0) continue;
      const end = domainEnd(text, split);
      if (end === split + 1) continue;
      const mailbox = vocabulary.normalised(text, personalMailbox, 0, split);
      // A shared mailbox (info@, ventas@) says which company, not which person: it is not compared.
      if (mailbox === 0) continue;
      const domain = vocabulary.normalised(text, foldAddressPart, split + 1, end);
      let seen = false;
      for (let x = start + 1; x < out.length && !seen; x += ADDRESS_ENTRY) seen = out[x] === mailbox && out[x + 1] === domain;
      if (seen) continue;
      out.push(mailbox, domain);
      count++;
    }
    return endList(out, start, start, count);
  },
  compare(a, at, b, bt, vocabulary) {
    let best = 2;
    const endA = at + 1 + (a[at] as number) * ADDRESS_ENTRY;
    const endB = bt + 1 + (b[bt] as number) * ADDRESS_ENTRY;
    for (let x = at + 1; x < endA; x += ADDRESS_ENTRY) {
      const mailbox = (a[x] as number);
      for (let y = bt + 1; y < endB; y += ADDRESS_ENTRY) {
        if (mailbox !== b[y]) continue;
        if (a[x + 1] === b[y + 1]) return 0;
        // The same mailbox name at domains one typo apart ('nichols.info', 'nnichls.info'). The
        // same name at an unrelated domain is not evidence: mailbox names are made of people's
        // names, so namesakes share them.
        if (vocabulary.relation(a[x + 1] as number, b[y + 1] as number) !== DIFFERENT) best = 1;
      }
    }
    return best;
  },
  keys(form, at, out, vocabulary) {
    for (let n = 0, x = at + 1; n < (form[at] as number); n++, x += ADDRESS_ENTRY) {
      out.push(literal(addressAt(form, x, vocabulary)));
      const mailbox = vocabulary.text(form[x] as number);
      if (mailbox.length >= 3) out.push(`~${mailbox}@`);
    }
  },
  keyCodes(form, at, out, vocabulary) {
    for (let n = 0, x = at + 1; n < (form[at] as number); n++, x += ADDRESS_ENTRY) {
      out.push(2, form[x] as number, form[x + 1] as number);
      if (vocabulary.length(form[x] as number) >= 3) out.push(LOOSE_KEY + 1, form[x] as number);
    }
  },
  stoppable: true,
  values: addressTexts,
  without(form, at, stopped, vocabulary, out) {
    return copyEntries(form, at, ADDRESS_ENTRY, 0, out, (x) => !stopped.has(literal(addressAt(form, x, vocabulary))));
  },
};

// --- date --------------------------------------------------------------------------------------

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}/;

// Form: the number of the calendar date's text (YYYY-MM-DD).
const date: Rule = {
  levels: [/* @__PURE__ */ level('same date', 0.9, 0.0003), /* @__PURE__ */ level('day and month swapped', 0.02, 0.0001), /* @__PURE__ */ level('one digit off', 0.05, 0.003), /* @__PURE__ */ level('same year', 0.01, 0.02), /* @__PURE__ */ level('different', 0.02, 0.9766)],
  prepare(values, { vocabulary }, out) {
    for (const value of values) {
      const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : '';
      const found = CALENDAR_DATE.exec(text);
      if (found !== null) {
        out.push(vocabulary.id(found[0]));
        return true;
      }
    }
    return false;
  },
  compare(x, at, y, bt, vocabulary) {
    if (x[at] === y[bt]) return 0;
    const a = vocabulary.text(x[at] as number);
    const b = vocabulary.text(y[bt] as number);
    if (a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7)) return 1;
    if (withinOneEdit(a, b)) return 2;
    return a.slice(0, 4) === b.slice(0, 4) ? 3 : 4;
  },
  keys(form, at, out, vocabulary) {
    const text = vocabulary.text(form[at] as number);
    out.push(text);
    const month = text.slice(5, 7);
    const day = text.slice(8, 10);
    // A swap is possible only when both could be a month; the key is the same for both orders.
    if (day !== month && Number(day) <= 12) out.push(`~${text.slice(0, 4)}-${month < day ? month : day}-${month < day ? day : month}`);
  },
  keyCodes(form, at, out, vocabulary) {
    const text = vocabulary.text(form[at] as number);
    pushCode(out, form[at] as number);
    const month = Number(text.slice(5, 7));
    const day = Number(text.slice(8, 10));
    if (day !== month && day <= 12) out.push(LOOSE_KEY + 3, Number(text.slice(0, 4)), Math.min(month, day), Math.max(month, day));
  },
  stoppable: false,
};

// --- number ------------------------------------------------------------------------------------

// Form: the number of the number's shortest text, which reads back as the same number.
function numberAt(form: Int32Array, at: number, vocabulary: Words): number {
  return Number(vocabulary.text(form[at] as number));
}

function numberOf(values: readonly unknown[]): number | undefined {
  for (const value of values) {
    const read = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (Number.isFinite(read)) return read;
    // Money: its amount.
    if (typeof value === 'object' && value !== null && typeof (value as { amount?: unknown }).amount === 'string') {
      const amount = Number((value as { amount: string }).amount);
      if (Number.isFinite(amount)) return amount;
    }
  }
  return undefined;
}

const number: Rule = {
  levels: [/* @__PURE__ */ level('same number', 0.9, 0.01), /* @__PURE__ */ level('within 1 %', 0.04, 0.01), /* @__PURE__ */ level('within 10 %', 0.03, 0.08), /* @__PURE__ */ level('different', 0.03, 0.9)],
  prepare(values, { vocabulary }, out) {
    const read = numberOf(values);
    if (read === undefined) return false;
    out.push(vocabulary.id(String(read)));
    return true;
  },
  compare(x, at, y, bt, vocabulary) {
    if (x[at] === y[bt]) return 0;
    const a = numberAt(x, at, vocabulary);
    const b = numberAt(y, bt, vocabulary);
    if (a === b) return 0;
    const difference = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    return difference <= 0.01 ? 1 : difference <= 0.1 ? 2 : 3;
  },
  keys(form, at, out, vocabulary) {
    out.push(vocabulary.text(form[at] as number));
  },
  keyCodes(form, at, out) {
    pushCode(out, form[at] as number);
  },
  stoppable: false,
};

/**
 * The rule of each comparator but `address`, which the criteria compiler expands into one `text`
 * or `exact` criterion per part.
 */
export const RULES: Readonly<Record<Exclude<Comparator, 'address'>, Rule>> = {
  exact: exact,
  text: text,
  personName: personName,
  companyTitle: companyTitle,
  phone: phone,
  email: email,
  date: date,
  number: number,
};
