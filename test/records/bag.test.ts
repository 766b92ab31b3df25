import { describe, expect, it } from 'vitest';
import { sameValue } from '../../src/kernel/index.js';
import { bagOf, copyBag } from '../../src/records/_internal/bag.js';

// The planners' internal record helpers, tested directly: through the planners, sameValue only
// ever compares the primitives and Dates of a move's patch.
describe('records/_internal/bag', () => {
  it('sameValue compares Dates by their instant and anything else that is not an object by identity', () => {
    expect(sameValue(new Date('2026-03-02T10:00:00Z'), new Date('2026-03-02T10:00:00Z'))).toBe(true);
    expect(sameValue(new Date('2026-03-02T10:00:00Z'), new Date('2026-03-02T10:00:01Z'))).toBe(false);
    expect(sameValue(new Date('2026-03-02T10:00:00Z'), undefined)).toBe(false);
    expect(sameValue(undefined, new Date('2026-03-02T10:00:00Z'))).toBe(false);
    expect(sameValue(new Date(0), 0)).toBe(false);
    expect(sameValue(new Date(0), {})).toBe(false);
    expect([sameValue('a', 'a'), sameValue(1, '1'), sameValue(Number.NaN, Number.NaN), sameValue(null, undefined)]).toEqual([true, false, true, false]);
  });

  it('sameValue compares lists and objects by their contents, a list never equal to an object', () => {
    expect(sameValue(['a', { b: [1] }], ['a', { b: [1] }])).toBe(true);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameValue(['a', 'b'], ['a'])).toBe(false);
    expect(sameValue({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameValue({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue({ 0: 'a' }, ['a'])).toBe(false);
    expect(sameValue(['a'], { 0: 'a' })).toBe(false);
    expect(sameValue({}, null)).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue({}, 'x')).toBe(false);
    expect(sameValue('x', {})).toBe(false);
    expect(sameValue({ at: new Date(5) }, { at: new Date(5) })).toBe(true);
    expect(sameValue({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
    // Text is not a list of its characters.
    expect(sameValue('a', { 0: 'a' })).toBe(false);
    expect(sameValue({ 0: 'a' }, 'a')).toBe(false);
  });

  it('bagOf and copyBag keep a __proto__ key as an ordinary own key, never as the prototype', () => {
    const value = { isAdmin: true };
    for (const bag of [bagOf([['__proto__', value], ['a', 1]]), copyBag(JSON.parse('{"__proto__": {"isAdmin": true}, "a": 1}') as Record<string, unknown>)]) {
      expect(Object.getPrototypeOf(bag)).toBe(Object.prototype);
      expect(Object.keys(bag)).toEqual(['__proto__', 'a']);
      expect(Object.getOwnPropertyDescriptor(bag, '__proto__')).toMatchObject({ value: { isAdmin: true }, enumerable: true, writable: true, configurable: true });
    }
  });
});
