import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStorableText, snapshotInput } from 'crm-kit';

// References written another way: by code points, and by a Unicode regular expression.
function storableByCodePoints(text: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points on purpose: a lone surrogate comes out as a piece of its own
  return [...text].every((char) => {
    const unit = char.charCodeAt(0);
    return unit !== 0 && !(char.length === 1 && unit >= 0xd800 && unit <= 0xdfff);
  });
}
const UNSTORABLE = /[\0\p{Cs}]/u;

/** Text mixing any UTF-16 code units (lone surrogates and NUL among them) with ordinary text and pairs. */
const anyUnits: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
      fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', 'é'),
      fc.string(),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const storableText: fc.Arbitrary<string> = fc.string({ unit: 'grapheme', maxLength: 12 }).filter(storableByCodePoints);
const key: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'isAdmin'), storableText);

/** An object built key by key as data, so a '__proto__' key is an own key of it. */
function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of entries) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const { value: plainValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    storableText,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    tie('list'),
    tie('object'),
  ),
  list: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 4, selector: ([name]) => name }).map(objectOf),
}));

/** The same data: same kinds, prototypes, own keys in order and values; Dates by their instant. */
function sameData(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  const keys = Object.keys(a);
  const record = (value: object): Record<string, unknown> => value as Record<string, unknown>;
  return JSON.stringify(keys) === JSON.stringify(Object.keys(b)) && keys.every((name) => sameData(record(a)[name], record(b)[name]));
}

function objectsIn(value: unknown, found = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null && !found.has(value)) {
    found.add(value);
    if (!(value instanceof Date)) for (const inner of Object.values(value)) objectsIn(inner, found);
  }
  return found;
}

describe('snapshotInput (properties)', () => {
  it('for any JSON-like value with Dates, the snapshot deep-equals it, shares no object with it, and is frozen through', () => {
    fc.assert(
      fc.property(plainValue, (value) => {
        const copy = snapshotInput(value, 'The input');
        expect(sameData(copy, value)).toBe(true);
        const originals = objectsIn(value);
        for (const object of objectsIn(copy)) {
          expect(originals.has(object)).toBe(false);
          expect(Object.isFrozen(object)).toBe(true);
        }
      }),
    );
  });

  it('a snapshot of a snapshot equals it', () => {
    fc.assert(
      fc.property(plainValue, (value) => {
        const once = snapshotInput(value, 'The input');
        expect(sameData(snapshotInput(once, 'The input'), once)).toBe(true);
      }),
    );
  });

  it('text is refused with INVALID_TEXT exactly when it is not storable, as a value and as a key', () => {
    fc.assert(
      fc.property(anyUnits, (text) => {
        const storable = isStorableText(text);
        for (const holder of [{ text }, objectOf([[text, 1]]), [text]]) {
          let code = 'no error';
          try {
            snapshotInput(holder, 'The input');
          } catch (error) {
            code = (error as { code?: string }).code ?? 'not a crm-kit error';
          }
          expect(code).toBe(storable ? 'no error' : 'INVALID_TEXT');
        }
      }),
    );
  });
});

describe('isStorableText (properties)', () => {
  it('agrees with a reading by code points and with a Unicode regular expression', () => {
    fc.assert(
      fc.property(anyUnits, (text) => {
        expect(isStorableText(text)).toBe(storableByCodePoints(text));
        expect(isStorableText(text)).toBe(!UNSTORABLE.test(text));
      }),
    );
  });

  it('a text is storable exactly when each of its pieces is, wherever it is cut between code points', () => {
    fc.assert(
      fc.property(anyUnits, anyUnits, (a, b) => {
        // A lone high surrogate at the end of a and a lone low one at the start of b pair up when joined.
        const joinsAPair = /[\uD800-\uDBFF]$/.test(a) && /^[\uDC00-\uDFFF]/.test(b);
        if (!joinsAPair) expect(isStorableText(a + b)).toBe(isStorableText(a) && isStorableText(b));
      }),
    );
  });
});
