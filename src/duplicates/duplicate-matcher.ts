import { invalidArgument, isPlainRecord, isSealed } from '../kernel/index.js';
import type { DuplicateCandidate, DuplicateCheckOptions } from './duplicate-model.js';
import { byScore, keptKey, keysFound, offerable, readForms, readMatching, readRecord, scored, withoutStopped } from './_internal/matching.js';
import type { ReadRecord } from './_internal/matching.js';
import type { Forms } from './_internal/read-record.js';
import { Vocabulary } from './_internal/vocabulary.js';


// How many texts a matcher's words hold before they start over, and how many stored records' forms it keeps.
const WORDS_KEPT = 250_000;
const FORMS_KEPT = 50_000;

/** A record found by a key lookup: its id and the looked-up keys it holds (a store's `MatchKeyHit`). */
export interface DuplicateKeyHit {
  readonly id: string;
  readonly keys: readonly string[];
}

/**
 * A record read once by {@link DuplicateMatcher.prepare}: hand it to the same matcher's
 * `lookupKeysOf`, `candidatesOf` and `check` in place of the record, and the record's values are
 * normalised (phones parsed, names folded) once for the three steps instead of once for each. The
 * hits given to `candidatesOf` and then, as the same unchanged list, to `check` are read once too.
 */
export interface PreparedRecord {
  /** The record's id, when it has one. */
  readonly id: string | undefined;
}

/**
 * The duplicate check over any store that keeps keys beside its records: which keys to keep,
 * which to look up, which of the records found are worth reading, and how they score. It holds no
 * records: the store does (see `MatchKeyIndex`); `crm.duplicates.check` is built on it. It keeps
 * the comparison forms of the last 50,000 stored records it compared (sealed records with an id and
 * a version, as crm-kit's stores return them), so that a record that is a candidate of many checks
 * is read once per version.
 */
export interface DuplicateMatcher {
  /**
   * Reads a record once for a check (see {@link PreparedRecord}). The methods below take either
   * the record or what this returns for it; a prepared record belongs to the matcher that made it.
   *
   * @throws {@link ValidationError} `VALIDATION_FAILED` with the issues of a record of the wrong shape.
   */
  prepare(record: unknown): PreparedRecord;
  /** The keys to keep beside a record, sorted (those of {@link matchKeysOf}). */
  keysOf(record: unknown): string[];
  /** The keys to look a record's candidates up by, sorted. */
  lookupKeysOf(record: unknown): string[];
  /**
   * The ids worth reading among the hits of a lookup for `record`: those holding a key that not
   * too many records hold (more than the stop limit, counting the checked record), ascending;
   * never the record itself nor one marked not a duplicate of it.
   */
  candidatesOf(record: unknown, hits: readonly DuplicateKeyHit[]): string[];
  /**
   * The records, among those read, that `record` probably duplicates: at or above the threshold,
   * best first, never the record itself (by id) nor one marked not a duplicate of it. `hits` is
   * the whole lookup, so that values held too widely are no evidence.
   *
   * @throws {@link ValidationError} `VALIDATION_FAILED` with the issues of a record of the wrong shape.
   */
  check(record: unknown, hits: readonly DuplicateKeyHit[], records: Iterable<unknown>): DuplicateCandidate[];
}

/**
 * Creates a {@link DuplicateMatcher}: the duplicate check of {@link createDuplicateIndex} for
 * records that live in a store (or a database of the host's) rather than in memory. The store
 * keeps `keysOf(record)` beside each record and finds the holders of keys; the matcher does the
 * rest. Scores and explanations are those a scan with the same model gives.
 *
 * @param options - The entity type, and optionally criteria, registry, region, model and limits.
 * @returns The matcher.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for options that are not valid.
 *
 * @example
 * ```ts
 * const matcher = createDuplicateMatcher({ entityType: 'contact', defaultRegion: 'ES' });
 * // Kept beside each record, as a store's match keys would be:
 * const stored = [
 *   { id: 'c1', firstName: 'Ana', lastName: 'García', phones: [{ value: '612 345 678', kind: 'mobile' }] },
 *   { id: 'c2', firstName: 'Luis', lastName: 'Pérez' },
 * ];
 * const kept = new Map(stored.map((record) => [record.id, matcher.keysOf(record)]));
 *
 * // Read once, the checked record serves the three steps: its phone is parsed once, not three times.
 * const input = matcher.prepare({ firstName: 'ana', lastName: 'Garcia', phones: [{ value: '+34 612 34 56 78', kind: 'work' }] });
 * const wanted = matcher.lookupKeysOf(input);
 * const hits = [...kept].map(([id, keys]) => ({ id, keys: keys.filter((key) => wanted.includes(key)) })).filter((hit) => hit.keys.length > 0);
 * const worthReading = matcher.candidatesOf(input, hits);
 * worthReading; //=> ['c1']
 * matcher.check(input, hits, stored.filter((record) => worthReading.includes(record.id))).map((candidate) => candidate.id); //=> ['c1']
 * ```
 */
export function createDuplicateMatcher(options: DuplicateCheckOptions): DuplicateMatcher {
  const matching = readMatching(options, 'createDuplicateMatcher');
  // The words forms are numbered in, kept from check to check so that the forms of stored records
  // read once serve later checks (a common surname's holders are candidates of many checks): a
  // stored record, sealed by its store, is read once per version. Both start over when the words
  // grow past WORDS_KEPT, and the forms are forgotten past FORMS_KEPT records.
  let words = new Vocabulary();
  // By version and id: a stored record's forms, and its kept keys once asked for.
  let stored = new Map<string, { readonly id: string | undefined; readonly forms: Forms; kept?: readonly string[] }>();
  const currentWords = (): Vocabulary => {
    if (words.size > WORDS_KEPT) {
      words = new Vocabulary();
      stored = new Map();
    }
    return words;
  };
  const storedKey = (record: unknown): string | undefined => {
    if (!isSealed(record)) return undefined;
    const { id, version } = record as { readonly id?: unknown; readonly version?: unknown };
    return typeof version === 'number' && typeof id === 'string' ? `${String(version)}:${id}` : undefined;
  };
  const remember = (key: string, read: { readonly id: string | undefined; readonly forms: Forms; kept?: readonly string[] }): void => {
    if (stored.size >= FORMS_KEPT) stored.clear();
    stored.set(key, read);
  };
  const readCandidate = (record: unknown, into: Vocabulary): { readonly id: string | undefined; readonly forms: Forms } => {
    const key = into === words ? storedKey(record) : undefined;
    if (key === undefined) return readForms(matching, record, into);
    let read = stored.get(key);
    if (read === undefined) {
      read = readForms(matching, record, into);
      remember(key, read);
    }
    return read;
  };
  const sorted = (keys: Iterable<string>): string[] => [...new Set(keys)].sort();
  // A record read for one check, with the words its forms are numbered in (candidates are read
  // into the same words) and the last lookup it was reached through; only this matcher's own
  // prepared records are taken as read.
  interface Read {
    readonly read: ReadRecord;
    readonly words: Vocabulary;
    reached?: { readonly hits: readonly DuplicateKeyHit[]; readonly ids: Set<string>; readonly stopped: Set<string>[] };
  }
  const prepared = new WeakMap<PreparedRecord, Read>();
  const readOnce = (record: unknown): Read => {
    const known = typeof record === 'object' && record !== null ? prepared.get(record as PreparedRecord) : undefined;
    if (known !== undefined) return known;
    const into = currentWords();
    return { read: readRecord(matching, record, into), words: into };
  };
  // The kept keys of a record; a stored record's are read once per version, with its forms.
  const keptKeysOf = (record: unknown): readonly string[] => {
    const key = storedKey(record);
    const known = key === undefined ? undefined : stored.get(key);
    if (known?.kept !== undefined) return known.kept;
    const { read } = readOnce(record);
    const kept = Object.freeze(sorted(read.keys.map(keptKey)));
    if (key !== undefined) remember(key, { id: read.id, forms: read.forms, kept });
    return kept;
  };
  // The ids reached through each looked-up body, and which bodies are held too widely.
  const reach = (once: Read, hits: readonly DuplicateKeyHit[]): { ids: Set<string>; stopped: Set<string>[] } => {
    if (once.reached?.hits === hits) return once.reached;
    if (!Array.isArray(hits)) throw invalidArgument('hits is the list a key lookup returned.');
    const { id, keys } = once.read;
    const holders = new Map<string, string[]>();
    for (const hit of hits) {
      if (!isPlainRecord(hit) || typeof hit.id !== 'string' || !Array.isArray(hit.keys)) throw invalidArgument('A hit is { id, keys }.');
      for (const key of hit.keys as readonly unknown[]) if (typeof key === 'string') (holders.get(key) ?? holders.set(key, []).get(key))?.push(hit.id);
    }
    const ids = new Set<string>();
    const stopped = matching.criteria.map(() => new Set<string>());
    for (const key of keys) {
      const found = keysFound(key).flatMap((text) => holders.get(text) ?? []);
      const self = id !== undefined && found.includes(id) ? 0 : 1;
      if (found.length + self > matching.stopLimit) stopped[key.criterion]?.add(key.body);
      else for (const holder of found) ids.add(holder);
    }
    once.reached = { hits, ids, stopped };
    return once.reached;
  };
  return Object.freeze({
    prepare(record: unknown) {
      const once = readOnce(record);
      const made: PreparedRecord = Object.freeze({ id: once.read.id });
      prepared.set(made, once);
      return made;
    },
    keysOf(record: unknown) {
      return [...keptKeysOf(record)];
    },
    lookupKeysOf(record: unknown) {
      return sorted(readOnce(record).read.keys.flatMap(keysFound));
    },
    candidatesOf(record: unknown, hits: readonly DuplicateKeyHit[]) {
      const once = readOnce(record);
      const { id } = once.read;
      return [...reach(once, hits).ids].filter((candidate) => offerable(matching, id, candidate)).sort();
    },
    check(record: unknown, hits: readonly DuplicateKeyHit[], records: Iterable<unknown>) {
      const once = readOnce(record);
      const { read, words: vocabulary } = once;
      const { id, forms } = read;
      const { ids, stopped } = reach(once, hits);
      const compared = withoutStopped(matching, forms, stopped, vocabulary);
      const found: DuplicateCandidate[] = [];
      for (const candidate of records) {
        const read = readCandidate(candidate, vocabulary);
        if (read.id === undefined || !ids.has(read.id) || !offerable(matching, id, read.id)) continue;
        const match = scored(matching, compared, read.forms, read.id, vocabulary);
        if (match !== undefined) found.push(match);
      }
      return found.sort(byScore);
    },
  });
}
