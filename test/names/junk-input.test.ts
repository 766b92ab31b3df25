import fc from 'fast-check';
import { assertNameFormat, formatPersonName, isCrmError, NAME_FORMATS, splitFullName } from 'crm-kit';
import type { CrmErrorCode } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import * as names from '../../src/names/index.js';
import { JUNK as BASE_JUNK } from '../support/junk.js';

const JUNK: readonly unknown[] = [
  ...BASE_JUNK,
  ['Ana'],
  ['#NAME#'],
  () => '#NAME#',
  new String('#NAME#'),
  /#NAME#/,
  { toString: () => '#NAME#', valueOf: () => 'Ana' },
  { firstName: 42 },
  { firstName: {} },
  { lastName: ['García'] },
  { honorific: Symbol('title') },
  { secondName: new String('María') },
  { firstName: 12n },
  '#',
  '##',
  '#FIRST_NAME#',
];

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function describeValue(value: unknown): string {
  try {
    // JSON.stringify gives undefined for undefined, symbols and functions, and throws on bigints.
    const text = JSON.stringify(value) as string | undefined;
    return (text ?? typeof value).slice(0, 20);
  } catch {
    return typeof value;
  }
}

type Call = readonly [
  name: string,
  codes: readonly CrmErrorCode[],
  call: (junk: never) => unknown,
  returns: (value: unknown) => boolean,
];

const isString = (value: unknown): boolean => typeof value === 'string';
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;
const isUndefined = (value: unknown): boolean => value === undefined;

// Every function the names module exports, with each of its arguments in turn replaced by junk.
const CALLS: readonly Call[] = [
  ['formatPersonName(person)', ['INVALID_ARGUMENT'], (junk) => formatPersonName(junk, NAME_FORMATS.titleFirstSecondLast), isString],
  ['formatPersonName(format)', ['INVALID_NAME_FORMAT'], (junk) => formatPersonName({ firstName: 'Ana' }, junk), isString],
  // The format is checked first; a junk value that happens to be a valid format fails as a person.
  ['formatPersonName(person, format)', ['INVALID_NAME_FORMAT', 'INVALID_ARGUMENT'], (junk) => formatPersonName(junk, junk), isString],
  ['splitFullName(text)', ['INVALID_ARGUMENT'], (junk) => splitFullName(junk, NAME_FORMATS.firstLast), isObject],
  ['splitFullName(format)', ['INVALID_NAME_FORMAT'], (junk) => splitFullName('Ana García', junk), isObject],
  ['splitFullName(text, format)', ['INVALID_NAME_FORMAT'], (junk) => splitFullName(junk, junk), isObject],
  [
    'assertNameFormat(value)',
    ['INVALID_NAME_FORMAT'],
    (junk) => {
      assertNameFormat(junk);
    },
    isUndefined,
  ],
];

/** What went wrong with one call, or nothing when it returned a value of its kind or threw the expected crm-kit error. */
function problemOf([name, codes, call, returns]: Call, junk: unknown): string | undefined {
  let outcome: unknown;
  try {
    outcome = call(junk as never);
  } catch (error) {
    const expected = codes.some((code) => isCrmError(error, code));
    return expected ? undefined : `${name} with ${describeValue(junk)} threw ${String(error)}`;
  }
  return returns(outcome) ? undefined : `${name} with ${describeValue(junk)} returned ${describeValue(outcome)}`;
}

describe('every export of the names module given junk arguments', () => {
  it('the calls below cover every function the names module exports', () => {
    const functions = Object.entries(names)
      .filter(([, value]) => typeof value === 'function')
      .map(([key]) => key)
      .sort();
    const covered = [...new Set(CALLS.map(([name]) => name.slice(0, name.indexOf('('))))].sort();
    expect(covered).toEqual(functions);
  });

  it('throws a crm-kit INVALID_ARGUMENT or INVALID_NAME_FORMAT error or returns a result for null, undefined, numbers, symbols, arrays and objects: never a raw TypeError', () => {
    const problems = CALLS.flatMap((call) => JUNK.map((junk) => problemOf(call, junk))).filter((found) => found !== undefined);
    expect(problems).toEqual([]);
  });

  it('throws a crm-kit error or returns a result for any value at all', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true }), (junk) => {
        expect(CALLS.map((call) => problemOf(call, junk)).filter((found) => found !== undefined)).toEqual([]);
      }),
    );
  });

  it('formatPersonName(null, format), formatPersonName(person, null) and splitFullName(undefined, format) throw crm-kit errors', () => {
    expect(isCrmError(thrown(() => formatPersonName(null as never, NAME_FORMATS.firstLast)), 'INVALID_ARGUMENT')).toBe(true);
    expect(isCrmError(thrown(() => formatPersonName({ firstName: 'Ana' }, null as never)), 'INVALID_NAME_FORMAT')).toBe(true);
    expect(isCrmError(thrown(() => splitFullName(undefined as never, NAME_FORMATS.firstLast)), 'INVALID_ARGUMENT')).toBe(true);
  });

  it.each([undefined, null, 0, Number.NaN, 12n, true, Symbol('junk'), () => 'Ana', [], ['Ana'], [{ firstName: 'Ana' }]])(
    'a person that is not an object, or is an array, throws INVALID_ARGUMENT: %s',
    (junk) => {
      expect(isCrmError(thrown(() => formatPersonName(junk as never, NAME_FORMATS.firstLast)), 'INVALID_ARGUMENT')).toBe(true);
    },
  );

  it('the format is checked before the person or the text', () => {
    expect(isCrmError(thrown(() => formatPersonName(null as never, null as never)), 'INVALID_NAME_FORMAT')).toBe(true);
    expect(isCrmError(thrown(() => splitFullName(null as never, null as never)), 'INVALID_NAME_FORMAT')).toBe(true);
  });
});
