import { isPlainRecord } from '../../../kernel/index.js';
import { invalid } from './errors.js';

const MAX_DEPTH = 64;

/**
 * A deep copy of plain data that keeps `Date`s and prototype-free bags (`Object.create(null)`), so
 * that neither the caller nor the store can reach the other's objects.
 */
export function copyPlain<T>(value: T): T {
  return copyValue(value, 0) as T;
}

function copyValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw notPlain();
    return value;
  }
  if (depth > MAX_DEPTH) throw invalid('A stored record nests deeper than 64 levels (or refers to itself).');
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return (value as readonly unknown[]).map((item) => copyValue(item, depth + 1));
  if (!isPlainRecord(value)) throw notPlain();
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    // A '__proto__' own key is kept as data, never turned into a prototype change.
    Object.defineProperty(copy, key, { value: copyValue(value[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function notPlain(): Error {
  return invalid('Stored data is plain: objects, arrays, Dates, text, numbers, booleans and null.');
}
