import { describe, expect, it } from 'vitest';
import {
  activityInputSchema,
  computeProductRow,
  computeProductRowsTotal,
  contactInputSchema,
  createFieldRegistry,
  dealInputSchema,
  dealPatchSchema,
  ENTITY_TYPES,
  entitySchema,
  isCrmError,
  money,
  productRowSchema,
  validateEntity,
} from 'crm-kit';
import type { CrmErrorCode, EntityType, FieldRegistry, Issue, Principal, ProductRow, RecordForm } from 'crm-kit';
import { INPUT, STORED } from './fixtures.js';

const registries = Object.fromEntries(ENTITY_TYPES.map((type) => [type, createFieldRegistry(type)])) as unknown as Readonly<
  Record<EntityType, FieldRegistry>
>;

function issuesOf(type: EntityType, form: RecordForm, value: unknown, principal?: Principal): readonly Issue[] {
  const result = validateEntity(registries[type], form, value, principal === undefined ? undefined : { principal });
  return result.success ? [] : result.issues;
}

function thrown(run: () => unknown): { readonly code: CrmErrorCode | 'no error'; readonly message: string } {
  try {
    run();
    return { code: 'no error', message: '' };
  } catch (error) {
    if (!isCrmError(error)) throw error;
    return { code: error.code, message: error.message };
  }
}

/** `Object.assign` copies a parsed `"__proto__"` key by setting the target's prototype. */
const withPollutedPrototype = (inherited: object): object => Object.assign({}, JSON.parse(`{"__proto__": ${JSON.stringify(inherited)}}`)) as object;

const FORMS = ['input', 'patch', 'stored'] as const;
const eur = (amount: string) => money(amount, 'EUR');
const row: ProductRow = { name: 'Laptop', price: eur('1000.00'), quantity: '2', discount: { rate: '10' }, taxRate: '21' };

describe('entity schemas read plain records only, never a key from a prototype', () => {
  it('a polluted-prototype helper really makes an object whose prototype carries the keys', () => {
    const crafted = withPollutedPrototype({ assignedById: 'u-evil' }) as { assignedById?: unknown };
    expect(Object.keys(crafted)).toEqual([]);
    expect(crafted.assignedById).toBe('u-evil');
  });

  it('validateEntity refuses a patch whose assignedById is inherited (Object.create)', () => {
    const result = validateEntity(registries.deal, 'patch', Object.create({ assignedById: 'u-evil' }));
    expect(result.success).toBe(false);
    expect(dealPatchSchema.safeParse(Object.create({ assignedById: 'u-evil' })).success).toBe(false);
  });

  it('every form of every entity refuses a valid record offered through a prototype', () => {
    for (const type of ENTITY_TYPES) {
      for (const form of FORMS) {
        const valid = form === 'stored' ? STORED[type] : INPUT[type];
        expect(issuesOf(type, form, valid), `${type} ${form}`).toEqual([]);
        for (const crafted of [Object.create(valid) as object, withPollutedPrototype(valid)]) {
          const issues = issuesOf(type, form, crafted);
          expect(issues.map((found) => [found.code, ...found.path]), `${type} ${form}`).toEqual([['INVALID_VALUE']]);
        }
      }
    }
  });

  it('every form of every entity refuses a record whose prototype adds a key it would accept', () => {
    for (const type of ENTITY_TYPES) {
      for (const form of FORMS) {
        const valid = form === 'stored' ? STORED[type] : INPUT[type];
        const crafted = Object.assign(Object.create({ assignedById: 'u-evil' }) as object, valid);
        expect(issuesOf(type, form, crafted).length, `${type} ${form}`).toBeGreaterThan(0);
      }
    }
  });

  it('a parsed "__proto__" key that stays an own key is an unknown field, never the prototype', () => {
    const parsed: unknown = JSON.parse('{"title": "Acme", "__proto__": {"assignedById": "u-evil"}}');
    expect(issuesOf('company', 'patch', parsed).map((found) => [found.code, ...found.path])).toEqual([['UNKNOWN_FIELD', '__proto__']]);
  });

  it('prototype-free records (Object.create(null)) are plain and accepted', () => {
    const bare = Object.assign(Object.create(null) as object, { title: 'Acme' });
    expect(issuesOf('company', 'input', bare)).toEqual([]);
  });

  it('nested objects (multi-field values, address, money, product rows, discounts, communications, bindings) are plain records only', () => {
    const phone = { value: '+34 600 123 456', kind: 'mobile' };
    const link = { entityType: 'deal', id: 'd-1' };
    const nested: readonly (readonly [EntityType, (inner: (value: object) => object) => Record<string, unknown>])[] = [
      ['contact', (inner) => ({ phones: [inner(phone)] })],
      ['contact', (inner) => ({ emails: [inner({ value: 'ana@example.com', kind: 'work' })] })],
      ['contact', (inner) => ({ websites: [inner({ value: 'https://example.com', kind: 'work' })] })],
      ['contact', (inner) => ({ messengers: [inner({ value: '@ana', kind: 'telegram' })] })],
      ['contact', (inner) => ({ address: inner({ city: 'Madrid', countryCode: 'ES' }) })],
      ['lead', (inner) => ({ amount: inner({ amount: '10', currency: 'EUR' }) })],
      ['deal', (inner) => ({ title: 'x', amount: inner({ amount: '10', currency: 'EUR' }) })],
      ['deal', (inner) => ({ title: 'x', productRows: [inner(row)] })],
      ['deal', (inner) => ({ title: 'x', productRows: [{ ...row, price: inner({ amount: '10', currency: 'EUR' }) }] })],
      ['deal', (inner) => ({ title: 'x', productRows: [{ ...row, discount: inner({ rate: '10' }) }] })],
      ['invoice', (inner) => ({ productRows: [{ ...row, discount: inner({ amount: { amount: '1', currency: 'EUR' } }) }] })],
      ['quote', (inner) => ({ taxAmount: inner({ amount: '1', currency: 'EUR' }) })],
      ['activity', (inner) => ({ type: 'call', subject: 'x', bindings: [inner(link)] })],
      ['activity', (inner) => ({ type: 'call', subject: 'x', communications: [inner({ channel: 'phone', value: '+34 600 123 456' })] })],
      ['activity', (inner) => ({ type: 'call', subject: 'x', communications: [{ channel: 'phone', value: '+34 600', entity: inner(link) }] })],
      ['company', (inner) => ({ title: 'x', custom: inner({}) })],
    ];
    for (const [type, build] of nested) {
      expect(issuesOf(type, 'input', build((value) => ({ ...value }))), `${type} plain`).toEqual([]);
      for (const craft of [(value: object) => Object.create(value) as object, withPollutedPrototype]) {
        const issues = issuesOf(type, 'input', build(craft));
        expect(issues.length, type).toBeGreaterThan(0);
        expect(issues.every((found) => found.code === 'INVALID_VALUE' && found.path.length > 0)).toBe(true);
      }
    }
  });

  it('the static schemas refuse crafted prototypes too, at the top and nested', () => {
    expect(dealInputSchema.safeParse(Object.create({ title: 'x' })).success).toBe(false);
    expect(contactInputSchema.safeParse({ phones: [Object.create({ value: '+34 600 123 456', kind: 'mobile' })] }).success).toBe(false);
    expect(activityInputSchema.safeParse({ type: 'call', subject: 'x', bindings: [withPollutedPrototype({ entityType: 'deal', id: '1' })] }).success).toBe(false);
    expect(productRowSchema.safeParse(Object.create(row)).success).toBe(false);
    expect(productRowSchema.safeParse({ ...row, discount: Object.create({ rate: '10' }) as object }).success).toBe(false);
  });

  it('a missing nested object is still REQUIRED, not a prototype issue', () => {
    const { price: _dropped, ...priceless } = row;
    const issues = issuesOf('deal', 'input', { title: 'x', productRows: [priceless] });
    expect(issues.map((found) => [found.code, ...found.path])).toEqual([['REQUIRED', 'productRows', 0, 'price']]);
  });
});

describe('a required custom field the person cannot see', () => {
  const deals = createFieldRegistry('deal', {
    customFields: [
      { type: 'integer', code: 'seats', labels: { en: 'Seats' }, required: true },
      {
        type: 'number',
        code: 'margin',
        labels: { en: 'Margin' },
        required: true,
        visibility: { restrictedTo: { roleIds: ['finance'] } },
      },
    ],
  });
  const ana: Principal = { userId: 'u-ana', roleIds: ['sales'], departmentIds: [], isAdmin: false };
  const bea: Principal = { userId: 'u-bea', roleIds: ['finance'], departmentIds: [], isAdmin: false };
  const admin: Principal = { userId: 'u-root', roleIds: [], departmentIds: [], isAdmin: true };
  const codes = (principal?: Principal): unknown[] => {
    const result = validateEntity(deals, 'input', { title: 'x', custom: { seats: 2 } }, principal === undefined ? undefined : { principal });
    return result.success ? [] : result.issues.map((found) => [found.code, ...found.path]);
  };

  it('is REQUIRED of someone who sees it', () => {
    expect(codes(bea)).toEqual([['REQUIRED', 'custom', 'margin']]);
    expect(codes(admin)).toEqual([['REQUIRED', 'custom', 'margin']]);
    expect(codes()).toEqual([['REQUIRED', 'custom', 'margin']]);
  });

  it('is not REQUIRED of someone who does not see it, and their record is created without it', () => {
    expect(codes(ana)).toEqual([]);
    const result = validateEntity(deals, 'input', { title: 'x', custom: { seats: 2 } }, { principal: ana });
    expect(result.success && Object.keys(result.data.custom ?? {})).toEqual(['seats']);
  });

  it('still requires the fields that person does see', () => {
    const result = validateEntity(deals, 'input', { title: 'x' }, { principal: ana });
    expect(result.success ? [] : result.issues.map((found) => [found.code, ...found.path])).toEqual([['REQUIRED', 'custom', 'seats']]);
  });

  it('is cached per registry, form and set of hidden fields', () => {
    const carl: Principal = { ...ana, userId: 'u-carl' };
    expect(entitySchema(deals, 'input', { principal: ana })).toBe(entitySchema(deals, 'input', { principal: carl }));
    expect(entitySchema(deals, 'input', { principal: bea })).toBe(entitySchema(deals, 'input'));
    expect(entitySchema(deals, 'input', { principal: ana })).not.toBe(entitySchema(deals, 'input'));
    expect(entitySchema(deals, 'patch', { principal: ana })).not.toBe(entitySchema(deals, 'input', { principal: ana }));
  });

  it('refuses options that are not a plain object and a malformed principal (INVALID_ARGUMENT)', () => {
    expect(thrown(() => entitySchema(deals, 'input', 'ana' as never)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => entitySchema(deals, 'input', Object.create({ principal: ana }) as never)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => entitySchema(deals, 'input', { principal: { userId: 'u-x' } as never })).code).toBe('INVALID_ARGUMENT');
  });

  it('works for a registry read back from JSON', () => {
    const stored: unknown = JSON.parse(JSON.stringify(deals));
    const result = validateEntity(stored as typeof deals, 'input', { title: 'x', custom: { seats: 2 } }, { principal: ana });
    expect(result.success).toBe(true);
  });
});

describe('product-row totals', () => {
  const secret = 'SECRET_VALUE_123';

  it('check each row shape before its currency, and messages never contain input text', () => {
    const rows: readonly unknown[] = [
      { name: 'x', price: { amount: '1', currency: secret }, quantity: '1' },
      { name: 'x', price: { amount: secret, currency: 'EUR' }, quantity: '1' },
      { name: 'x', price: eur('1'), quantity: secret },
      { name: 'x', price: eur('1'), quantity: '1', [secret]: 1 },
      { name: 'x', price: eur('1'), quantity: '1', discount: { amount: { amount: '1', currency: secret } } },
      { name: 'x', price: eur('1'), quantity: '1', unit: secret.repeat(5) },
    ];
    for (const given of rows) {
      const { code, message } = thrown(() => computeProductRowsTotal([given as ProductRow], 'EUR'));
      expect(code).toBe('VALIDATION_FAILED');
      expect(message).not.toContain(secret);
      expect(thrown(() => computeProductRow(given as ProductRow)).message).not.toContain(secret);
    }
  });

  it('a row in another known currency is CURRENCY_MISMATCH, and the message names neither currency', () => {
    const dollars = { ...row, price: money('1000', 'USD') };
    const { code, message } = thrown(() => computeProductRowsTotal([dollars], 'EUR'));
    expect(code).toBe('CURRENCY_MISMATCH');
    expect(message).not.toMatch(/USD|EUR/);
    const discounted = thrown(() => computeProductRow({ ...row, discount: { amount: money('1', 'GBP') } }));
    expect(discounted.code).toBe('CURRENCY_MISMATCH');
    expect(discounted.message).not.toMatch(/GBP|EUR/);
  });

  it('a row offered through a prototype is refused before anything is read from it', () => {
    expect(thrown(() => computeProductRowsTotal([Object.create(row) as ProductRow], 'EUR')).code).toBe('VALIDATION_FAILED');
    expect(thrown(() => computeProductRowsTotal([Object.create({ ...row, price: money('1', 'USD') }) as ProductRow], 'EUR')).code).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('a product-row tax rate', () => {
  const price = { amount: '50', currency: 'EUR' };

  it('is a decimal from 0 to 1000 %', () => {
    for (const taxRate of ['0', '21', '7.5', '1000', '1000.000']) {
      expect(productRowSchema.safeParse({ name: 'x', price, quantity: '1', taxRate }).success, taxRate).toBe(true);
    }
    for (const taxRate of ['1000.01', '1001', '100000000000000000000000000000', '1e30', '-1', '21%', ' 21', '']) {
      expect(productRowSchema.safeParse({ name: 'x', price, quantity: '1', taxRate }).success, taxRate).toBe(false);
    }
  });

  it('above 1000 % is refused by the totals with VALIDATION_FAILED at taxRate', () => {
    expect(computeProductRow({ name: 'x', price: eur('1.00'), quantity: '1', taxRate: '1000' }).tax).toEqual(eur('10.00'));
    const result = validateEntity(registries.deal, 'input', { title: 'x', productRows: [{ ...row, taxRate: '1000000000000000000000000000000' }] });
    expect(result.success ? [] : result.issues.map((found) => [found.code, ...found.path])).toEqual([['INVALID_VALUE', 'productRows', 0, 'taxRate']]);
    expect(thrown(() => computeProductRow({ ...row, taxRate: '100000000000000000000000000000' })).code).toBe('VALIDATION_FAILED');
  });
});

describe('money in entities uses the money schema of fields', () => {
  it('is written canonically and accepts plain objects only', () => {
    expect(dealInputSchema.parse({ title: 'x', amount: { amount: '1500', currency: 'EUR' } }).amount).toEqual({ amount: '1500.00', currency: 'EUR' });
    expect(dealInputSchema.safeParse({ title: 'x', amount: Object.create({ amount: '1', currency: 'EUR' }) as object }).success).toBe(false);
    expect(dealInputSchema.safeParse({ title: 'x', amount: { amount: 1, currency: 'EUR' } }).success).toBe(false);
    expect(dealInputSchema.safeParse({ title: 'x', amount: { amount: '1', currency: 'EUR', note: 'x' } }).success).toBe(false);
  });
});
