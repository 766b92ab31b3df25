import type { StoredRecord } from '../../../entities/index.js';
import type { FieldAccess } from './values.js';
import { elementsOf, readField } from './values.js';

/** A value an equality index holds: text, a number or a boolean (Dates and money are not indexed). */
export type IndexKey = string | number | boolean;

/** What a query asks of one field that an index can answer: records holding any of these values. */
export interface IndexHint {
  readonly access: FieldAccess;
  readonly values: readonly IndexKey[];
}

export function isIndexKey(value: unknown): value is IndexKey {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The index keys of a record at a field: each text, number or boolean it holds (list elements included). */
function keysOf(record: StoredRecord, access: FieldAccess): IndexKey[] {
  const raw = readField(record as unknown as Readonly<Record<string, unknown>>, access);
  // Stryker disable next-line LogicalOperator,ArrayDeclaration: a shortcut (neither is a key nor a list); a made-up key only adds candidates the query's test drops
  if (raw === undefined || raw === null) return [];
  if (isIndexKey(raw)) return [raw];
  // Stryker disable next-line MethodExpression,ArrayDeclaration: keys no lookup asks for (objects, a made-up text) only add candidates the query's test drops
  return Array.isArray(raw) ? elementsOf(raw, access).filter(isIndexKey) : [];
}

/**
 * The equality indexes of one table: for a field, the ids of the records holding each value. Built
 * the first time a query can use one, then kept in step with every committed write. A record
 * matching `eq v` or `in [..v..]` (with text, number or boolean values) holds `v`, so the index
 * gives a superset of the matches; the query's own test still runs on each candidate.
 */
export class TableIndexes {
  private readonly byField = new Map<string, { readonly access: FieldAccess; readonly ids: Map<IndexKey, Set<string>> }>();

  /** The id sets of the records holding each of the values, building the field's index if needed. */
  lookup(table: ReadonlyMap<string, StoredRecord>, hint: IndexHint): ReadonlySet<string>[] {
    let index = this.byField.get(hint.access.field);
    if (index === undefined) {
      index = { access: hint.access, ids: new Map() };
      for (const record of table.values()) add(index.ids, keysOf(record, hint.access), record.id);
      this.byField.set(hint.access.field, index);
    }
    const { ids } = index;
    return hint.values.map((value) => ids.get(value) ?? EMPTY);
  }

  /** Keeps every index in step with a committed write (`next` null: the record was removed). */
  update(id: string, previous: StoredRecord | undefined, next: StoredRecord | null): void {
    for (const { access, ids } of this.byField.values()) {
      if (previous !== undefined) {
        for (const key of keysOf(previous, access)) {
          const holders = ids.get(key);
          // Stryker disable next-line OptionalChaining: the index holds every key of a stored record
          holders?.delete(id);
          // Stryker disable next-line OptionalChaining: the index holds every key of a stored record
          if (holders?.size === 0) ids.delete(key);
        }
      }
      if (next !== null) add(ids, keysOf(next, access), id);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function add(ids: Map<IndexKey, Set<string>>, keys: readonly IndexKey[], id: string): void {
  for (const key of keys) {
    let holders = ids.get(key);
    if (holders === undefined) {
      holders = new Set();
      ids.set(key, holders);
    }
    holders.add(id);
  }
}

/**
 * Of the hints a query gives, the ids its narrowest index names, or `undefined` to scan the table:
 * without hints, or when even the narrowest names more than a quarter of the table (walking ids
 * and looking each up then costs more than one pass over the records).
 */
export function narrowest(table: ReadonlyMap<string, StoredRecord>, indexes: TableIndexes, hints: readonly IndexHint[]): ReadonlySet<string> | undefined {
  let best: ReadonlySet<string>[] | undefined;
  let bestSize = Number.POSITIVE_INFINITY;
  for (const hint of hints) {
    const sets = indexes.lookup(table, hint);
    const size = sets.reduce((total, ids) => total + ids.size, 0);
    if (size < bestSize) {
      best = sets;
      bestSize = size;
    }
  }
  if (best === undefined || bestSize > table.size / 4) return undefined;
  const [only, ...more] = best;
  if (only !== undefined && more.length === 0) return only;
  // A record holding several of the values (a list field) is one candidate.
  const union = new Set<string>();
  for (const ids of best) for (const id of ids) union.add(id);
  return union;
}
