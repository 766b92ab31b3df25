import { invalidArgument, isPlainRecord } from '../kernel/index.js';
import type { DuplicateCandidate, DuplicateCheckOptions } from './duplicate-model.js';
import { byScore, keptKey, keysFound, offerable, readMatching, readRecord, scored, withoutStopped } from './_internal/matching.js';
import type { RecordKey } from './_internal/read-record.js';
import { Vocabulary } from './_internal/vocabulary.js';


/** A record found by a key lookup: its id and the looked-up keys it holds (a store's `MatchKeyHit`). */
export interface DuplicateKeyHit {
  readonly id: string;
  readonly keys: readonly string[];
}

/**
 * The duplicate check over any store that keeps keys beside its records: which keys to keep,
 * which to look up, which of the records found are worth reading, and how they score. It holds no
 * records: the store does (see `MatchKeyIndex`); `crm.duplicates.check` is built on it.
 */
export interface DuplicateMatcher {
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
 * const input = { firstName: 'ana', lastName: 'Garcia', phones: [{ value: '+34 612 34 56 78', kind: 'work' }] };
 * const wanted = matcher.lookupKeysOf(input);
 * const hits = [...kept].map(([id, keys]) => ({ id, keys: keys.filter((key) => wanted.includes(key)) })).filter((hit) => hit.keys.length > 0);
 * const worthReading = matcher.candidatesOf(input, hits);
 * worthReading; //=> ['c1']
 * matcher.check(input, hits, stored.filter((record) => worthReading.includes(record.id))).map((candidate) => candidate.id); //=> ['c1']
 * ```
 */
export function createDuplicateMatcher(options: DuplicateCheckOptions): DuplicateMatcher {
  const matching = readMatching(options, 'createDuplicateMatcher');
  const sorted = (keys: Iterable<string>): string[] => [...new Set(keys)].sort();
  // The ids reached through each looked-up body, and which bodies are held too widely.
  const reach = (keys: readonly RecordKey[], hits: readonly DuplicateKeyHit[], id: string | undefined): { ids: Set<string>; stopped: Set<string>[] } => {
    if (!Array.isArray(hits)) throw invalidArgument('hits is the list a key lookup returned.');
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
    return { ids, stopped };
  };
  return Object.freeze({
    keysOf(record: unknown) {
      const vocabulary = new Vocabulary();
      return sorted(readRecord(matching, record, vocabulary).keys.map(keptKey));
    },
    lookupKeysOf(record: unknown) {
      const vocabulary = new Vocabulary();
      return sorted(readRecord(matching, record, vocabulary).keys.flatMap(keysFound));
    },
    candidatesOf(record: unknown, hits: readonly DuplicateKeyHit[]) {
      const { id, keys } = readRecord(matching, record, new Vocabulary());
      return [...reach(keys, hits, id).ids].filter((candidate) => offerable(matching, id, candidate)).sort();
    },
    check(record: unknown, hits: readonly DuplicateKeyHit[], records: Iterable<unknown>) {
      const vocabulary = new Vocabulary();
      const { id, forms, keys } = readRecord(matching, record, vocabulary);
      const { ids, stopped } = reach(keys, hits, id);
      const compared = withoutStopped(matching, forms, stopped, vocabulary);
      const found: DuplicateCandidate[] = [];
      for (const candidate of records) {
        const read = readRecord(matching, candidate, vocabulary);
        if (read.id === undefined || !ids.has(read.id) || !offerable(matching, id, read.id)) continue;
        const match = scored(matching, compared, read.forms, read.id, vocabulary);
        if (match !== undefined) found.push(match);
      }
      return found.sort(byScore);
    },
  });
}
