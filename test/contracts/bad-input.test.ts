import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as crmKit from 'crm-kit';
import * as memory from 'crm-kit/memory';
import * as testing from 'crm-kit/testing';

// Every public function, given junk, either returns or throws a crm-kit error with a code: never a
// raw TypeError, RangeError or library error that a host could not handle by code.
const junk = fc.constantFrom<unknown>(
  undefined,
  null,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  10n,
  '',
  'x',
  'EUR',
  '2026-01-01',
  '#NAME#',
  true,
  {},
  [],
  [null],
  [1, 2],
  { amount: '1', currency: 'EUR' },
  { amount: 1, currency: 'EUR' },
  { base: 'EUR', rates: null },
  Object.create(null) as unknown,
  Symbol('junk'),
  () => 1,
  new Date(Number.NaN),
  new Date('2026-01-01T00:00:00Z'),
);

const functions = [crmKit, memory, testing].flatMap((entry) => Object.entries(entry as Readonly<Record<string, unknown>>)).filter(
  (entry): entry is [string, (...args: unknown[]) => unknown] =>
    typeof entry[1] === 'function' && !/^class\b/.test(Function.prototype.toString.call(entry[1])),
);

// An async function's rejection is its throw: it is awaited and judged the same way.
async function outcome(run: () => unknown): Promise<string> {
  try {
    let result = run();
    if (result instanceof Promise) result = await (result as Promise<unknown>);
    // Functions that build other functions (parsers, generators) are called once more with junk.
    if (typeof result === 'function') (result as (...args: unknown[]) => unknown)('x', null);
    if (typeof result === 'object' && result !== null && typeof (result as { next?: unknown }).next === 'function') {
      (result as { next: (type: unknown) => unknown }).next('contact');
    }
    return 'returned';
  } catch (error) {
    return crmKit.isCrmError(error) ? 'crm-kit error' : `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('bad input', () => {
  it('there are public functions to check', () => {
    expect(functions.length).toBeGreaterThan(40);
  });

  it.each(functions.map(([name, fn]) => [name, fn] as const))('%s returns or throws a crm-kit error for any junk arguments (an async one rejects with one)', async (_, fn) => {
    await fc.assert(
      fc.asyncProperty(fc.array(junk, { maxLength: 5 }), async (args) => {
        expect(['returned', 'crm-kit error']).toContain(await outcome(() => fn(...args)));
      }),
      { numRuns: 150 },
    );
  });
});
