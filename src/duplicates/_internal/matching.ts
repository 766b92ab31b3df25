/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: loops read in-bounds indexes as `as number`. */
// Checking one record against records found by its keys: what the duplicate index and the
// duplicate matcher share. Options read once; a record read into forms and keys; stopped values
// taken out of its forms; a pair scored and explained as a scan with the same model would.
import { invalidArgument, isPlainRecord, ValidationError } from '../../kernel/index.js';
import { DEFAULT_STOP_LIMIT } from '../criteria.js';
import type { DuplicateCandidate } from '../duplicate-model.js';
import { prepareOptions } from './comparators.js';
import type { CompiledCriterion } from './compile-criteria.js';
import { compileCriteria } from './compile-criteria.js';
import type { Parameters } from './fellegi-sunter.js';
import { matchProbability, patternOf, priorParameters, weightsOf } from './fellegi-sunter.js';
import { explanationOf, parametersOf } from './model.js';
import type { Forms, RecordKey } from './read-record.js';
import { checkedRegion, eachKey, formAt, formsOf, formsWithout } from './read-record.js';
import type { Words } from './vocabulary.js';

const DEFAULT_THRESHOLD = 0.9;
// Without a model, the share of duplicates among pairs of records: one in ten thousand.
const DEFAULT_PRIOR = 0.0001;

/** The options of a check, read and checked once. */
export interface Matching {
  readonly criteria: readonly CompiledCriterion[];
  readonly defaultRegion: string | undefined;
  readonly threshold: number;
  readonly stopLimit: number;
  readonly parameters: Parameters;
  readonly weights: readonly (readonly number[])[];
  /** The pairs marked not duplicates, by {@link markOf}. */
  readonly marks: Set<string>;
}

/** Reads the options an index or a matcher takes; `INVALID_ARGUMENT` for any that is not valid. */
export function readMatching(options: unknown, what: string): Matching {
  if (!isPlainRecord(options)) throw invalidArgument(`${what} takes options { entityType, ... }.`);
  const criteria = compileCriteria(options.entityType, options.criteria, options.fields as never);
  const defaultRegion = checkedRegion(options.defaultRegion);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) throw invalidArgument('threshold is a probability above 0 and at most 1.');
  const stopLimit = options.stopLimit ?? DEFAULT_STOP_LIMIT;
  if (typeof stopLimit !== 'number' || !Number.isSafeInteger(stopLimit) || stopLimit < 2) throw invalidArgument('stopLimit is a whole number of at least 2.');
  const parameters: Parameters = options.model === undefined ? priorParameters(criteria, DEFAULT_PRIOR) : parametersOf(options.model as never, criteria);
  const notDuplicates = options.notDuplicates ?? [];
  if (!Array.isArray(notDuplicates) || !notDuplicates.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((id) => typeof id === 'string'))) {
    throw invalidArgument('notDuplicates is a list of pairs of ids.');
  }
  const marks = new Set((notDuplicates as readonly (readonly [string, string])[]).map(([a, b]) => markOf(a, b)));
  return { criteria, defaultRegion, threshold, stopLimit, parameters, weights: weightsOf(parameters), marks };
}

/** A record read for matching: its id (when it has one), comparison forms and keys. */
export interface ReadRecord {
  readonly id: string | undefined;
  readonly forms: Forms;
  readonly keys: readonly RecordKey[];
}

/** Reads a record; `INVALID_ARGUMENT` when it is not an object, `VALIDATION_FAILED` with the issues of fields of the wrong shape. */
export function readRecord(matching: Matching, record: unknown, words: Words): ReadRecord {
  const { id, forms } = readForms(matching, record, words);
  return { id, forms, keys: keysOf(matching, forms, words) };
}

/** A record's id and comparison forms, read as {@link readRecord} reads them, without its keys. */
export function readForms(matching: Matching, record: unknown, words: Words): Omit<ReadRecord, 'keys'> {
  if (!isPlainRecord(record)) throw invalidArgument('A record is an object.');
  const id = record.id;
  if (id !== undefined && typeof id !== 'string') throw invalidArgument('A record id is text.');
  const { forms, issues } = formsOf(record, matching.criteria, prepareOptions(matching.defaultRegion, words));
  if (issues !== undefined) throw new ValidationError('VALIDATION_FAILED', 'The record has fields of the wrong shape.', { issues });
  return { id, forms };
}

/** The keys of a record's forms. */
export function keysOf(matching: Matching, forms: Forms, words: Words): RecordKey[] {
  const keys: RecordKey[] = [];
  eachKey(forms, 0, matching.criteria, words, (key) => keys.push(key));
  return keys;
}

/** A key as a store or an index keeps it: `field:body`, with `>` before the body of one that only looks. */
export function keptKey(key: RecordKey): string {
  return `${key.field}:${key.looks ? '>' : ''}${key.body}`;
}

/** The kept keys a key finds: those holding the same body, and, unless it only looks, those looking for it. */
export function keysFound(key: RecordKey): string[] {
  const held = `${key.field}:${key.body}`;
  return key.looks ? [held] : [held, `${key.field}:>${key.body}`];
}

/** A record's forms without the values of stopped keys (by criterion): held that widely, they are no evidence. */
export function withoutStopped(matching: Matching, forms: Forms, stopped: readonly ReadonlySet<string>[], words: Words): Forms {
  return formsWithout(forms, matching.criteria, stopped, words);
}

/** A candidate when the pair scores at or above the threshold. */
export function scored(matching: Matching, forms: Forms, other: Forms, id: string, words: Words): DuplicateCandidate | undefined {
  const { criteria } = matching;
  const levels: number[] = [];
  for (let k = 0; k < criteria.length; k++) {
    const a = formAt(forms, 0, k);
    const b = formAt(other, 0, k);
    levels.push(a < 0 || b < 0 ? -1 : (criteria[k] as CompiledCriterion).rule.compare(forms, a, other, b, words));
  }
  const score = matchProbability(levels, matching.parameters);
  return score >= matching.threshold ? Object.freeze({ id, score, explanation: explanationOf(patternOf(levels), criteria, matching.weights) }) : undefined;
}

/** Candidates best first, then by id. */
export function byScore(x: DuplicateCandidate, y: DuplicateCandidate): number {
  return y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** One text per unordered pair of ids (ids may hold any character: the length says where the first ends). */
export function markOf(a: string, b: string): string {
  const [first, second] = a < b ? [a, b] : [b, a];
  return `${String(first.length)}:${first}${second}`;
}

/** Whether a candidate may be offered for a checked record: not itself, not marked apart from it. */
export function offerable(matching: Matching, id: string | undefined, candidate: string): boolean {
  return candidate !== id && (id === undefined || !matching.marks.has(markOf(id, candidate)));
}
