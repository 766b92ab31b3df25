/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
import { foldText } from '../../kernel/index.js';
import { normaliseCompanyTitle } from '../normalise-company-title.js';
import { normaliseEmail } from '../normalise-email.js';
import { normalisePersonName } from '../normalise-person-name.js';
import { normalisePhone } from '../normalise-phone.js';
import type { Comparator } from '../criteria.js';
import { isRoleAddress } from './role-mailboxes.js';
import { phoneDigits, phoneExtension } from './phone.js';
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

/** What a comparator reads a value into once per record, and compares pairs of. */
export interface Rule<P> {
  readonly levels: readonly Level[];
  /** The comparison form of a record's values; `undefined` when there is nothing to compare. */
  prepare(values: readonly unknown[], options: PrepareOptions): P | undefined;
  /** The level two prepared values agree at (an index of `levels`); both made with `vocabulary`. */
  compare(a: P, b: P, vocabulary: Words): number;
  /**
   * The blocking keys of a prepared value (without the field's prefix). A key that starts with `~`
   * is loose: it finds duplicates a typo would hide, and proposes many pairs that are not. A key
   * that starts with `>` (then `~`) only looks: a scan pairs it with records holding the same key
   * without the `>`, never with another record that only looks.
   */
  keys(prepared: P, out: string[], vocabulary: Words): void;
  /** Whether a value shared by too many records stops counting as evidence (phones, e-mails, codes). */
  readonly stoppable: boolean;
  /**
   * For a rule that names who a record is (a person's name, a company's title): a text that puts
   * alike records next to each other when sorted, for comparing neighbours within a large block.
   */
  sortText?(prepared: P, vocabulary: Words): string;
  /** The values a stoppable prepared form holds, each a key as `keys` gives it. */
  values?(prepared: P): readonly string[];
  /** How a report names a key this form holds (default: the key without its `~`). */
  describe?(prepared: P, key: string): string;
  /** The prepared form without the stopped values; `undefined` when none is left. */
  without?(prepared: P, stopped: ReadonlySet<string>, vocabulary: Words): P | undefined;
}

export interface PrepareOptions {
  readonly defaultRegion?: string | undefined;
  /** Numbers the words of the forms (see vocabulary.ts); forms are compared with the same one. */
  readonly vocabulary: Words;
}

function level(label: string, m: number, u: number): Level {
  return Object.freeze({ label, m, u });
}

function texts(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const value of values) if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  return out;
}

// The distinct normalised forms of a multi-field's values; `undefined` when none normalises.
function normalisedList(values: readonly unknown[], normalise: (value: string) => string | undefined): readonly string[] | undefined {
  const out: string[] = [];
  for (const value of texts(values)) {
    const normalised = normalise(value);
    if (normalised !== undefined && !out.includes(normalised)) out.push(normalised);
  }
  return out.length === 0 ? undefined : out;
}

function unique(list: string[]): string[] {
  return list.length < 2 ? list : [...new Set(list)];
}

// --- exact -------------------------------------------------------------------------------------

const exact: Rule<readonly string[]> = {
  levels: [/* @__PURE__ */ level('same value', 0.95, 0.01), /* @__PURE__ */ level('different', 0.05, 0.99)],
  prepare(values) {
    const out = unique(texts(values).map((text) => text.trim().toLowerCase()).filter((text) => text !== ''));
    return out.length === 0 ? undefined : out;
  },
  compare: (a, b) => (shares(a, b) ? 0 : 1),
  keys(prepared, out) {
    out.push(...prepared);
  },
  stoppable: true,
  values: (prepared) => prepared,
  without: (prepared, stopped) => remaining(prepared, stopped),
};

function shares(a: readonly string[], b: readonly string[]): boolean {
  for (const value of a) if (b.includes(value)) return true;
  return false;
}

function remaining(prepared: readonly string[], stopped: ReadonlySet<string>): readonly string[] | undefined {
  const left = prepared.filter((value) => !stopped.has(value));
  return left.length === 0 ? undefined : left;
}

// Text in comparison form: accents and case folded, punctuation read as spaces, digits kept.
function foldWords(value: string): string {
  return foldText(value.replace(PUNCTUATION, ' '));
}
const PUNCTUATION = /[^\p{L}\p{N}\s]+/gu;

// --- text --------------------------------------------------------------------------------------

const text: Rule<string> = {
  levels: [/* @__PURE__ */ level('same text', 0.8, 0.002), /* @__PURE__ */ level('one edit apart', 0.08, 0.001), /* @__PURE__ */ level('similar', 0.05, 0.01), /* @__PURE__ */ level('somewhat similar', 0.04, 0.05), /* @__PURE__ */ level('different', 0.03, 0.937)],
  prepare(values) {
    const joined = texts(values).map(foldWords).filter((value) => value !== '').join(' ');
    return joined === '' ? undefined : joined;
  },
  compare(a, b) {
    if (a === b) return 0;
    if (withinOneEdit(a, b)) return 1;
    const similarity = jaroWinkler(a, b);
    return similarity >= 0.92 ? 2 : similarity >= 0.8 ? 3 : 4;
  },
  keys(prepared, out) {
    out.push(prepared);
  },
  stoppable: false,
};

// --- personName ------------------------------------------------------------------------------

/**
 * A person's name in comparison form: the numbers (in the scan's vocabulary) of the whole name,
 * of its words sorted, and of its first and last name (0 when missing).
 */
export interface PreparedName {
  /** Whether the name came in parts (first, second, last) rather than as one text. */
  readonly parts: boolean;
  readonly full: number;
  readonly words: number;
  readonly first: number;
  readonly last: number;
  /** The first name's first letter (a UTF-16 code), and whether the first name is only that. */
  readonly letter: number;
  readonly initial: boolean;
}

/** The parts of a virtual `name`, read by the criteria compiler from first, second and last name. */
export interface NameParts {
  readonly first?: unknown;
  readonly second?: unknown;
  readonly last?: unknown;
}

// Names repeat (namesakes, a family's surname): each distinct text is normalised once per
// NAME_CACHE_SIZE distinct texts.
const NAME_CACHE_SIZE = 65_536;
const normalisedNames = /* @__PURE__ */ new Map<string, string>();

function namePart(value: unknown): string {
  if (typeof value !== 'string') return '';
  let normalised = normalisedNames.get(value);
  if (normalised === undefined) {
    normalised = normalisePersonName(value) ?? '';
    if (normalisedNames.size >= NAME_CACHE_SIZE) normalisedNames.clear();
    normalisedNames.set(value, normalised);
  }
  return normalised;
}

function isNameParts(value: unknown): value is NameParts {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const personName: Rule<PreparedName> = {
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
  prepare(values, { vocabulary }) {
    let first = '';
    let last: string;
    let full: string;
    const given = values[0];
    const parts = isNameParts(given);
    if (parts) {
      first = namePart(given.first);
      last = namePart(given.last);
      full = [first, namePart(given.second), last].filter((part) => part !== '').join(' ');
    } else {
      full = texts(values).map(namePart).filter((part) => part !== '').join(' ');
      last = full;
    }
    if (full === '') return undefined;
    const words = full.includes(' ') ? full.split(' ').sort().join(' ') : full;
    return {
      parts,
      full: vocabulary.id(full),
      words: vocabulary.id(words),
      first: vocabulary.phrase(first),
      last: vocabulary.phrase(last),
      letter: first.charCodeAt(0),
      initial: first.length === 1,
    };
  },
  compare(a, b, vocabulary) {
    if (a.full === b.full) return 0;
    if (a.words === b.words) return 1;
    if (oneNameMissing(a, b) || oneNameMissing(b, a)) return 2;
    if (!a.parts || !b.parts || a.first === 0 || b.first === 0) {
      // One text, or a first name only one side has: the rest decides.
      const relation = vocabulary.relation(a.last, b.last);
      return relation === ONE_EDIT ? 3 : relation === SIMILAR ? 4 : relation === SAME ? 5 : 7;
    }
    const last = vocabulary.relation(a.last, b.last);
    // A given name written as its initial ('j' for 'jose'; the normaliser has dropped the dot).
    const first = (a.initial || b.initial) && a.letter === b.letter ? SIMILAR : vocabulary.relation(a.first, b.first);
    if ((last === SAME && first === ONE_EDIT) || (last === ONE_EDIT && first === SAME)) return 3;
    if (last !== DIFFERENT) return first !== DIFFERENT ? 4 : 5;
    return first !== DIFFERENT ? 6 : 7;
  },
  keys(prepared, out, vocabulary) {
    const { parts } = prepared;
    const full = vocabulary.text(prepared.full);
    const first = vocabulary.text(prepared.first);
    const last = vocabulary.text(prepared.last);
    if (!parts) {
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
  sortText: (prepared, vocabulary) => vocabulary.text(prepared.full),
  stoppable: false,
};

// A name with only a last name (or only a first name) against a fuller one that has it.
function oneNameMissing(short: PreparedName, full: PreparedName): boolean {
  if (full.first === 0 || full.last === 0 || !short.parts) return false;
  if (short.first === 0 && short.last !== 0) return short.last === full.last;
  if (short.last === 0 && short.first !== 0) return short.first === full.first;
  return false;
}

// --- companyTitle ------------------------------------------------------------------------------

/** A company title without legal forms, and its words. */
export interface PreparedTitle {
  readonly title: string;
  readonly words: readonly string[];
  readonly sorted: string;
}

const companyTitle: Rule<PreparedTitle> = {
  levels: [
    /* @__PURE__ */ level('same title', 0.8, 0.001),
    /* @__PURE__ */ level('all the words of one in the other', 0.08, 0.002),
    /* @__PURE__ */ level('similar', 0.05, 0.005),
    /* @__PURE__ */ level('half the words shared', 0.04, 0.02),
    /* @__PURE__ */ level('different', 0.03, 0.972),
  ],
  prepare(values) {
    const titles = texts(values).map(normaliseCompanyTitle).filter((value): value is string => value !== undefined);
    const title = titles.join(' ');
    if (title === '') return undefined;
    const words = title.split(' ');
    return { title, words, sorted: [...words].sort().join(' ') };
  },
  compare(a, b) {
    if (a.title === b.title || a.sorted === b.sorted) return 0;
    const overlap = tokenOverlap(a.words, b.words);
    if (overlap === 1) return 1;
    if (jaroWinkler(a.title, b.title) >= 0.92) return 2;
    return overlap >= 0.5 ? 3 : 4;
  },
  keys(prepared, out) {
    out.push(prepared.sorted);
  },
  sortText: (prepared) => prepared.sorted,
  stoppable: false,
};

// --- phone -------------------------------------------------------------------------------------

/**
 * A record's phones: each number as typed, reduced to '+' and digits, with its last eight digits
 * (its blocking key) and its extension ('' when none). The E.164 forms are worked out only when
 * two records share a key, and kept: most pairs differ in their last digits already.
 */
export interface PreparedPhones {
  readonly digits: readonly string[];
  readonly tails: readonly string[];
  readonly extensions: readonly string[];
  readonly defaultRegion: string | undefined;
  /** The tail of a record's only number as an integer when it has eight digits, else -1. */
  readonly only: number;
  /** The normalised numbers ({@link normalisePhone}), on first need. */
  numbers?: readonly string[];
}

const PHONE_TAIL = 8;

function phoneTail(digits: string): string {
  const start = digits.charCodeAt(0) === 43 ? 1 : 0;
  return digits.slice(Math.max(start, digits.length - PHONE_TAIL));
}

function numbersOf(prepared: PreparedPhones): readonly string[] {
  prepared.numbers ??= prepared.digits.map((digits) => normalisePhone(digits, { defaultRegion: prepared.defaultRegion }) ?? digits);
  return prepared.numbers;
}

function preparedPhones(digits: string[], extensions: string[], defaultRegion: string | undefined): PreparedPhones | undefined {
  if (digits.length === 0) return undefined;
  const tails = digits.map(phoneTail);
  const only = tails.length === 1 && (tails[0] as string).length === PHONE_TAIL ? Number(tails[0]) : -1;
  return { digits, tails, extensions, defaultRegion, only };
}

// Whether two eight-digit tails differ in one digit.
function oneDigitOff(a: number, b: number): boolean {
  let differences = 0;
  for (let digit = 0; digit < PHONE_TAIL && differences < 2; digit++) {
    if (a % 10 !== b % 10) differences++;
    a = Math.floor(a / 10);
    b = Math.floor(b / 10);
  }
  return differences === 1;
}

const phone: Rule<PreparedPhones> = {
  levels: [/* @__PURE__ */ level('same number', 0.9, 0.0005), /* @__PURE__ */ level('one digit off', 0.03, 0.001), /* @__PURE__ */ level('different', 0.07, 0.9985)],
  prepare(values, options) {
    const digits: string[] = [];
    const extensions: string[] = [];
    for (const value of texts(values)) {
      const number = phoneDigits(value);
      if (number === '') continue;
      const extension = phoneExtension(value);
      if (digits.some((seen, s) => seen === number && extensions[s] === extension)) continue;
      digits.push(number);
      extensions.push(extension);
    }
    return preparedPhones(digits, extensions, options.defaultRegion);
  },
  compare(a, b) {
    // One number each, in different tails: decided on the integers.
    if (a.only >= 0 && b.only >= 0 && a.only !== b.only) return oneDigitOff(a.only, b.only) ? 1 : 2;
    let best = 2;
    for (let x = 0; x < a.tails.length; x++) {
      const tailX = (a.tails[x] as string);
      for (let y = 0; y < b.tails.length; y++) {
        const tailY = (b.tails[y] as string);
        if (tailX === tailY) {
          // The same digits are the same number in one region; other writings are read into E.164.
          if (a.digits[x] !== b.digits[y] || a.defaultRegion !== b.defaultRegion) {
            const numberX = (numbersOf(a)[x] as string);
            const numberY = (numbersOf(b)[y] as string);
            if (numberX !== numberY && !sameSubscriber(numberX, numberY)) continue;
          }
          // One switchboard, two extensions: two people's lines.
          const extensionX = (a.extensions[x] as string);
          const extensionY = (b.extensions[y] as string);
          if (extensionX === '' || extensionY === '' || extensionX === extensionY) return 0;
        } else if (best === 2 && tailX.length === tailY.length && withinOneEdit(tailX, tailY)) {
          best = 1;
        }
      }
    }
    return best;
  },
  keys(prepared, out) {
    out.push(...prepared.tails);
  },
  stoppable: true,
  values: (prepared) => prepared.tails,
  // The whole number, not the tail it was found by.
  describe: (prepared, key) => numbersOf(prepared)[prepared.tails.indexOf(key)] ?? key,
  without(prepared, stopped) {
    const digits: string[] = [];
    const extensions: string[] = [];
    prepared.tails.forEach((tail, n) => {
      if (stopped.has(tail)) return;
      digits.push(prepared.digits[n] as string);
      extensions.push(prepared.extensions[n] as string);
    });
    return preparedPhones(digits, extensions, prepared.defaultRegion);
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

/** A record's e-mail addresses, normalised, with the numbers of their mailbox names and domains. */
export interface PreparedAddresses {
  readonly addresses: readonly string[];
  /** The number of each address's mailbox name (before its last `@`) in the vocabulary. */
  readonly mailboxes: readonly number[];
  /** The number of each address's domain in the vocabulary. */
  readonly domains: readonly number[];
  /** The number of the only address's mailbox name, else -1. */
  readonly mailbox: number;
}

function preparedAddresses(addresses: readonly string[], vocabulary: Words): PreparedAddresses {
  const mailboxes: number[] = [];
  const domains: number[] = [];
  for (const address of addresses) {
    const at = address.lastIndexOf('@');
    mailboxes.push(vocabulary.id(address.slice(0, at)));
    domains.push(vocabulary.id(address.slice(at + 1)));
  }
  return { addresses, mailboxes, domains, mailbox: addresses.length === 1 ? (mailboxes[0] as number) : -1 };
}

const email: Rule<PreparedAddresses> = {
  levels: [/* @__PURE__ */ level('same address', 0.9, 0.0003), /* @__PURE__ */ level('same mailbox name, domain misspelt', 0.03, 0.0001), /* @__PURE__ */ level('different', 0.07, 0.9996)],
  prepare(values, { vocabulary }) {
    // A shared mailbox (info@, ventas@) says which company, not which person: it is not compared.
    const addresses = normalisedList(values, (value) => {
      const address = normaliseEmail(value);
      return address === undefined || isRoleAddress(address) ? undefined : address;
    });
    return addresses === undefined ? undefined : preparedAddresses(addresses, vocabulary);
  },
  compare(a, b, vocabulary) {
    // One address each, with different mailbox names: different, decided on the integers.
    if (a.mailbox >= 0 && b.mailbox >= 0 && a.mailbox !== b.mailbox) return 2;
    let best = 2;
    for (let x = 0; x < a.mailboxes.length; x++) {
      const mailboxX = (a.mailboxes[x] as number);
      const domainX = (a.domains[x] as number);
      for (let y = 0; y < b.mailboxes.length; y++) {
        if (mailboxX !== b.mailboxes[y]) continue;
        // The same mailbox name at domains one typo apart ('nichols.info', 'nnichls.info'). The
        // same name at an unrelated domain is not evidence: mailbox names are made of people's
        // names, so namesakes share them.
        const relation = vocabulary.relation(domainX, b.domains[y] as number);
        if (relation === SAME) return 0;
        if (relation !== DIFFERENT) best = 1;
      }
    }
    return best;
  },
  keys(prepared, out, vocabulary) {
    prepared.addresses.forEach((address, n) => {
      out.push(address);
      const mailbox = vocabulary.text(prepared.mailboxes[n] as number);
      if (mailbox.length >= 3) out.push(`~${mailbox}@`);
    });
  },
  stoppable: true,
  values: (prepared) => prepared.addresses,
  without(prepared, stopped, vocabulary) {
    const addresses = prepared.addresses.filter((address) => !stopped.has(address));
    return addresses.length === 0 ? undefined : preparedAddresses(addresses, vocabulary);
  },
};

// --- date --------------------------------------------------------------------------------------

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}/;

const date: Rule<string> = {
  levels: [/* @__PURE__ */ level('same date', 0.9, 0.0003), /* @__PURE__ */ level('day and month swapped', 0.02, 0.0001), /* @__PURE__ */ level('one digit off', 0.05, 0.003), /* @__PURE__ */ level('same year', 0.01, 0.02), /* @__PURE__ */ level('different', 0.02, 0.9766)],
  prepare(values) {
    for (const value of values) {
      const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : '';
      const found = CALENDAR_DATE.exec(text);
      if (found !== null) return found[0];
    }
    return undefined;
  },
  compare(a, b) {
    if (a === b) return 0;
    if (a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7)) return 1;
    if (withinOneEdit(a, b)) return 2;
    return a.slice(0, 4) === b.slice(0, 4) ? 3 : 4;
  },
  keys(prepared, out) {
    out.push(prepared);
    const month = prepared.slice(5, 7);
    const day = prepared.slice(8, 10);
    // A swap is possible only when both could be a month; the key is the same for both orders.
    if (day !== month && Number(day) <= 12) out.push(`~${prepared.slice(0, 4)}-${month < day ? month : day}-${month < day ? day : month}`);
  },
  stoppable: false,
};

// --- number ------------------------------------------------------------------------------------

const number: Rule<number> = {
  levels: [/* @__PURE__ */ level('same number', 0.9, 0.01), /* @__PURE__ */ level('within 1 %', 0.04, 0.01), /* @__PURE__ */ level('within 10 %', 0.03, 0.08), /* @__PURE__ */ level('different', 0.03, 0.9)],
  prepare(values) {
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
  },
  compare(a, b) {
    if (a === b) return 0;
    const difference = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    return difference <= 0.01 ? 1 : difference <= 0.1 ? 2 : 3;
  },
  keys(prepared, out) {
    out.push(String(prepared));
  },
  stoppable: false,
};

/**
 * The rule of each comparator but `address`, which the criteria compiler expands into one `text`
 * or `exact` criterion per part.
 */
export const RULES: Readonly<Record<Exclude<Comparator, 'address'>, Rule<unknown>>> = {
  exact: exact,
  text: text,
  personName: personName,
  companyTitle: companyTitle,
  phone: phone,
  email: email,
  date: date,
  number: number,
};
