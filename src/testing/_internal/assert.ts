// The few assertions the suites use, written out so that they run in any JavaScript runtime and
// under any test runner (no `node:assert`). A failure is an `Error` carrying `actual` and
// `expected`, which runners such as vitest and jest show as a diff.

/** The error a failed check throws. */
export class ConformanceAssertionError extends Error {
  override readonly name: string = 'ConformanceAssertionError';
  readonly actual: unknown;
  readonly expected: unknown;
  readonly showDiff: boolean;

  constructor(message: string, details: { readonly actual?: unknown; readonly expected?: unknown } = {}) {
    super(message);
    this.actual = details.actual;
    this.expected = details.expected;
    this.showDiff = 'expected' in details;
  }
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner.toString()}n` : inner));
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
  } catch {
    return String(value);
  }
}

/** Structural equality of data: same types, Dates by instant, arrays and objects key by key. */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordA = a as Readonly<Record<string, unknown>>;
  const recordB = b as Readonly<Record<string, unknown>>;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && isDeepEqual(recordA[key], recordB[key]));
}

/** Fails unless `condition` holds. */
export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceAssertionError(message);
}

/** Fails unless `actual` is `expected` (`Object.is`). */
export function equal(actual: unknown, expected: unknown, message = 'values differ'): void {
  if (!Object.is(actual, expected)) throw new ConformanceAssertionError(`${message}: got ${show(actual)}, expected ${show(expected)}`, { actual, expected });
}

/** Fails when `actual` is `unexpected`. */
export function notEqual(actual: unknown, unexpected: unknown, message: string): void {
  if (Object.is(actual, unexpected)) throw new ConformanceAssertionError(`${message}: got ${show(actual)}`);
}

/** Fails unless `actual` and `expected` are structurally equal (see {@link isDeepEqual}). */
export function deepStrictEqual(actual: unknown, expected: unknown, message = 'values differ'): void {
  if (!isDeepEqual(actual, expected)) {
    throw new ConformanceAssertionError(`${message}:\n  got      ${show(actual)}\n  expected ${show(expected)}`, { actual, expected });
  }
}

/** Always fails. */
export function fail(message: string): never {
  throw new ConformanceAssertionError(message);
}
