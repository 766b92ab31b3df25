/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// A record as duplicate detection sees it: one comparison form per criterion, and its blocking
// keys. The scan, the duplicate index and matchKeysOf all read records here, so that the keys a
// store keeps are the ones a scan blocks on and a check looks up.
import type { Issue } from '../../kernel/index.js';
import { invalidArgument } from '../../kernel/index.js';
import { normalisePhone } from '../normalise-phone.js';
import type { PrepareOptions } from './comparators.js';
import type { CompiledCriterion } from './compile-criteria.js';
import type { Words } from './vocabulary.js';

/** A blocking key of a record: the criterion it comes from, its text as records hold it, and whether it only looks. */
export interface RecordKey {
  readonly criterion: number;
  /** The criterion's field, which prefixes the key where keys of all criteria meet. */
  readonly field: string;
  readonly body: string;
  readonly looks: boolean;
}

/**
 * The region national phone numbers are read in, checked: phones are read into E.164 only when
 * two records share a key, so an unknown region must fail before any record is read.
 */
export function checkedRegion(region: unknown): string | undefined {
  if (region === undefined) return undefined;
  if (typeof region !== 'string' || !/^[A-Z]{2}$/.test(region)) throw invalidArgument('defaultRegion is a two-letter region code such as ES.');
  normalisePhone('0', { defaultRegion: region });
  return region;
}

/**
 * A record's comparison forms, as integers (see Rule): first, per criterion, where its form starts
 * (counted from the record's first integer), or -1 when the record has nothing to compare there;
 * then the forms. A scan keeps its records' forms one after the other in one array; an index
 * keeps each record's in an array of its own.
 */
export type Forms = Int32Array;

/**
 * Appends a record's forms to `out` (see {@link Forms}) and returns nothing, or returns the issues
 * of its fields and appends nothing.
 */
export function writeForms(record: Readonly<Record<string, unknown>>, criteria: readonly CompiledCriterion[], options: PrepareOptions, out: number[]): Issue[] | undefined {
  const start = out.length;
  let issues: Issue[] | undefined;
  for (const _ of criteria) out.push(-1);
  for (let k = 0; k < criteria.length; k++) {
    const criterion = (criteria[k] as CompiledCriterion);
    const values = criterion.read(record);
    if (!Array.isArray(values)) {
      (issues ??= []).push(values as Issue);
      continue;
    }
    const at = out.length;
    if (values.length > 0 && criterion.rule.prepare(values, options, out)) out[start + k] = at - start;
  }
  if (issues === undefined) return undefined;
  out.length = start;
  return issues;
}

/** A record's forms in an array of their own, or the issues of its fields. */
export function formsOf(
  record: Readonly<Record<string, unknown>>,
  criteria: readonly CompiledCriterion[],
  options: PrepareOptions,
): { readonly forms: Forms; readonly issues?: undefined } | { readonly forms?: undefined; readonly issues: Issue[] } {
  const out: number[] = [];
  const issues = writeForms(record, criteria, options, out);
  return issues === undefined ? { forms: Int32Array.from(out) } : { issues };
}

/** Where criterion `k`'s form of the record whose forms start at `start` begins in `forms`, or -1. */
export function formAt(forms: Int32Array, start: number, k: number): number {
  const offset = (forms[start + k] as number);
  return offset < 0 ? -1 : start + offset;
}

/**
 * Calls `each` with every blocking key of the record whose forms start at `start`, in criterion
 * order (a key may repeat).
 */
export function eachKey(forms: Int32Array, start: number, criteria: readonly CompiledCriterion[], vocabulary: Words, each: (key: RecordKey) => void): void {
  const texts: string[] = [];
  criteria.forEach(({ field, rule }, criterion) => {
    const at = formAt(forms, start, criterion);
    if (at < 0) return;
    texts.length = 0;
    rule.keys(forms, at, texts, vocabulary);
    for (const text of texts) {
      const looks = text.charCodeAt(0) === LOOKS_MARK;
      each({ criterion, field, body: looks ? text.slice(1) : text, looks });
    }
  });
}

/**
 * The forms of a record without values held too widely (per criterion, the stopped keys of a
 * stoppable rule): held that widely, they are no evidence. The same array when nothing is stopped.
 */
export function formsWithout(forms: Forms, criteria: readonly CompiledCriterion[], stopped: readonly (ReadonlySet<string> | undefined)[], vocabulary: Words): Forms {
  if (!criteria.some(({ rule }, k) => rule.stoppable && (stopped[k]?.size ?? 0) > 0 && formAt(forms, 0, k) >= 0)) return forms;
  const out: number[] = criteria.map(() => -1);
  criteria.forEach(({ rule }, k) => {
    const at = formAt(forms, 0, k);
    if (at < 0) return;
    const values = stopped[k];
    const from = out.length;
    const kept = rule.stoppable && rule.without !== undefined && values !== undefined && values.size > 0 ? rule.without(forms, at, values, vocabulary, out) : copyForm(forms, at, formEnd(forms, criteria, k), out);
    if (kept) out[k] = from;
  });
  return Int32Array.from(out);
}

// Where criterion k's form ends in a record's own forms array: where the next form starts, or the end.
function formEnd(forms: Forms, criteria: readonly CompiledCriterion[], k: number): number {
  for (let next = k + 1; next < criteria.length; next++) {
    const at = formAt(forms, 0, next);
    if (at >= 0) return at;
  }
  return forms.length;
}

function copyForm(forms: Forms, from: number, end: number, out: number[]): boolean {
  for (let x = from; x < end; x++) out.push(forms[x] as number);
  return true;
}

const LOOKS_MARK = 62;
