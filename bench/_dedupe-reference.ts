// The reference of bench/duplicates: duplicate detection as a user would write it without crm-kit.
// Blocking on exact keys, Jaro-Winkler on every candidate pair over the compared fields (averaged
// over the fields both records have), a threshold, and connected components (union-find). It is
// meant to be correct and reasonable, not slow on purpose: crm-kit's findDuplicates must beat it
// honestly.
import type { LabelledRecord } from './_dedupe-data.js';

/** A blocking key: the record's key text, or `undefined` when the record has none. */
export type BlockingKey = (record: LabelledRecord) => string | undefined;

/** A compared field: the record's value, already normalised, or `undefined` when missing. */
export type ComparedField = (record: LabelledRecord) => string | undefined;

export interface ReferenceOptions {
  /** Records sharing any key are candidates. Default {@link DEFAULT_BLOCKING_KEYS}. */
  readonly blockingKeys?: readonly BlockingKey[] | undefined;
  /** Fields whose Jaro-Winkler similarities are averaged. Default {@link DEFAULT_COMPARED_FIELDS}. */
  readonly fields?: readonly ComparedField[] | undefined;
  /** A pair whose average similarity reaches this is a duplicate. Default 0.88. */
  readonly threshold?: number | undefined;
  /** Fewest fields both records must have for a pair to be scored. Default 2. */
  readonly minFields?: number | undefined;
  /**
   * Blocks larger than this are skipped: a shared switchboard or `info@` address says nothing about
   * who is who, and its pairs would be quadratic. Default 100.
   */
  readonly maxBlockSize?: number | undefined;
}

export interface ReferenceResult {
  /** Pairs at or above the threshold, with their score. */
  readonly pairs: { readonly a: string; readonly b: string; readonly score: number }[];
  /** Connected components of the pairs, of two records or more. */
  readonly clusters: string[][];
  /** Every pair blocking kept, once each. */
  readonly candidatePairs: [string, string][];
}

const lower = (text: string | undefined): string | undefined => {
  if (text === undefined) return undefined;
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .trim()
    .toLowerCase();
  return folded === '' ? undefined : folded;
};

/** The primary e-mail address, trimmed and lower-cased. */
export const emailKey: ComparedField = (record) => lower(record.emails?.[0]?.value);

/** The last nine digits of the primary phone, extension left out. */
export const phoneKey: ComparedField = (record) => {
  const value = record.phones?.[0]?.value;
  if (value === undefined) return undefined;
  const digits = value.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, '').replace(/\D+/g, '');
  return digits.length < 6 ? undefined : digits.slice(-9);
};

const both = (a: string | undefined, b: string | undefined, separator = ' '): string | undefined =>
  a === undefined || b === undefined ? undefined : `${a}${separator}${b}`;

/** First and last name, lower-cased and accent-folded. */
export const nameKey: BlockingKey = (record) => both(lower(record.firstName), lower(record.lastName));

/** Last name and birth year. */
export const surnameYearKey: BlockingKey = (record) => both(lower(record.lastName), record.birthdate?.slice(0, 4), '|');

/** Last name and postal code. */
export const surnamePostcodeKey: BlockingKey = (record) => both(lower(record.lastName), lower(record.address?.postalCode), '|');

/** First name and full birthdate. */
export const firstNameBirthdateKey: BlockingKey = (record) => both(lower(record.firstName), record.birthdate, '|');

/**
 * E-mail, phone, full name, first name with birthdate, and (for Febrl-like data) surname with
 * birth year or postcode.
 */
export const DEFAULT_BLOCKING_KEYS: readonly BlockingKey[] = [
  (record) => both('e:', emailKey(record), ''),
  (record) => {
    const phone = phoneKey(record);
    return phone === undefined ? undefined : `p:${phone}`;
  },
  (record) => both('n:', nameKey(record), ''),
  (record) => both('y:', surnameYearKey(record), ''),
  (record) => both('c:', surnamePostcodeKey(record), ''),
  (record) => both('b:', firstNameBirthdateKey(record), ''),
];

const socialSecurity = (record: LabelledRecord): string | undefined => {
  const value = record.custom?.soc_sec_id;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The defaults, Febrl's social security number, and birthdate with postcode. */
export const FEBRL_BLOCKING_KEYS: readonly BlockingKey[] = [
  ...DEFAULT_BLOCKING_KEYS,
  (record) => both('s:', socialSecurity(record), ''),
  (record) => both('d:', both(record.birthdate, lower(record.address?.postalCode), '|'), ''),
];

/** First name, last name, birthdate, e-mail, phone, street, city, postal code. */
export const DEFAULT_COMPARED_FIELDS: readonly ComparedField[] = [
  (record) => lower(record.firstName),
  (record) => lower(record.lastName),
  (record) => record.birthdate,
  emailKey,
  phoneKey,
  (record) => lower(record.address?.street),
  (record) => lower(record.address?.city),
  (record) => lower(record.address?.postalCode),
];

/** The defaults and Febrl's social security number (`custom.soc_sec_id`). */
export const FEBRL_COMPARED_FIELDS: readonly ComparedField[] = [...DEFAULT_COMPARED_FIELDS, socialSecurity];

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/**
 * Jaro-Winkler similarity, the textbook way: matches within half the longer length, half the
 * transpositions, and a bonus of 0.1 per common leading character (at most four).
 *
 * @param a - One string.
 * @param b - The other.
 * @returns From 0 (nothing in common) to 1 (equal).
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - range);
    const to = Math.min(lb - 1, i + range);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === code) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  const most = Math.min(4, la, lb);
  while (prefix < most && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function find(parent: Int32Array, i: number): number {
  let root = i;
  while (parent[root] !== root) root = parent[root] ?? root;
  let node = i;
  while (node !== root) {
    const next = parent[node] ?? root;
    parent[node] = root;
    node = next;
  }
  return root;
}

/**
 * Finds duplicates the straightforward way: exact-key blocking, averaged Jaro-Winkler over the
 * compared fields both records have, a threshold, and union-find.
 *
 * @param records - The records, ids unique.
 * @param options - Blocking keys, compared fields, threshold, minimum shared fields, block cap.
 * @returns Matched pairs, clusters of two or more, and the candidate pairs blocking kept.
 */
export function findDuplicatesReference(records: readonly LabelledRecord[], options: ReferenceOptions = {}): ReferenceResult {
  const keys = options.blockingKeys ?? DEFAULT_BLOCKING_KEYS;
  const fields = options.fields ?? DEFAULT_COMPARED_FIELDS;
  const threshold = options.threshold ?? 0.88;
  const minFields = options.minFields ?? 2;
  const maxBlockSize = options.maxBlockSize ?? 100;
  const n = records.length;

  // Each record's compared values, normalised once.
  const values: (string | undefined)[][] = records.map((record) => fields.map((field) => field(record)));

  const blocks = new Map<string, number[]>();
  records.forEach((record, index) => {
    for (const key of keys) {
      const text = key(record);
      if (text === undefined) continue;
      const block = blocks.get(text);
      if (block === undefined) blocks.set(text, [index]);
      else if (block[block.length - 1] !== index) block.push(index);
    }
  });

  const seen = new Set<number>();
  const candidatePairs: [string, string][] = [];
  const pairs: { a: string; b: string; score: number }[] = [];
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > maxBlockSize) continue;
    for (let x = 0; x < block.length; x++) {
      for (let y = x + 1; y < block.length; y++) {
        const i = Math.min(block[x] ?? 0, block[y] ?? 0);
        const j = Math.max(block[x] ?? 0, block[y] ?? 0);
        const pair = i * n + j;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const a = records[i];
        const b = records[j];
        if (a === undefined || b === undefined) continue;
        candidatePairs.push([a.id, b.id]);
        const va = values[i] ?? [];
        const vb = values[j] ?? [];
        let sum = 0;
        let compared = 0;
        for (let f = 0; f < fields.length; f++) {
          const left = va[f];
          const right = vb[f];
          if (left === undefined || right === undefined) continue;
          sum += jaroWinkler(left, right);
          compared++;
        }
        if (compared < minFields) continue;
        const score = sum / compared;
        if (score < threshold) continue;
        pairs.push({ a: a.id, b: b.id, score });
        const ri = find(parent, i);
        const rj = find(parent, j);
        if (ri !== rj) parent[ri] = rj;
      }
    }
  }

  const byRoot = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const root = find(parent, i);
    const record = records[i];
    if (record === undefined) continue;
    const members = byRoot.get(root);
    if (members === undefined) byRoot.set(root, [record.id]);
    else members.push(record.id);
  }
  const clusters = [...byRoot.values()].filter((members) => members.length > 1);
  return { pairs, clusters, candidatePairs };
}
