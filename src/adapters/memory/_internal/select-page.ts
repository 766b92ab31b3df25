import type { StoredRecord } from '../../../entities/index.js';
import type { Page } from '../../../store/index.js';
import type { CompiledQuery, Keyed } from './compile-query.js';

/**
 * The page of a compiled query over some records: those that match, strictly after the cursor,
 * the first `limit` in order. Only `limit + 1` candidates are kept sorted, so a page of a large
 * set costs one pass.
 */
export function selectPage(records: Iterable<StoredRecord>, query: CompiledQuery): Page<StoredRecord> {
  const { compare, after, limit } = query;
  const wanted = limit + 1;
  const best: Keyed<StoredRecord>[] = [];
  for (const record of records) {
    if (!query.matches(record)) continue;
    const row: Keyed<StoredRecord> = { record, id: record.id, keys: query.keysOf(record) };
    if (after !== undefined && compare(row, after) <= 0) continue;
    // Stryker disable next-line ArithmeticOperator: a shortcut; without the worst row every row is inserted and the extra one popped
    const worst = best[best.length - 1];
    if (best.length === wanted && worst !== undefined && compare(row, worst) >= 0) continue;
    best.splice(insertionPoint(best, row, compare), 0, row);
    if (best.length > wanted) best.pop();
  }
  const items = best.slice(0, limit);
  const last = items[items.length - 1];
  return best.length > limit && last !== undefined
    ? { items: items.map((row) => row.record), nextCursor: query.encodeCursor(last) }
    : { items: items.map((row) => row.record) };
}

/**
 * The page after a cursor in rows already sorted by the query's order: a binary search for the
 * first row strictly after the cursor, then `limit` rows. O(log n + limit), for a walk over pages
 * whose matches were sorted once (see the repository's page memo).
 */
// Stryker disable next-line BlockStatement: without a page find falls back to selectPage, which gives the same page
export function pageOfSorted(rows: readonly Keyed<StoredRecord>[], query: CompiledQuery): Page<StoredRecord> {
  const { after, compare, limit } = query;
  let start = 0;
  if (after !== undefined) {
    let high = rows.length;
    while (start < high) {
      const middle = (start + high) >>> 1;
      const row = rows[middle];
      if (row !== undefined && compare(row, after) <= 0) start = middle + 1;
      else high = middle;
    }
  }
  const items = rows.slice(start, start + limit);
  const last = items[items.length - 1];
  return start + limit < rows.length && last !== undefined
    ? { items: items.map((row) => row.record), nextCursor: query.encodeCursor(last) }
    : { items: items.map((row) => row.record) };
}

/** Every match of a compiled query with its sort values, in order (the cursor is not applied). */
export function sortedMatches(records: Iterable<StoredRecord>, query: CompiledQuery): Keyed<StoredRecord>[] {
  const rows: Keyed<StoredRecord>[] = [];
  for (const record of records) if (query.matches(record)) rows.push({ record, id: record.id, keys: query.keysOf(record) });
  return rows.sort(query.compare);
}

/**
 * Every record of a compiled query after its cursor, in order: one pass and one sort, so a stream
 * costs O(n log n) however many pages it is read in (paging with `selectPage` would rescan the
 * table once per page). Holds references to the matching records, which this store keeps in
 * memory anyway.
 */
export function selectAll(records: Iterable<StoredRecord>, query: CompiledQuery): StoredRecord[] {
  const { compare, after } = query;
  const rows: Keyed<StoredRecord>[] = [];
  for (const record of records) {
    if (!query.matches(record)) continue;
    const row: Keyed<StoredRecord> = { record, id: record.id, keys: query.keysOf(record) };
    if (after === undefined || compare(row, after) > 0) rows.push(row);
  }
  return rows.sort(compare).map((row) => row.record);
}

function insertionPoint<T>(rows: readonly Keyed<T>[], row: Keyed<T>, compare: (a: Keyed<T>, b: Keyed<T>) => number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = rows[middle];
    if (other !== undefined && compare(other, row) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
