import { carryCustomValues, createFieldRegistry } from 'crm-kit';
import type { CustomValues, FieldDefinition, Principal } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { JUNK } from '../support/junk.js';
import { codeOf } from '../support/errors.js';
import { field, plain } from './fixtures.js';

const ANA: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
const FINANCE: Principal = { ...ANA, roleIds: ['finance'] };
const ADMIN: Principal = { userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true };
const FINANCE_ONLY = { restrictedTo: { roleIds: ['finance'] } };
const TIERS = [
  { id: 'GOLD', labels: { en: 'Gold' } },
  { id: 'SILVER', labels: { en: 'Silver' } },
];

const leads = (...customFields: FieldDefinition[]) => createFieldRegistry('lead', { customFields });
const deals = (...customFields: FieldDefinition[]) => createFieldRegistry('deal', { customFields });

describe('carryCustomValues', () => {
  it('carries a value into the field with the same code and type, as it is', () => {
    const seats = field({ type: 'integer', code: 'seats' });
    const carried = carryCustomValues(leads(seats), deals(seats), ANA, { seats: 20 });
    expect(plain(carried.custom)).toEqual({ seats: 20 });
    expect(carried.notCarried).toEqual([]);
  });

  it('a value of a field the source registry does not define is unknown-source-field', () => {
    const carried = carryCustomValues(leads(), deals(field({ type: 'string', code: 'ghost' })), ANA, { ghost: 'x' });
    expect(plain(carried.custom)).toEqual({});
    expect(carried.notCarried).toEqual([{ code: 'ghost', reason: 'unknown-source-field' }]);
  });

  it('a target without a field of that code is no-target-field', () => {
    const carried = carryCustomValues(leads(field({ type: 'string', code: 'budget' })), deals(), ANA, { budget: '10k' });
    expect(carried.notCarried).toEqual([{ code: 'budget', reason: 'no-target-field' }]);
  });

  it('a field the person cannot see on either side is not-visible; one who sees both sides carries it', () => {
    const secret = field({ type: 'string', code: 'secret', visibility: FINANCE_ONLY });
    const open = field({ type: 'string', code: 'secret' });
    expect(carryCustomValues(leads(secret), deals(open), ANA, { secret: 'x' }).notCarried).toEqual([{ code: 'secret', reason: 'not-visible' }]);
    expect(carryCustomValues(leads(open), deals(secret), ANA, { secret: 'x' }).notCarried).toEqual([{ code: 'secret', reason: 'not-visible' }]);
    for (const who of [FINANCE, ADMIN]) expect(plain(carryCustomValues(leads(secret), deals(secret), who, { secret: 'x' }).custom)).toEqual({ secret: 'x' });
  });

  it('fields of different types are type-mismatch, even when the value would fit', () => {
    const carried = carryCustomValues(leads(field({ type: 'string', code: 'size' })), deals(field({ type: 'integer', code: 'size' })), ANA, { size: '12' });
    expect(carried.notCarried).toEqual([{ code: 'size', reason: 'type-mismatch' }]);
  });

  it('a list never goes into a single-value field: multiple-into-single, even with one element', () => {
    const carried = carryCustomValues(
      leads(field({ type: 'string', code: 'tags', multiple: true })),
      deals(field({ type: 'string', code: 'tags' })),
      ANA,
      { tags: ['one'] },
    );
    expect(carried.notCarried).toEqual([{ code: 'tags', reason: 'multiple-into-single' }]);
  });

  it('a single value goes into a multiple field as a one-element list; a list into a multiple field as it is', () => {
    const carried = carryCustomValues(
      leads(field({ type: 'string', code: 'channel' }), field({ type: 'string', code: 'tags', multiple: true })),
      deals(field({ type: 'string', code: 'channel', multiple: true }), field({ type: 'string', code: 'tags', multiple: true })),
      ANA,
      { channel: 'ads', tags: ['a', 'b'] },
    );
    expect(plain(carried.custom)).toEqual({ channel: ['ads'], tags: ['a', 'b'] });
    expect(carried.notCarried).toEqual([]);
  });

  it("a value the target's settings refuse is value-not-accepted: options, lengths, ranges, each element of a list", () => {
    const from = leads(
      field({ type: 'enumeration', code: 'tier', options: TIERS }),
      field({ type: 'string', code: 'note' }),
      field({ type: 'integer', code: 'seats' }),
      field({ type: 'string', code: 'tags', multiple: true }),
    );
    const to = deals(
      field({ type: 'enumeration', code: 'tier', options: TIERS.slice(0, 1) }),
      field({ type: 'string', code: 'note', maxLength: 3 }),
      field({ type: 'integer', code: 'seats', max: 100 }),
      field({ type: 'string', code: 'tags', multiple: true, maxLength: 3 }),
    );
    const refused = carryCustomValues(from, to, ANA, { tier: 'SILVER', note: 'long note', seats: 500, tags: ['ok', 'too long'] });
    expect(plain(refused.custom)).toEqual({});
    expect(refused.notCarried).toEqual([
      { code: 'tier', reason: 'value-not-accepted' },
      { code: 'note', reason: 'value-not-accepted' },
      { code: 'seats', reason: 'value-not-accepted' },
      { code: 'tags', reason: 'value-not-accepted' },
    ]);
    const accepted = carryCustomValues(from, to, ANA, { tier: 'GOLD', note: 'ok', seats: 100, tags: ['ok', 'yes'] });
    expect(plain(accepted.custom)).toEqual({ tier: 'GOLD', note: 'ok', seats: 100, tags: ['ok', 'yes'] });
  });

  it('empty values (undefined, null, blank text, empty lists) are skipped, not listed', () => {
    const definitions = [field({ type: 'string', code: 'a' }), field({ type: 'string', code: 'b' }), field({ type: 'string', code: 'c' }), field({ type: 'string', code: 'd', multiple: true })];
    const carried = carryCustomValues(leads(...definitions), deals(), ANA, { a: undefined, b: null, c: '   ', d: [] });
    expect(plain(carried.custom)).toEqual({});
    expect(carried.notCarried).toEqual([]);
  });

  it('a field hidden from the person is reported alike whatever its value holds: empty, refused or accepted', () => {
    const secret = field({ type: 'string', code: 'secret', visibility: FINANCE_ONLY, maxLength: 3 });
    for (const value of [null, '', 'ok', 'far too long']) {
      const carried = carryCustomValues(leads(secret), deals(secret), ANA, { secret: value });
      expect(carried).toEqual({ custom: {}, notCarried: [{ code: 'secret', reason: 'not-visible' }] });
    }
  });

  it('visibility is decided before the value is read: a hidden value is never read', () => {
    const secret = field({ type: 'string', code: 'secret', visibility: FINANCE_ONLY });
    let reads = 0;
    const values = { region: 'north' } as Record<string, unknown>;
    Object.defineProperty(values, 'secret', {
      enumerable: true,
      get: () => {
        reads += 1;
        return 'margin 40%';
      },
    });
    const carried = carryCustomValues(leads(secret, field({ type: 'string', code: 'region' })), deals(secret), ANA, values);
    expect(reads).toBe(0);
    expect(carried.notCarried).toEqual([
      { code: 'region', reason: 'no-target-field' },
      { code: 'secret', reason: 'not-visible' },
    ]);
    expect(JSON.stringify(carried)).not.toContain('margin');
  });

  it('lists the codes in the order of the values, with a reason and never the value', () => {
    const carried = carryCustomValues(leads(field({ type: 'string', code: 'b' }), field({ type: 'string', code: 'a' })), deals(), ANA, { b: 'value-b', a: 'value-a' });
    expect(carried.notCarried.map((dropped) => dropped.code)).toEqual(['b', 'a']);
    expect(JSON.stringify(carried.notCarried)).not.toContain('value-');
  });

  it('a __proto__ key in the values is listed like any unknown code, and pollutes nothing', () => {
    const polluted = JSON.parse('{"__proto__": {"x": 1}}') as CustomValues;
    const carried = carryCustomValues(leads(), deals(), ANA, polluted);
    expect(carried.notCarried).toEqual([{ code: '__proto__', reason: 'unknown-source-field' }]);
    expect(Object.getPrototypeOf(carried.custom)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('does not change the values given', () => {
    const values = { channel: 'ads' };
    carryCustomValues(leads(field({ type: 'string', code: 'channel' })), deals(field({ type: 'string', code: 'channel', multiple: true })), ANA, values);
    expect(values).toEqual({ channel: 'ads' });
  });

  it('values that are not a plain object, registries that are not registries and a malformed principal are INVALID_ARGUMENT errors', () => {
    for (const junk of [...JUNK.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date), new Map()]) {
      expect(codeOf(() => carryCustomValues(leads(), deals(), ANA, junk as CustomValues))).toBe('INVALID_ARGUMENT');
    }
    expect(codeOf(() => carryCustomValues({} as never, deals(), ANA, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => carryCustomValues(leads(), null as never, ANA, {}))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => carryCustomValues(leads(), deals(), { userId: 'u-1' } as Principal, {}))).toBe('INVALID_ARGUMENT');
  });
});
