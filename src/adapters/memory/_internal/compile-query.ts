import type { RecordScope } from '../../../access/index.js';
import { isInScope } from '../../../access/index.js';
import type { StoredRecord } from '../../../entities/index.js';
import { isEmptyValue } from '../../../kernel/index.js';
import type { FilterClause, NormalizedQuery } from '../../../store/index.js';
import { readKeysetCursor, writeKeysetCursor } from '../../_internal/cursors.js';
import type { IndexHint } from './indexes.js';
import { isIndexKey } from './indexes.js';
import type { FieldAccess, SortValue } from './values.js';
import {
  compareSortValues,
  compareText,
  elementsOf,
  isSortValue,
  orderOf,
  parseField,
  readField,
  sameValue,
  sortValueOf,
} from './values.js';

type Row = Readonly<Record<string, unknown>>;
type Predicate = (record: Row) => boolean;

/** A row with its sort values, ready to be ordered. */
export interface Keyed<T> {
  readonly record: T;
  readonly id: string;
  readonly keys: readonly SortValue[];
}

/** A query checked and turned into functions. */
export interface CompiledQuery {
  readonly matches: (record: StoredRecord) => boolean;
  readonly keysOf: (record: StoredRecord) => readonly SortValue[];
  readonly compare: (a: Keyed<unknown>, b: Keyed<unknown>) => number;
  /** Where the page starts (strictly after), or `undefined` for the first page. */
  readonly after: Keyed<null> | undefined;
  readonly limit: number;
  readonly encodeCursor: (last: Keyed<unknown>) => string;
}


/** The test a record must pass to match a (normalized) query's clauses and scope. */
export function compileFilter(query: NormalizedQuery): (record: StoredRecord) => boolean {
  const tests = query.where.map(compileClause);
  const inScope = compileScope(query.scope);
  return (record) => {
    const row = record as unknown as Row;
    return tests.every((test) => test(row)) && inScope(record);
  };
}

/**
 * What an equality index can answer of a checked query's clauses: `eq`, `in` and `overlaps` with
 * text, number or boolean values only (every match holds one of the values).
 */
export function indexHints(query: NormalizedQuery): IndexHint[] {
  const hints: IndexHint[] = [];
  for (const clause of query.where) {
    const values: readonly unknown[] = clause.op === 'eq' ? [clause.value] : clause.op === 'in' || clause.op === 'overlaps' ? (clause.value as readonly unknown[]) : [];
    if (values.length > 0 && values.every(isIndexKey)) hints.push({ access: parseField(clause.field), values: values });
  }
  return hints;
}

/** A (normalized) query turned into functions, its cursor decoded, for a page of `find`. */
export function compileQuery(query: NormalizedQuery): CompiledQuery {
  const matches = compileFilter(query);
  const sort = compileSort(query.sort);
  const keysOf = (record: StoredRecord): readonly SortValue[] =>
    sort.map(({ access }) => sortValueOf(readField(record as unknown as Row, access), access));
  const compare = (a: Keyed<unknown>, b: Keyed<unknown>): number => {
    for (const [index, { descending }] of sort.entries()) {
      const x = a.keys[index] ?? null;
      const y = b.keys[index] ?? null;
      if (x === null || y === null) {
        // Missing values sort last, in either direction.
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const order = compareSortValues(x, y);
      if (order !== 0) return descending ? -order : order;
    }
    return compareText(a.id, b.id);
  };
  const signature = sort.map(({ access, descending }) => `${access.field}:${descending ? 'desc' : 'asc'}`);
  return {
    matches,
    keysOf,
    compare,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor, signature),
    limit: query.limit,
    encodeCursor: (last) => writeKeysetCursor(signature, last.keys, last.id),
  };
}

interface CompiledSortKey {
  readonly access: FieldAccess;
  readonly descending: boolean;
}

function compileSort(sort: NormalizedQuery['sort']): readonly CompiledSortKey[] {
  return sort.map((key) => ({ access: parseField(key.field), descending: key.direction === 'desc' }));
}

function decodeCursor(cursor: unknown, signature: readonly string[]): Keyed<null> {
  const { keys, id } = readKeysetCursor(cursor, signature, signature.length, isSortValue);
  return { record: null, id, keys: keys as readonly SortValue[] };
}

function compileScope(scope: RecordScope | undefined): (record: StoredRecord) => boolean {
  // Stryker disable next-line StringLiteral: a shortcut; isInScope finds every record in scope 'all' too
  if (scope === undefined || scope.kind === 'all') return () => true;
  // Stryker disable next-line StringLiteral,ArrowFunction: a shortcut; isInScope finds no record in scope 'none', and undefined is as false to every caller
  if (scope.kind === 'none') return () => false;
  return (record) => isInScope(scope, record);
}

function compileClause(clause: FilterClause): Predicate {
  const { op, value } = clause;
  const access = parseField(clause.field);
  // Whether any value the field holds passes: the value itself, or each element of a list (a
  // multi-field's element `value`s). No list is made for a single value: this runs per row.
  const any =
    (test: (element: unknown) => boolean): Predicate =>
    (row) => {
      const raw = readField(row, access);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; no element test passes undefined or null (===, sameValue, orderOf and the text tests all say no)
      if (raw === undefined || raw === null) return false;
      if (!Array.isArray(raw)) return test(raw);
      return elementsOf(raw, access).some(test);
    };
  const not = (test: Predicate): Predicate => (row) => !test(row);
  switch (op) {
    case 'isEmpty':
    case 'isNotEmpty': {
      const empty: Predicate = (row) => isEmptyValue(readField(row, access));
      return op === 'isEmpty' ? empty : not(empty);
    }
    case 'eq':
    case 'ne': {
      // Text, numbers and booleans are equal only to themselves; Dates and money compare by value.
      const equal = any(typeof value === 'object' ? (element) => sameValue(element, value) : (element) => element === value);
      return op === 'eq' ? equal : not(equal);
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const holds = { lt: (o: number) => o < 0, lte: (o: number) => o <= 0, gt: (o: number) => o > 0, gte: (o: number) => o >= 0 }[op];
      return any((element) => {
        const order = orderOf(element, value);
        return order !== undefined && holds(order);
      });
    }
    case 'in':
    case 'notIn':
    case 'overlaps': {
      const oneOf = memberTest(value as readonly unknown[]);
      const found = any(oneOf);
      return op === 'notIn' ? not(found) : found;
    }
    case 'contains':
    case 'startsWith': {
      const needle = String(value).toLowerCase();
      return any((element) => {
        if (typeof element !== 'string') return false;
        const text = element.toLowerCase();
        return op === 'contains' ? text.includes(needle) : text.startsWith(needle);
      });
    }
  }
}

function memberTest(values: readonly unknown[]): (element: unknown) => boolean {
  // Stryker disable next-line MethodExpression,StringLiteral: a shortcut; objects in the set are never asked for (object elements go to the list below)
  const primitives = new Set(values.filter((value) => typeof value !== 'object'));
  // Stryker disable next-line MethodExpression: a shortcut; sameValue of an object element and a text, number or boolean is false
  const objects = values.filter((value) => typeof value === 'object');
  return (element) =>
    typeof element === 'object' ? objects.some((value) => sameValue(element, value)) : primitives.has(element);
}
