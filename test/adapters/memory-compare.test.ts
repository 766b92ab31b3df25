import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldAccess, SortValue } from '../../src/adapters/memory/_internal/values.js';
import {
  compareSortValues,
  elementsOf,
  isSortValue,
  orderOf,
  parseField,
  readField,
  sameValue,
  sortValueOf,
} from '../../src/adapters/memory/_internal/values.js';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { codeOf } from '../support/errors.js';
import { idsOf, row } from './memory-fixtures.js';

// How the memory store reads, compares and orders the values it holds: the rules its filters and
// sort keys are made of, tested one function at a time.

const money = (amount: unknown, currency: unknown = 'EUR'): Readonly<Record<string, unknown>> => ({ amount, currency });
const custom = (code: string): FieldAccess => parseField(`custom.${code}`);
/** -1, 0 or 1 (never -0), or `undefined`. */
const sign = (order: number | undefined): number | undefined => (order === undefined ? undefined : Math.sign(order) + 0);

describe('memory store: field names', () => {
  it('reads a standard field, a multi-field and a custom field', () => {
    expect(parseField('firstName')).toEqual({ field: 'firstName', custom: false, key: 'firstName', multi: false });
    expect(parseField('custom.tier')).toEqual({ field: 'custom.tier', custom: true, key: 'tier', multi: false });
    for (const field of ['phones', 'emails', 'websites', 'messengers']) expect(parseField(field).multi).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a field that is not text', 3],
    ['a list holding a field name', ['custom.tier']],
    ['the custom bag itself', 'custom'],
    ['a code starting with a digit', '1name'],
    ['a code with a dash at its end', 'name-'],
    ['a nested path', 'revenue.amount'],
    ['text before custom', 'xcustom.tier'],
    ['a custom code followed by more', 'custom.tier-x'],
    ['a custom code of 64 characters', `custom.${'a'.repeat(64)}`],
    ['a custom code with a capital', 'custom.Tier'],
  ])('refuses %s with INVALID_ARGUMENT', (_what, field) => {
    expect(codeOf(() => parseField(field))).toBe('INVALID_ARGUMENT');
  });

  it('reads own properties only, and custom values only from a custom object', () => {
    expect(readField({}, parseField('toString'))).toBeUndefined();
    expect(readField({ custom: { tier: 'gold' } }, custom('tier'))).toBe('gold');
    expect(readField({ tier: 'gold' }, custom('tier'))).toBeUndefined();
    expect(readField({ custom: null }, custom('tier'))).toBeUndefined();
    expect(readField({ custom: 'abc' }, custom('length'))).toBeUndefined();
    expect(readField(Object.create({ custom: { tier: 'gold' } }) as Record<string, unknown>, custom('tier'))).toBeUndefined();
  });

  it('takes the element values of a multi-field, and a plain list as it is', () => {
    expect(elementsOf(null, custom('tags'))).toEqual([]);
    expect(elementsOf(undefined, custom('tags'))).toEqual([]);
    expect(elementsOf('one', custom('tags'))).toEqual(['one']);
    expect(elementsOf([money('1'), 'two'], custom('tags'))).toEqual([money('1'), 'two']);
    expect(elementsOf([{ value: '+1', kind: 'work' }, 'bare'], parseField('phones'))).toEqual(['+1', 'bare']);
  });
});

describe('memory store: equality and order of values', () => {
  it('holds text, numbers and booleans equal only to themselves', () => {
    expect(sameValue('a', 'a')).toBe(true);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(true, true)).toBe(true);
    expect(sameValue({}, {})).toBe(false);
  });

  it('holds money equal by currency and amount, never to what is not money', () => {
    expect(sameValue(money('1.50'), money('1.5'))).toBe(true);
    expect(sameValue(money('1.5'), money('1.5', 'USD'))).toBe(false);
    expect(sameValue(money('1'), money(1))).toBe(false);
    expect(sameValue(money('1'), '1')).toBe(false);
    expect(sameValue(money(1), money(1))).toBe(false);
  });

  it.each<[string, unknown, unknown, number | undefined]>([
    ['numbers', 2, 10, -1],
    ['texts by code units', 'b', 'a', 1],
    ['instants', new Date(5), new Date(5), 0],
    ['money of one currency', money('10'), money('9.99'), 1],
    ['text and a number: not comparable', 'a', 1, undefined],
    ['a number and text: not comparable', 1, 'a', undefined],
    ['a Date and a number: not comparable', new Date(1), 1, undefined],
    ['a number and a Date: not comparable', 1, new Date(1), undefined],
    ['money of two currencies: not comparable', money('1'), money('1', 'USD'), undefined],
    ['money and an object that is not money: not comparable', money('1'), money('x1'), undefined],
    ['an object that is not money and money: not comparable', money('1x'), money('1'), undefined],
    ['an amount that is a number: not money', money(1), money('1'), undefined],
    ['a currency that is a number: not money', money('1', 978), money('1', 978), undefined],
  ])('orders %s', (_what, a, b, expected) => {
    expect(sign(orderOf(a, b))).toBe(expected);
  });

  it.each<[string, string, string, number]>([
    ['a negative amount before a positive one', '-1', '1', -1],
    ['a negative amount before a larger positive one', '-1', '2', -1],
    ['a positive amount after a negative one', '2', '-1', 1],
    ['two negative amounts by magnitude, reversed', '-1', '-2', 1],
    ['negative amounts with leading zeros', '-01', '-1', 0],
    ['negative zero as zero', '-0', '0', 0],
    ['zero as negative zero', '0', '-0', 0],
    ['zero as negative zero with decimals', '0', '-0.00', 0],
    ['zero as negative zero written with more zeros', '0', '-00', 0],
    ['a positive amount after negative zero', '0.5', '-0.0', 1],
    ['nothing as leading zeros', '7', '007', 0],
    ['negative zero with decimals as zero', '-0.00', '0', 0],
    ['negative zeros written with more zeros as zero', '-00', '0', 0],
    ['negative zero before a positive amount', '-0.0', '0.5', -1],
    ['leading zeros as nothing', '007', '7', 0],
    ['more whole digits as larger', '10', '9', 1],
    ['whole digits before decimals', '2.1', '1.5', 1],
    ['decimals when the whole part is equal', '1.5', '1.2', 1],
    ['missing decimals as zeros', '1', '1.0', 0],
    ['missing decimals below present ones', '1', '1.5', -1],
    ['trailing zeros as nothing', '0.10', '0.1', 0],
    ['decimals digit by digit', '1.05', '1.005', 1],
  ])('orders money amounts: %s', (_what, a, b, expected) => {
    expect(sign(orderOf(money(a), money(b)))).toBe(expected);
  });

  it('orders money amounts as the numbers they write', () => {
    const amount = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,4}$/), fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }))
      .map(([negative, whole, decimals]) => `${negative ? '-' : ''}${whole}${decimals === undefined ? '' : `.${decimals}`}`);
    const scaled = (text: string): bigint => {
      const [whole = '', decimals = ''] = text.replace('-', '').split('.');
      const value = BigInt(whole + decimals.padEnd(4, '0'));
      return text.startsWith('-') ? -value : value;
    };
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        const expected = scaled(a) < scaled(b) ? -1 : scaled(a) > scaled(b) ? 1 : 0;
        expect(sign(orderOf(money(a), money(b)))).toBe(expected);
        expect(sameValue(money(a), money(b))).toBe(expected === 0);
      }),
    );
  });
});

describe('memory store: sort values', () => {
  it.each<[string, unknown, SortValue]>([
    ['a number', 3, ['n', 3]],
    ['a number that is not finite', Number.POSITIVE_INFINITY, ['o', 'Infinity']],
    ['text', 'a', ['s', 'a']],
    ['true', true, ['b', 1]],
    ['false', false, ['b', 0]],
    ['a Date', new Date(7), ['d', 7]],
    ['an invalid Date', new Date(Number.NaN), ['o', 'Invalid Date']],
    ['money', money('1.50'), ['m', 'EUR', '1.50']],
    ['an object that is not money', { a: 1 }, ['o', '{"a":1}']],
    ['an amount that is a number', money(1), ['o', '{"amount":1,"currency":"EUR"}']],
    ['a currency that is a number', money('1', 978), ['o', '{"amount":"1","currency":978}']],
    ['an amount with text after it', money('1x'), ['o', '{"amount":"1x","currency":"EUR"}']],
    ['an amount with text before it', money('x1'), ['o', '{"amount":"x1","currency":"EUR"}']],
    ['a list, by its first element', [2, 1], ['n', 2]],
    ['a list whose first element is null', [null, 1], null],
    ['an empty list', [], null],
    ['null', null, null],
    ['nothing', undefined, null],
  ])('of %s', (_what, raw, expected) => {
    expect(sortValueOf(raw, custom('value'))).toEqual(expected);
  });

  it('takes a multi-field by the value of its first element', () => {
    expect(sortValueOf([{ value: '+2', kind: 'work' }, { value: '+1', kind: 'home' }], parseField('phones'))).toEqual(['s', '+2']);
  });

  it.each<[string, unknown, boolean]>([
    ['null', null, true],
    ['text', 'n', false],
    ['text that looks like a text sort value', 's1', false],
    ['an object', { 0: 's', 1: 'a', length: 2 }, false],
    ['a number', ['n', 1.5], true],
    ['an instant', ['d', -5], true],
    ['a boolean', ['b', 0], true],
    ['text', ['s', ''], true],
    ['another value', ['o', '{}'], true],
    ['money', ['m', 'EUR', '-1.25'], true],
    ['a number that is text', ['n', '1'], false],
    ['a number with a part more', ['n', 1, 2], false],
    ['text with a part more', ['s', 'a', 'b'], false],
    ['another value that is a number', ['o', 1], false],
    ['money without an amount', ['m', 'EUR'], false],
    ['money with a number currency', ['m', 1, '1'], false],
    ['money with a number amount', ['m', 'EUR', 1], false],
    ['money with an amount of text', ['m', 'EUR', '1x'], false],
    ['money with an amount after text', ['m', 'EUR', 'x1'], false],
    ['money with two whole digits', ['m', 'EUR', '12'], true],
    ['money with two decimals', ['m', 'EUR', '1.25'], true],
    ['money with a point and no decimals', ['m', 'EUR', '1.'], false],
    ['an unknown kind', ['x', 1], false],
  ])('takes %s as a sort value: %s', (_what, value, expected) => {
    expect(isSortValue(value)).toBe(expected);
  });

  it('orders kinds as numbers, instants, text, booleans, money, others, whatever they hold', () => {
    const values: NonNullable<SortValue>[] = [['n', 100], ['d', 1], ['s', '0'], ['b', 0], ['m', 'AAA', '0'], ['o', '0']];
    for (const [i, a] of values.entries()) {
      for (const [j, b] of values.entries()) expect(sign(compareSortValues(a, b))).toBe(sign(i - j));
    }
  });

  it('orders numbers as numbers, texts by code units, and money by currency then amount', () => {
    expect(compareSortValues(['n', 10], ['n', 9])).toBeGreaterThan(0);
    expect(compareSortValues(['d', 9], ['d', 10])).toBeLessThan(0);
    expect(compareSortValues(['s', 'B'], ['s', 'a'])).toBeLessThan(0);
    expect(compareSortValues(['m', 'EUR', '10'], ['m', 'USD', '1'])).toBeLessThan(0);
    expect(compareSortValues(['m', 'EUR', '10'], ['m', 'EUR', '9.5'])).toBeGreaterThan(0);
    expect(compareSortValues(['m', 'EUR', '1.0'], ['m', 'EUR', '1'])).toBe(0);
  });

  it('sorts records holding values of different kinds in that order, both ways, missing values last', async () => {
    const contacts = createMemoryStore().repository('contact');
    const values: readonly unknown[] = [{ x: 1 }, money('0'), false, 'a', new Date(1), 100];
    for (const [index, value] of values.entries()) await contacts.insert(row(`k${index}`, {}, { value }));
    await contacts.insert(row('k9'));
    expect(idsOf((await contacts.find({ sort: [{ field: 'custom.value', direction: 'asc' }] })).items)).toEqual(['k5', 'k4', 'k3', 'k2', 'k1', 'k0', 'k9']);
    expect(idsOf((await contacts.find({ sort: [{ field: 'custom.value', direction: 'desc' }] })).items)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k9']);
  });
});
