/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: loops read in-bounds indexes as `as number`. */
import { invalidArgument } from '../kernel/index.js';
import type { DuplicateCandidate, DuplicateCheckOptions } from './duplicate-model.js';
import { byScore, keptKey, keysFound, keysOf, markOf, offerable, readMatching, readRecord, scored, withoutStopped } from './_internal/matching.js';
import type { Forms } from './_internal/read-record.js';
import { Vocabulary } from './_internal/vocabulary.js';


/**
 * An incremental duplicate index, for the warning before a create: records are added and removed
 * one by one, and a record is checked against those held, through the same keys, comparators and
 * model as {@link findDuplicates}. It keeps each record's comparison forms and keys, not the
 * record itself.
 */
export interface DuplicateIndex {
  /** How many records it holds. */
  readonly size: number;
  /**
   * Adds a record (`{ id, ...fields, custom }`), replacing the one with its id.
   *
   * @throws {@link ValidationError} `VALIDATION_FAILED` with the issues of a record of the wrong shape.
   */
  add(record: unknown): void;
  /** Removes a record by id; `false` when it was not held. */
  remove(id: string): boolean;
  /**
   * The held records that `record` probably duplicates, best first: those scoring at or above the
   * threshold, never the record itself (by id) nor a record marked not a duplicate of it.
   *
   * @throws {@link ValidationError} `VALIDATION_FAILED` with the issues of a record of the wrong shape.
   */
  check(record: unknown): DuplicateCandidate[];
  /** Marks two ids as not duplicates, so that neither is a candidate of the other. */
  markNotDuplicate(a: string, b: string): void;
  /** Withdraws a mark; `false` when there was none. */
  unmarkNotDuplicate(a: string, b: string): boolean;
}

// The ids holding a key: one id as itself (most keys), more as a set.
type Posting = string | Set<string>;

function sizeOf(posting: Posting | undefined): number {
  return posting === undefined ? 0 : typeof posting === 'string' ? 1 : posting.size;
}

function* idsOf(posting: Posting | undefined): Generator<string> {
  if (posting === undefined) return;
  if (typeof posting === 'string') yield posting;
  else yield* posting;
}

/**
 * Creates an empty {@link DuplicateIndex}.
 *
 * @param options - The entity type, and optionally criteria, registry, region, model and limits.
 * @returns The index.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for options that are not valid.
 *
 * @example
 * ```ts
 * const index = createDuplicateIndex({ entityType: 'contact', defaultRegion: 'ES' });
 * index.add({ id: 'c1', firstName: 'Ana', lastName: 'García', phones: [{ value: '612 345 678', kind: 'mobile' }] });
 * index.add({ id: 'c2', firstName: 'Luis', lastName: 'Pérez', phones: [{ value: '699 000 111', kind: 'work' }] });
 *
 * // Before creating a contact, warn about the ones it would duplicate:
 * const [candidate] = index.check({ firstName: 'ana', lastName: 'Garcia', phones: [{ value: '+34 612 34 56 78', kind: 'work' }] });
 * candidate?.id; //=> 'c1'
 * candidate?.explanation.map((item) => item.level); //=> ['same name', 'same number']
 * ```
 */
export function createDuplicateIndex(options: DuplicateCheckOptions): DuplicateIndex {
  const matching = readMatching(options, 'createDuplicateIndex');
  const vocabulary = new Vocabulary();
  // Each held record's comparison forms; its keys are worked out from them again on removal.
  const records = new Map<string, Forms>();
  // The ids holding each kept key (see keptKey).
  const postings = new Map<string, Posting>();

  const index: DuplicateIndex = {
    get size() {
      return records.size;
    },
    add(record) {
      const { id, forms, keys } = readRecord(matching, record, vocabulary);
      if (id === undefined || id === '') throw invalidArgument('A record added to the index has an id.');
      index.remove(id);
      for (const key of keys) {
        const text = keptKey(key);
        const posting = postings.get(text);
        if (posting === undefined) postings.set(text, id);
        else if (typeof posting === 'string') postings.set(text, new Set([posting, id]));
        else posting.add(id);
      }
      records.set(id, forms);
    },
    remove(id) {
      const forms = records.get(id);
      if (forms === undefined) return false;
      for (const key of keysOf(matching, forms, vocabulary)) {
        const text = keptKey(key);
        const posting = postings.get(text);
        if (posting === id) {
          postings.delete(text);
        } else if (typeof posting === 'object') {
          posting.delete(id);
          if (posting.size === 1) postings.set(text, posting.values().next().value as string);
        }
      }
      records.delete(id);
      return true;
    },
    check(record) {
      const words = vocabulary.overlay();
      const { id, forms, keys } = readRecord(matching, record, words);
      // Candidates from every key not held too widely; values of stopped keys are no evidence.
      const candidates = new Set<string>();
      const stopped = matching.criteria.map(() => new Set<string>());
      // The checked record counts among a key's holders once, whether the index holds it or not.
      const self = id !== undefined && records.has(id) ? 0 : 1;
      for (const key of keys) {
        const holders = [`${key.field}:${key.body}`, `${key.field}:>${key.body}`].reduce((sum, text) => sum + sizeOf(postings.get(text)), self);
        if (holders > matching.stopLimit) {
          (stopped[key.criterion] as Set<string>).add(key.body);
          continue;
        }
        for (const text of keysFound(key)) for (const holder of idsOf(postings.get(text))) candidates.add(holder);
      }
      const compared = withoutStopped(matching, forms, stopped, words);
      const found: DuplicateCandidate[] = [];
      for (const candidate of candidates) {
        if (!offerable(matching, id, candidate)) continue;
        const match = scored(matching, compared, records.get(candidate) as Forms, candidate, words);
        if (match !== undefined) found.push(match);
      }
      return found.sort(byScore);
    },
    markNotDuplicate(a, b) {
      if (typeof a !== 'string' || typeof b !== 'string') throw invalidArgument('markNotDuplicate takes two ids.');
      matching.marks.add(markOf(a, b));
    },
    unmarkNotDuplicate(a, b) {
      if (typeof a !== 'string' || typeof b !== 'string') throw invalidArgument('unmarkNotDuplicate takes two ids.');
      return matching.marks.delete(markOf(a, b));
    },
  };
  return index;
}
