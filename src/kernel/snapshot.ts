import { LimitError, ValidationError } from './errors.js';
import { LIMITS } from './limits.js';

// The mark of frozen plain data made by this module (from input) or built by crm-kit itself and
// sealed (top-level values only: they are what is handed on). Code that receives one may keep it as
// it is: nobody can change it, and it holds nothing but data. A private class field, not a WeakSet:
// every record and event is sealed, and a weak set that large costs the garbage collector more than
// the whole write. Unlike a symbol property, a private field cannot be forged by a Proxy (`#x in
// proxy` is false and runs no trap) nor copied by spreading (docs/design-notes.md).
// A base whose constructor returns the object it is given, so the subclass's field lands on it.
const Stamped = function stamped(value: object): object {
  return value;
} as unknown as new (value: object) => object;

class Sealed extends Stamped {
  readonly #sealed = true;

  static mark(value: object): void {
    new Sealed(value);
  }

  static marked(value: object): boolean {
    return #sealed in value;
  }

  // Sealed means marked and frozen: a bag from `sealableBag` is marked while it is still built.
  static has(value: object): boolean {
    return #sealed in value && Object.isFrozen(value);
  }
}

function mark(value: object): void {
  Sealed.mark(value);
}

/**
 * Takes one data-only snapshot of a value that comes from outside (a service call's argument):
 * a deep copy holding only own enumerable data properties of plain objects (`{}` or
 * `Object.create(null)`), arrays without holes, `Date`s, text, finite numbers, booleans and
 * `null`; frozen. Every property is read exactly once, so a getter, a Proxy or a crafted
 * prototype can never answer one check and then another: everything after the snapshot reads the
 * copy alone.
 *
 * Refused with {@link ValidationError} `NOT_PLAIN_DATA`: accessors (getters and setters, which are
 * never called), symbol keys, non-enumerable own properties, objects with any other prototype
 * (class instances, `Map`, typed arrays, functions), holes in arrays, `NaN` and infinities,
 * bigints and symbols, and anything whose inspection throws (a revoked Proxy), with the original
 * error as `cause`. Text with a NUL or a lone surrogate (which databases refuse) is
 * `INVALID_TEXT`, in keys and values alike. Nesting deeper than `LIMITS.inputDepth`, a list of more
 * than `LIMITS.listItems` elements, or more than `LIMITS.inputValues` values in all, is
 * {@link LimitError} `LIMIT_EXCEEDED`, before the values are read. Messages name the
 * path, never a value.
 *
 * @param value - What a caller passed.
 * @param what - How the message names it: `'The input'`, `'The query'`.
 * @returns The frozen copy (the value itself for text, numbers, booleans, `null` and `undefined`).
 * @throws {@link ValidationError} `NOT_PLAIN_DATA` or `INVALID_TEXT`; {@link LimitError}
 * `LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * const input = { title: 'Renewal', custom: { tier: 'gold' } };
 * const copy = snapshotInput(input, 'The input');
 * copy; //=> { title: 'Renewal', custom: { tier: 'gold' } }
 * [copy === input, Object.isFrozen(copy.custom)]; //=> [false, true]
 *
 * let reads = 0;
 * const sneaky = { get field() { reads += 1; return reads === 1 ? 'title' : 'custom.margin'; } };
 * snapshotInput(sneaky, 'The clause'); // throws NOT_PLAIN_DATA
 * reads; //=> 0
 * snapshotInput({ title: 'A\u0000B' }, 'The input'); // throws INVALID_TEXT
 * snapshotInput(Object.create({ isAdmin: true }), 'The principal'); // throws NOT_PLAIN_DATA
 * ```
 */
export function snapshotInput<T>(value: T, what: string): T {
  if (typeof what !== 'string') throw new ValidationError('INVALID_ARGUMENT', 'snapshotInput takes what the value is, as text.');
  const budget = { left: LIMITS.inputValues };
  return copy(value, what, [], 0, budget, true) as T;
}

function inside<R>(path: Path, key: string | number, work: () => R): R {
  path.push(key);
  const result = work();
  path.pop();
  return result;
}

/**
 * Deep-freezes plain data that crm-kit built itself (a planned record, an event) and marks it
 * sealed, so that a store may keep it without copying (see {@link isSealed}). It must only be
 * given fresh objects, or objects already frozen; it copies nothing.
 *
 * @param value - Plain data made by the caller.
 * @returns The same value, frozen through.
 *
 * @example
 * ```ts
 * // const record = sealPlain({ id: '7', tags: ['a'] }); // frozen through, and isSealed(record)
 * ```
 */
export function sealPlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null || isSealed(value)) return value;
  if (!Object.isFrozen(value) && !(value instanceof Date) && !Sealed.marked(value)) mark(value);
  freezeThrough(value);
  return value;
}

// Freezes fresh data through; an object already frozen was frozen through by crm-kit (a snapshot,
// a stored record), so the walk stops there. Only the top-level value is remembered as sealed: it
// is what a store is handed.
function freezeThrough(value: object): void {
  if (Object.isFrozen(value)) return;
  if (!(value instanceof Date)) {
    for (const key of Object.keys(value)) {
      const inner: unknown = (value as Record<string, unknown>)[key];
      if (typeof inner === 'object' && inner !== null) freezeThrough(inner);
    }
  }
  Object.freeze(value);
}

// How a bag keeps V8's fast properties (docs/design-notes.md, "Records stay in fast mode"). V8
// moves an object into slow dictionary mode (seven times the memory) when a property added by a
// computed key (`bag[key] = value`, or the private field that marks a sealed object) would grow a
// property store already holding more than twelve fields. A property added by `defineProperty`
// counts as named, and named properties stay fast up to 128. Assignment is eight times faster, so
// a bag's first keys are assigned and the rest defined; the mark goes on first, while the bag is empty.
const ASSIGNED_KEYS = 12;

/**
 * Sets one key of a bag being built as data, keeping the bag in V8's fast mode: a `__proto__` key
 * is an ordinary key (ARCHITECTURE.md §3), never the prototype.
 *
 * @param bag - A fresh object, not yet frozen.
 * @param key - The key.
 * @param value - Its value.
 * @param count - How many keys the bag holds already.
 *
 * @example
 * ```ts
 * // Internal: const bag = {}; putData(bag, '__proto__', 'x', 0);
 * // Object.keys(bag) is ['__proto__'] and the prototype of bag is still Object.prototype.
 * ```
 */
export function putData(bag: Record<string, unknown>, key: string, value: unknown, count: number): void {
  if (key === '__proto__' || count >= ASSIGNED_KEYS) Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  else bag[key] = value;
}

/**
 * An empty bag for data crm-kit builds and then seals with {@link sealPlain}: it carries the
 * sealed mark from the start (V8 keeps a many-keyed object in fast mode only if the mark comes
 * before its keys), but it is not sealed until {@link sealPlain} freezes it.
 *
 * @returns A fresh `{}`.
 *
 * @example
 * ```ts
 * // Internal: const bag = sealableBag(); bag.id = '7';
 * // isSealed(bag) is false until sealPlain(bag) freezes it, and true after.
 * ```
 */
export function sealableBag(): Record<string, unknown> {
  const bag: Record<string, unknown> = {};
  mark(bag);
  return bag;
}

/**
 * Whether a value is frozen plain data from {@link snapshotInput} or {@link sealPlain}: it holds
 * only data and can never change, so it can be kept without a copy.
 *
 * @param value - Anything.
 * @returns `true` for a sealed object or list.
 *
 * @example
 * ```ts
 * // isSealed(sealPlain({ id: '7' })) is true; isSealed(Object.freeze({ id: '7' })) is false
 * ```
 */
export function isSealed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Sealed.has(value);
}

/**
 * Whether text is safe to store: no NUL and no lone surrogate (which PostgreSQL and many other
 * stores refuse or silently change).
 *
 * @param text - Any text.
 * @returns `true` when the text is well-formed UTF-16 without NUL.
 *
 * @example
 * ```ts
 * isStorableText('García'); //=> true
 * isStorableText('a\u0000b'); //=> false
 * isStorableText('\uD83D'); //=> false
 * isStorableText('\uD83D\uDE00'); //=> true
 * ```
 */
export function isStorableText(text: string): boolean {
  if (typeof text !== 'string') return false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return false;
    if (unit >= 0xd800 && unit <= 0xdfff) {
      // A high surrogate must be followed by a low one; a low one never comes first.
      const next = text.charCodeAt(i + 1);
      if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

// The place being copied: one stack for the whole snapshot, pushed and popped around each value
// (an error copies it), so that copying allocates nothing for messages it may never need.
type Path = (string | number)[];

function at(path: Path): string {
  return path.length === 0 ? '' : ` (at ${path.join('.')})`;
}

function notPlain(what: string, path: Path, reason: string, cause?: unknown): ValidationError {
  path = [...path];
  const message = `${what} must be plain data: ${reason}${at(path)}.`;
  return cause === undefined ? new ValidationError('NOT_PLAIN_DATA', message) : new ValidationError('NOT_PLAIN_DATA', message, { cause });
}

function text(value: string, what: string, path: Path): string {
  if (!isStorableText(value)) throw new ValidationError('INVALID_TEXT', `${what} holds text with a NUL or a lone surrogate${at(path)}.`);
  return value;
}

function copy(value: unknown, what: string, path: Path, depth: number, budget: { left: number }, top = false): unknown {
  if (--budget.left < 0) throw new LimitError('inputValues', what);
  switch (typeof value) {
    case 'string':
      return text(value, what, path);
    case 'number':
      if (!Number.isFinite(value)) throw notPlain(what, path, 'numbers are finite');
      return value;
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      break;
    default:
      throw notPlain(what, path, `a ${typeof value} is not data`);
  }
  if (value === null) return null;
  // Data crm-kit sealed (a stored record passed back in) is frozen plain data already.
  if (Sealed.has(value)) return value;
  if (depth >= LIMITS.inputDepth) throw new LimitError('inputDepth', what);
  try {
    return copyObject(value, what, path, depth, budget, top);
  } catch (error) {
    if (error instanceof ValidationError || error instanceof LimitError) throw error;
    // A revoked Proxy, or a trap that throws: the input cannot be read.
    throw notPlain(what, path, 'it could not be read', error);
  }
}

function copyObject(value: object, what: string, path: Path, depth: number, budget: { left: number }, top: boolean): unknown {
  const prototype: unknown = Reflect.getPrototypeOf(value);
  if (prototype === Date.prototype) {
    // getTime throws on anything that is not a real Date (a Proxy of one included).
    const time = Date.prototype.getTime.call(value);
    if (Number.isNaN(time)) throw notPlain(what, path, 'dates are valid');
    return Object.freeze(new Date(time));
  }
  const isList = prototype === Array.prototype && Array.isArray(value);
  if (!isList && prototype !== Object.prototype && prototype !== null) throw notPlain(what, path, 'objects are plain, without a prototype of their own');
  const keys = Reflect.ownKeys(value);
  // `{}` rather than a prototype-free object even for one: V8 keeps the latter in slow dictionary
  // mode (three times the memory); keys are defined as data, so none can reach the prototype.
  const out: unknown[] | Record<string, unknown> = isList ? [] : top ? sealableBag() : {};
  let length = 0;
  let count = 0;
  if (isList) {
    const lengthOf = Reflect.getOwnPropertyDescriptor(value, 'length');
    length = typeof lengthOf?.value === 'number' ? lengthOf.value : -1;
    if (length > LIMITS.listItems) throw new LimitError('listItems', `A list in ${what.charAt(0).toLowerCase()}${what.slice(1)}`);
    if (keys.length !== length + 1) throw notPlain(what, path, 'lists have no holes and no extra keys');
  }
  for (const key of keys) {
    if (typeof key === 'symbol') throw notPlain(what, path, 'keys are text, not symbols');
    if (isList && key === 'length') continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) throw notPlain(what, path, 'a key vanished while it was read');
    if (!('value' in descriptor)) throw inside(path, key, () => notPlain(what, path, 'getters and setters are not data'));
    if (descriptor.enumerable !== true) throw inside(path, key, () => notPlain(what, path, 'every key is enumerable'));
    if (isList) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= length || String(index) !== key) throw notPlain(what, path, 'lists have no extra keys');
      path.push(index);
      (out as unknown[])[index] = copy(descriptor.value, what, path, depth + 1, budget);
      path.pop();
    } else {
      text(key, what, path);
      path.push(key);
      const copied = copy(descriptor.value, what, path, depth + 1, budget);
      path.pop();
      putData(out as Record<string, unknown>, key, copied, count++);
    }
  }
  if (top && isList) mark(out);
  return Object.freeze(out);
}
