/**
 * Tells whether a value is a plain record: an object made by `{}` or `Object.create(null)`, not
 * an array, a `Date`, a class instance, or an object whose prototype carries keys. Records from
 * outside are checked with it before their keys are trusted: an object with a crafted prototype
 * would otherwise offer inherited values that a check of its own keys never saw.
 *
 * @param value - Anything.
 * @returns `true` for a plain record.
 *
 * @example
 * ```ts
 * isPlainRecord({ a: 1 }); //=> true
 * isPlainRecord(Object.create(null)); //=> true
 * isPlainRecord(Object.create({ margin: 0.9 })); //=> false
 * isPlainRecord(new Date()); //=> false
 * isPlainRecord([1]); //=> false
 * ```
 */
export function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
