import { foldText } from '../../kernel/index.js';
import { normaliseCompanyTitle } from '../normalise-company-title.js';
import { normaliseEmail } from '../normalise-email.js';
import { normalisePersonName } from '../normalise-person-name.js';
import { normalisePhone } from '../normalise-phone.js';
import type { Comparator } from '../criteria.js';
import { jaroWinkler, tokenOverlap, withinOneEdit } from './similarity.js';

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
  /** The level two prepared values agree at (an index of `levels`). */
  compare(a: P, b: P): number;
  /** The blocking keys of a prepared value (without the field's prefix), most specific last. */
  keys(prepared: P, out: string[]): void;
  /** Whether a value shared by too many records stops counting as evidence (phones, e-mails, codes). */
  readonly stoppable: boolean;
  /** The values a stoppable prepared form holds, each a key as `keys` gives it. */
  values?(prepared: P): readonly string[];
  /** The prepared form without the stopped values; `undefined` when none is left. */
  without?(prepared: P, stopped: ReadonlySet<string>): P | undefined;
}

export interface PrepareOptions {
  readonly defaultRegion?: string | undefined;
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

/** A person's name in comparison form: the whole name, its words sorted, and first and last name. */
export interface PreparedName {
  readonly full: string;
  readonly words: string;
  readonly first: string;
  readonly last: string;
}

/** The parts of a virtual `name`, read by the criteria compiler from first, second and last name. */
export interface NameParts {
  readonly first?: unknown;
  readonly second?: unknown;
  readonly last?: unknown;
}

function namePart(value: unknown): string {
  return typeof value === 'string' ? (normalisePersonName(value) ?? '') : '';
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
    /* @__PURE__ */ level('similar', 0.08, 0.005),
    /* @__PURE__ */ level('somewhat similar', 0.05, 0.05),
    /* @__PURE__ */ level('different', 0.03, 0.9414),
  ],
  prepare(values) {
    let first = '';
    let last: string;
    let full: string;
    const given = values[0];
    if (isNameParts(given)) {
      first = namePart(given.first);
      last = namePart(given.last);
      full = [first, namePart(given.second), last].filter((part) => part !== '').join(' ');
    } else {
      full = texts(values).map(namePart).filter((part) => part !== '').join(' ');
      last = full;
    }
    if (full === '') return undefined;
    const words = full.includes(' ') ? full.split(' ').sort().join(' ') : full;
    return { full, words, first, last };
  },
  compare(a, b) {
    if (a.full === b.full) return 0;
    if (a.words === b.words) return 1;
    if (oneNameMissing(a, b) || oneNameMissing(b, a)) return 2;
    if (withinOneEdit(a.full, b.full)) return 3;
    const similarity = jaroWinkler(a.full, b.full);
    return similarity >= 0.92 ? 4 : similarity >= 0.8 ? 5 : 6;
  },
  keys(prepared, out) {
    const { first, last, full } = prepared;
    if (first === '' || last === '') {
      out.push(full);
      return;
    }
    out.push(last, `${last}|${first.charAt(0)}`, `${first}|${last.charAt(0)}`);
  },
  stoppable: false,
};

// A name with only a last name (or only a first name) against a fuller one that has it.
function oneNameMissing(short: PreparedName, full: PreparedName): boolean {
  if (full.first === '' || full.last === '') return false;
  if (short.first === '' && short.last !== '') return short.last === full.last;
  if (short.last === '' && short.first !== '') return short.first === full.first;
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
  stoppable: false,
};

// --- phone -------------------------------------------------------------------------------------

const phone: Rule<readonly string[]> = {
  levels: [/* @__PURE__ */ level('same number', 0.9, 0.0005), /* @__PURE__ */ level('one digit off', 0.03, 0.001), /* @__PURE__ */ level('different', 0.07, 0.9985)],
  prepare: (values, options) => normalisedList(values, (value) => normalisePhone(value, { defaultRegion: options.defaultRegion })),
  compare(a, b) {
    let best = 2;
    for (const x of a) {
      for (const y of b) {
        if (x === y || sameSubscriber(x, y)) return 0;
        if (x.length === y.length && withinOneEdit(x, y)) best = 1;
      }
    }
    return best;
  },
  keys(prepared, out) {
    for (const number of prepared) {
      out.push(number);
      const digits = number.startsWith('+') ? number.slice(1) : number;
      if (digits.length >= 8) out.push(`~${digits.slice(-8)}`);
    }
  },
  stoppable: true,
  values: (prepared) => prepared,
  without: (prepared, stopped) => remaining(prepared, stopped),
};

// A number kept as bare digits (no country could be found) is the same as an E.164 number that
// ends with those digits, when they are long enough to be a whole national number.
function sameSubscriber(x: string, y: string): boolean {
  if (x.startsWith('+') === y.startsWith('+')) return false;
  const [bare, full] = x.startsWith('+') ? [y, x] : [x, y];
  return bare.length >= 7 && full.endsWith(bare);
}

// --- email -------------------------------------------------------------------------------------

const email: Rule<readonly string[]> = {
  levels: [/* @__PURE__ */ level('same address', 0.9, 0.0005), /* @__PURE__ */ level('same mailbox name at another domain', 0.04, 0.001), /* @__PURE__ */ level('different', 0.06, 0.9985)],
  prepare: (values) => normalisedList(values, normaliseEmail),
  compare(a, b) {
    let best = 2;
    for (const x of a) {
      for (const y of b) {
        if (x === y) return 0;
        const at = x.lastIndexOf('@');
        if (at >= 3 && y.length > at && y.charCodeAt(at) === 64 && y.startsWith(x.slice(0, at))) best = 1;
      }
    }
    return best;
  },
  keys(prepared, out) {
    for (const address of prepared) {
      out.push(address);
      const at = address.lastIndexOf('@');
      if (at >= 3) out.push(address.slice(0, at + 1));
    }
  },
  stoppable: true,
  values: (prepared) => prepared,
  without: (prepared, stopped) => remaining(prepared, stopped),
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
