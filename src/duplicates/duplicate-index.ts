/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: loops read in-bounds indexes as `as number`. */
import { invalidArgument, isPlainRecord, ValidationError } from '../kernel/index.js';
import type { DuplicateCriteriaOptions } from './criteria.js';
import type { DuplicateExplanation, DuplicateModel } from './duplicate-model.js';
import type { CompiledCriterion } from './_internal/compile-criteria.js';
import { compileCriteria } from './_internal/compile-criteria.js';
import type { Parameters } from './_internal/fellegi-sunter.js';
import { matchProbability, patternOf, priorParameters, weightsOf } from './_internal/fellegi-sunter.js';
import { explanationOf, parametersOf } from './_internal/model.js';
import type { RecordKey } from './_internal/read-record.js';
import { checkedRegion, eachKey, formsOf } from './_internal/read-record.js';
import { Vocabulary } from './_internal/vocabulary.js';
import type { Words } from './_internal/vocabulary.js';

/** Options of {@link createDuplicateIndex}. */
export interface DuplicateIndexOptions extends DuplicateCriteriaOptions {  /**
   * The weights to score with: a {@link DuplicateReport.model} from a scan of the same records
   * with the same criteria (recommended). Without one, the comparators' prior weights and a prior
   * of one duplicate in ten thousand pairs.
   */
  readonly model?: DuplicateModel | undefined;
  /** The match probability from which a record is a candidate. Default 0.9. */
  readonly threshold?: number | undefined;
  /** A key held by more records than this finds nothing, and a phone, e-mail or exact value held that widely is no evidence. Default 100. */
  readonly stopLimit?: number | undefined;
  /** Pairs of ids a person marked as not duplicates: never candidates of each other. */
  readonly notDuplicates?: readonly (readonly [string, string])[] | undefined;
}

/** A record the checked one probably duplicates. */
export interface DuplicateCandidate {
  readonly id: string;
  /** The match probability, in [0, 1]. */
  readonly score: number;
  readonly explanation: DuplicateExplanation;
}

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

const DEFAULT_THRESHOLD = 0.9;
const DEFAULT_STOP_LIMIT = 100;
// Without a model, the share of duplicates among pairs of records: one in ten thousand.
const DEFAULT_PRIOR = 0.0001;

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
export function createDuplicateIndex(options: DuplicateIndexOptions): DuplicateIndex {
  if (!isPlainRecord(options)) throw invalidArgument('createDuplicateIndex takes options { entityType, ... }.');
  const criteria = compileCriteria(options.entityType, options.criteria, options.fields);
  const defaultRegion = checkedRegion(options.defaultRegion);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) throw invalidArgument('threshold is a probability above 0 and at most 1.');
  const stopLimit = options.stopLimit ?? DEFAULT_STOP_LIMIT;
  if (typeof stopLimit !== 'number' || !Number.isSafeInteger(stopLimit) || stopLimit < 2) throw invalidArgument('stopLimit is a whole number of at least 2.');
  const parameters: Parameters = options.model === undefined ? priorParameters(criteria, DEFAULT_PRIOR) : parametersOf(options.model, criteria);
  const weights = weightsOf(parameters);
  const marks = new Set<string>();
  const notDuplicates = options.notDuplicates ?? [];
  if (!Array.isArray(notDuplicates) || !notDuplicates.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((id) => typeof id === 'string'))) {
    throw invalidArgument('notDuplicates is a list of pairs of ids.');
  }
  for (const [a, b] of notDuplicates as readonly (readonly [string, string])[]) marks.add(markOf(a, b));

  const vocabulary = new Vocabulary();
  // Each held record's comparison forms; its keys are worked out from them again on removal.
  const records = new Map<string, readonly unknown[]>();
  // The ids holding each key (`field:body`), apart for the keys that only look (see Rule.keys).
  const held = new Map<string, Posting>();
  const looking = new Map<string, Posting>();

  const read = (record: unknown, words: Words): { id: string | undefined; forms: unknown[]; keys: RecordKey[] } => {
    if (!isPlainRecord(record)) throw invalidArgument('A record is an object.');
    const id = record.id;
    if (id !== undefined && typeof id !== 'string') throw invalidArgument('A record id is text.');
    const { forms, issues } = formsOf(record, criteria, { defaultRegion, vocabulary: words });
    if (issues !== undefined) throw new ValidationError('VALIDATION_FAILED', 'The record has fields of the wrong shape.', { issues });
    return { id, forms, keys: keysOf(forms, words) };
  };
  const keysOf = (forms: readonly unknown[], words: Words): RecordKey[] => {
    const keys: RecordKey[] = [];
    eachKey(forms, criteria, words, (key) => keys.push(key));
    return keys;
  };
  const posted = (key: RecordKey): string => `${key.field}:${key.body}`;

  const index: DuplicateIndex = {
    get size() {
      return records.size;
    },
    add(record) {
      const { id, forms, keys } = read(record, vocabulary);
      if (id === undefined || id === '') throw invalidArgument('A record added to the index has an id.');
      index.remove(id);
      for (const key of keys) {
        const postings = key.looks ? looking : held;
        const text = posted(key);
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
      for (const key of keysOf(forms, vocabulary)) {
        const postings = key.looks ? looking : held;
        const text = posted(key);
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
      const { id, forms, keys } = read(record, words);
      // Candidates from every key not held too widely; values of stopped keys are no evidence.
      const candidates = new Set<string>();
      const stopped = criteria.map(() => new Set<string>());
      // The checked record counts among a key's holders once, whether the index holds it or not.
      const self = id !== undefined && records.has(id) ? 0 : 1;
      for (const key of keys) {
        const text = posted(key);
        const holders = held.get(text);
        const lookers = looking.get(text);
        if (sizeOf(holders) + sizeOf(lookers) + self > stopLimit) {
          (stopped[key.criterion] as Set<string>).add(key.body);
          continue;
        }
        for (const holder of idsOf(holders)) candidates.add(holder);
        if (!key.looks) for (const looker of idsOf(lookers)) candidates.add(looker);
      }
      criteria.forEach((criterion, k) => {
        const form = forms[k];
        const values = stopped[k] as Set<string>;
        if (form !== undefined && values.size > 0 && criterion.rule.stoppable && criterion.rule.without !== undefined) forms[k] = criterion.rule.without(form, values, words);
      });
      const found: DuplicateCandidate[] = [];
      const levels: number[] = criteria.map(() => -1);
      for (const candidate of candidates) {
        if (candidate === id || (id !== undefined && marks.has(markOf(id, candidate)))) continue;
        const other = records.get(candidate) as readonly unknown[];
        for (let k = 0; k < criteria.length; k++) {
          const a = forms[k];
          const b = other[k];
          levels[k] = a === undefined || b === undefined ? -1 : (criteria[k] as CompiledCriterion).rule.compare(a, b, words);
        }
        const score = matchProbability(levels, parameters);
        if (score >= threshold) found.push(Object.freeze({ id: candidate, score, explanation: explanationOf(patternOf(levels), criteria, weights) }));
      }
      return found.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    },
    markNotDuplicate(a, b) {
      if (typeof a !== 'string' || typeof b !== 'string') throw invalidArgument('markNotDuplicate takes two ids.');
      marks.add(markOf(a, b));
    },
    unmarkNotDuplicate(a, b) {
      if (typeof a !== 'string' || typeof b !== 'string') throw invalidArgument('unmarkNotDuplicate takes two ids.');
      return marks.delete(markOf(a, b));
    },
  };
  return index;
}

// One text per unordered pair of ids (ids may hold any character: the length says where the first ends).
function markOf(a: string, b: string): string {
  const [first, second] = a < b ? [a, b] : [b, a];
  return `${String(first.length)}:${first}${second}`;
}
