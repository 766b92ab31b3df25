// Plain data as JSON that jsonb keeps exactly. JSON has no dates and no negative zero, so a Date is
// written as `{ "$date": <epoch ms> }` and -0 as `{ "$number": "-0" }`; for these to stay
// unambiguous, every object key that starts with `$` gets one more `$` on the way in and loses it
// on the way out. Text, finite numbers, booleans,
// null, lists and plain objects are themselves. Reading builds fresh objects key by key as data,
// so a `__proto__` key stays an ordinary key.

const DATE_TAG = '$date';
const NUMBER_TAG = '$number';

/** Plain data as JSON (a value `JSON.stringify` writes exactly). */
export function toJson(value: unknown): unknown {
  if (value instanceof Date) return { [DATE_TAG]: value.getTime() };
  if (Object.is(value, -0)) return { [NUMBER_TAG]: '-0' };
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const inner = toJson((value as Readonly<Record<string, unknown>>)[key]);
      Object.defineProperty(out, key.startsWith('$') ? `$${key}` : key, { value: inner, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** The plain data a JSON value from {@link toJson} stands for. */
export function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value !== 'object' || value === null) return value;
  const bag = value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(bag);
  if (keys.length === 1 && keys[0] === DATE_TAG && typeof bag[DATE_TAG] === 'number') return new Date(bag[DATE_TAG]);
  if (keys.length === 1 && keys[0] === NUMBER_TAG && bag[NUMBER_TAG] === '-0') return -0;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const inner = fromJson(bag[key]);
    Object.defineProperty(out, key.startsWith('$') ? key.slice(1) : key, { value: inner, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The JSON text of plain data, for a `jsonb` parameter. */
export function jsonText(value: unknown): string {
  return JSON.stringify(toJson(value));
}

/** The key of a tagged date, for SQL over jsonb values. */
export const DATE_KEY = '$date';

/** Negative zero as jsonb keeps it, as SQL. */
export const NEGATIVE_ZERO_SQL = '\'{"$number": "-0"}\'::jsonb';
