import { describe, expect, it } from 'vitest';
import { activityInputSchema, activityPatchSchema, companyInputSchema, contactInputSchema, contactPatchSchema, createFieldRegistry, dealInputSchema, dealPatchSchema, emailValueSchema, ENTITY_TYPES, entitySchema, invoiceInputSchema, leadInputSchema, messengerValueSchema, money, phoneValueSchema, getPrimaryValue, productRowSchema, quoteInputSchema, SOURCES, validateEntity, websiteValueSchema } from 'crm-kit';
import type { EntityType, FieldRegistry, Issue, RecordForm } from 'crm-kit';
import { AT, INPUT, REQUIRED_ON_INPUT, STORED } from './fixtures.js';
import { codeOf } from '../support/errors.js';

const registries = new Map<EntityType, FieldRegistry>(ENTITY_TYPES.map((type) => [type, createFieldRegistry(type)]));
const registryOf = (type: EntityType): FieldRegistry => registries.get(type) ?? createFieldRegistry(type);

function issuesOf(type: EntityType, form: RecordForm, value: unknown): readonly Issue[] {
  const result = validateEntity(registryOf(type), form, value);
  return result.success ? [] : result.issues;
}
const codesOf = (type: EntityType, form: RecordForm, value: unknown): (string | number)[][] =>
  issuesOf(type, form, value).map((i) => [i.code, ...i.path]);


const FORMS: readonly RecordForm[] = ['input', 'patch', 'stored'];
const SMALLEST: Record<RecordForm, (type: EntityType) => Readonly<Record<string, unknown>>> = {
  input: (type) => INPUT[type],
  patch: () => ({}),
  stored: (type) => STORED[type],
};

describe('the three forms of every entity', () => {
  it.each(ENTITY_TYPES)('the smallest valid %s is accepted in every form', (type) => {
    for (const form of FORMS) expect(codesOf(type, form, SMALLEST[form](type))).toEqual([]);
  });

  it.each(ENTITY_TYPES)('an unknown key on a %s is refused as UNKNOWN_FIELD, one issue per key', (type) => {
    for (const form of FORMS) {
      expect(codesOf(type, form, { ...SMALLEST[form](type), nickname: 'x', colour: 'red' })).toEqual([
        ['UNKNOWN_FIELD', 'nickname'],
        ['UNKNOWN_FIELD', 'colour'],
      ]);
    }
  });

  it.each(ENTITY_TYPES)('a %s input cannot set what crm-kit maintains (id, version, timestamps, authors)', (type) => {
    const input = { ...INPUT[type], id: '1', version: 1, createdAt: AT, updatedAt: AT, createdById: 'u', updatedById: 'u' };
    expect(codesOf(type, 'input', input).map(([code, key]) => `${String(code)}:${String(key)}`)).toEqual([
      'UNKNOWN_FIELD:id',
      'UNKNOWN_FIELD:version',
      'UNKNOWN_FIELD:createdAt',
      'UNKNOWN_FIELD:updatedAt',
      'UNKNOWN_FIELD:createdById',
      'UNKNOWN_FIELD:updatedById',
    ]);
  });

  it.each(ENTITY_TYPES)('a stored %s has id, version, timestamps, authors, responsible person and custom values', (type) => {
    for (const key of ['id', 'version', 'createdAt', 'updatedAt', 'createdById', 'updatedById', 'assignedById', 'custom']) {
      const { [key]: _dropped, ...rest } = STORED[type];
      expect(codesOf(type, 'stored', rest)).toEqual([['REQUIRED', key]]);
    }
  });

  it.each(ENTITY_TYPES)('a %s input reports each missing required field as REQUIRED', (type) => {
    expect(codesOf(type, 'input', {})).toEqual(REQUIRED_ON_INPUT[type].map((key) => ['REQUIRED', key]));
  });

  it.each(ENTITY_TYPES)('a stored %s version is a whole number from 1', (type) => {
    for (const version of [0, -1, 1.5, '1', Number.NaN, 2 ** 60]) {
      expect(codesOf(type, 'stored', { ...STORED[type], version })).toEqual([['INVALID_VALUE', 'version']]);
    }
    expect(codesOf(type, 'stored', { ...STORED[type], version: 7 })).toEqual([]);
  });

  it.each(ENTITY_TYPES)('stored %s instants are valid Dates, never text', (type) => {
    for (const createdAt of ['2026-03-02T10:00:00Z', new Date('not a date'), 1772445600000]) {
      expect(codesOf(type, 'stored', { ...STORED[type], createdAt })).toEqual([['INVALID_VALUE', 'createdAt']]);
    }
  });

  it.each(ENTITY_TYPES)('a %s patch may be empty, and never holds a stored-only key', (type) => {
    expect(codesOf(type, 'patch', {})).toEqual([]);
    expect(codesOf(type, 'patch', { id: '9', version: 2 })).toEqual([
      ['UNKNOWN_FIELD', 'id'],
      ['UNKNOWN_FIELD', 'version'],
    ]);
  });

  it.each(ENTITY_TYPES)('the responsible person of a %s can be changed in a patch, never cleared', (type) => {
    expect(codesOf(type, 'patch', { assignedById: 'u-9' })).toEqual([]);
    expect(codesOf(type, 'patch', { assignedById: null })).toEqual([['REQUIRED', 'assignedById']]);
  });

  it('refuses a record that is not an object, and reports a missing one as REQUIRED', () => {
    for (const value of [null, 'contact', 42, []]) {
      expect(issuesOf('contact', 'input', value).map((i) => [i.code, ...i.path])).toEqual([['INVALID_VALUE']]);
    }
    expect(issuesOf('contact', 'input', undefined).map((i) => [i.code, ...i.path])).toEqual([['REQUIRED']]);
  });
});

describe('patches', () => {
  it('null clears a clearable field', () => {
    const patch = { position: null, phones: null, address: null, birthdate: null, companyIds: null };
    expect(contactPatchSchema.parse(patch)).toEqual(patch);
  });

  it('null on a field that can only be changed is REQUIRED ("cannot be cleared")', () => {
    expect(codesOf('company', 'patch', { title: null })).toEqual([['REQUIRED', 'title']]);
    expect(codesOf('deal', 'patch', { stageId: null, pipelineId: null, opened: null })).toEqual([
      ['REQUIRED', 'pipelineId'],
      ['REQUIRED', 'stageId'],
      ['REQUIRED', 'opened'],
    ]);
    expect(codesOf('lead', 'patch', { status: null })).toEqual([['REQUIRED', 'status']]);
    expect(issuesOf('activity', 'patch', { subject: null })[0]?.message).toBe('This field cannot be cleared.');
  });

  it('a patch is checked field by field like the input', () => {
    expect(dealPatchSchema.safeParse({ probability: 101 }).success).toBe(false);
    expect(codesOf('contact', 'patch', { birthdate: '2026-02-30' })).toEqual([['INVALID_VALUE', 'birthdate']]);
  });

  it('stored records never hold null: a cleared field is absent', () => {
    expect(codesOf('contact', 'stored', { ...STORED.contact, position: null })).toEqual([['INVALID_VALUE', 'position']]);
  });
});

describe('defaults on input', () => {
  it('a contact is not opened and is included in export unless told otherwise', () => {
    expect(contactInputSchema.parse({})).toEqual({ opened: false, exportable: true });
    expect(contactInputSchema.parse({ opened: true, exportable: false })).toEqual({ opened: true, exportable: false });
  });

  it('a deal amount follows its rows unless marked manual; activities start not completed', () => {
    expect(dealInputSchema.parse({ title: 'x' })).toEqual({ title: 'x', amountIsManual: false, probabilityIsManual: false, opened: false });
    expect(activityInputSchema.parse({ type: 'task', subject: 'x' })).toEqual({ type: 'task', subject: 'x', completed: false });
  });

  it('a stored record states every flag: none is left to a default', () => {
    const { exportable: _e, ...contact } = STORED.contact;
    expect(codesOf('contact', 'stored', contact)).toEqual([['REQUIRED', 'exportable']]);
  });
});

describe('field values', () => {
  it('money is validated with money() and written canonically', () => {
    expect(dealInputSchema.parse({ title: 'x', amount: { amount: '20000', currency: 'EUR' } })).toMatchObject({
      amount: { amount: '20000.00', currency: 'EUR' },
    });
    for (const amount of [
      { amount: '1,5', currency: 'EUR' },
      { amount: '1e3', currency: 'EUR' },
      { amount: '10', currency: 'XYZ' },
      { amount: 10, currency: 'EUR' },
      '10 EUR',
    ]) {
      expect(codesOf('deal', 'input', { title: 'x', amount }).map(([code, key]) => [code, key])).toEqual([['INVALID_VALUE', 'amount']]);
    }
    expect(codesOf('deal', 'input', { title: 'x', amount: { amount: '10', currency: 'EUR', rate: '1' } })).toEqual([
      ['UNKNOWN_FIELD', 'amount', 'rate'],
    ]);
    expect(codesOf('deal', 'input', { title: 'x', amount: { amount: '10' } })).toEqual([['REQUIRED', 'amount', 'currency']]);
  });

  it('calendar dates are existing days written YYYY-MM-DD', () => {
    expect(contactInputSchema.safeParse({ birthdate: '2000-02-29' }).success).toBe(true);
    for (const birthdate of ['2001-02-29', '2000-2-9', '29/02/2000', new Date('2000-02-29'), '2000-02-29T00:00:00Z']) {
      expect(codesOf('contact', 'input', { birthdate })).toEqual([['INVALID_VALUE', 'birthdate']]);
    }
    expect(invoiceInputSchema.safeParse({ dueDate: '2026-13-01' }).success).toBe(false);
  });

  it('text is never blank and a line of text holds at most 255 characters', () => {
    expect(codesOf('company', 'input', { title: '   ' })).toEqual([['INVALID_VALUE', 'title']]);
    expect(codesOf('company', 'input', { title: 'a'.repeat(256) })).toEqual([['INVALID_VALUE', 'title']]);
    expect(codesOf('company', 'input', { title: 'a'.repeat(255) })).toEqual([]);
    expect(codesOf('company', 'input', { title: 'Acme', comments: 'x'.repeat(65_536) })).toEqual([['INVALID_VALUE', 'comments']]);
  });

  it('sources are the standard codes or any upper-snake code of at most 50 characters', () => {
    for (const source of [...SOURCES, 'PODCAST', 'TRADE_SHOW_2026']) expect(leadInputSchema.safeParse({ source }).success).toBe(true);
    for (const source of ['podcast', 'Trade Show', 'TRADE__SHOW', '_WEB', 'WEB_', 'A'.repeat(51), 3]) {
      expect(codesOf('lead', 'input', { source })).toEqual([['INVALID_VALUE', 'source']]);
    }
  });

  it('activity types are the standard ones or any lower-snake code', () => {
    for (const type of ['call', 'email', 'meeting', 'task', 'other', 'site_visit']) {
      expect(activityInputSchema.safeParse({ type, subject: 'x' }).success).toBe(true);
    }
    for (const type of ['CALL', 'site visit', '']) expect(codesOf('activity', 'input', { type, subject: 'x' })).toEqual([['INVALID_VALUE', 'type']]);
  });

  it('a company head count is a whole number from 0', () => {
    expect(companyInputSchema.safeParse({ title: 'x', employees: 0 }).success).toBe(true);
    for (const employees of [-1, 2.5, '10']) expect(codesOf('company', 'input', { title: 'x', employees })).toEqual([['INVALID_VALUE', 'employees']]);
  });

  it('a deal probability is a whole percentage from 0 to 100', () => {
    for (const probability of [0, 55, 100]) expect(dealInputSchema.safeParse({ title: 'x', probability }).success).toBe(true);
    for (const probability of [-1, 101, 12.5, '50']) expect(dealInputSchema.safeParse({ title: 'x', probability }).success).toBe(false);
  });

  it('addresses use the address of custom fields: known parts only, a two-letter country code', () => {
    expect(contactInputSchema.safeParse({ address: { city: 'Madrid', countryCode: 'ES' } }).success).toBe(true);
    expect(codesOf('contact', 'input', { address: { city: 'Madrid', country: 'Spain' } })).toEqual([['UNKNOWN_FIELD', 'address', 'country']]);
    expect(codesOf('contact', 'input', { address: { countryCode: 'Spain' } })).toEqual([['INVALID_VALUE', 'address', 'countryCode']]);
  });
});

describe('multi-fields', () => {
  it('each multi-field takes its own kinds', () => {
    expect(phoneValueSchema.safeParse({ value: '+34 600 123 456', kind: 'fax' }).success).toBe(true);
    expect(emailValueSchema.safeParse({ value: 'ana@example.com', kind: 'fax' }).success).toBe(false);
    expect(websiteValueSchema.safeParse({ value: 'https://www.linkedin.com/in/ana', kind: 'linkedin' }).success).toBe(true);
    expect(messengerValueSchema.safeParse({ value: '+34600123456', kind: 'whatsapp' }).success).toBe(true);
    expect(messengerValueSchema.safeParse({ value: '@ana', kind: 'work' }).success).toBe(false);
  });

  it('values are checked by their field: phones, e-mail addresses and http(s) websites', () => {
    expect(codesOf('contact', 'input', { phones: [{ value: '+34 600 123 456', kind: 'mobile' }, { value: 'call me', kind: 'work' }] })).toEqual([
      ['INVALID_VALUE', 'phones', 1, 'value'],
    ]);
    expect(codesOf('contact', 'input', { emails: [{ value: 'ana@', kind: 'work' }] })).toEqual([['INVALID_VALUE', 'emails', 0, 'value']]);
    for (const value of ['ftp://example.com', 'javascript:alert(1)', 'example com']) {
      expect(codesOf('company', 'input', { title: 'x', websites: [{ value, kind: 'work' }] })).toEqual([['INVALID_VALUE', 'websites', 0, 'value']]);
    }
  });

  it('a value has exactly a value and a kind', () => {
    expect(codesOf('lead', 'input', { emails: [{ value: 'ana@example.com' }] })).toEqual([['REQUIRED', 'emails', 0, 'kind']]);
    expect(codesOf('lead', 'input', { emails: [{ value: 'ana@example.com', kind: 'work', primary: true }] })).toEqual([
      ['UNKNOWN_FIELD', 'emails', 0, 'primary'],
    ]);
    expect(codesOf('lead', 'input', { emails: 'ana@example.com' })).toEqual([['INVALID_VALUE', 'emails']]);
  });

  it('the first value is the primary one', () => {
    const emails = [
      { value: 'ana@example.com', kind: 'work' },
      { value: 'ana@home.example', kind: 'home' },
    ] as const;
    expect(getPrimaryValue(contactInputSchema.parse({ emails }).emails)).toBe('ana@example.com');
    expect(getPrimaryValue([])).toBeUndefined();
  });
});

describe('links', () => {
  it('deal contacts keep their order and list no contact twice', () => {
    expect(dealInputSchema.parse({ title: 'x', contactIds: ['15', '12'] })).toMatchObject({ contactIds: ['15', '12'] });
    expect(codesOf('deal', 'input', { title: 'x', contactIds: ['12', '15', '12'] })).toEqual([['INVALID_VALUE', 'contactIds']]);
    expect(codesOf('contact', 'input', { companyIds: ['c-1', ''] })).toEqual([['INVALID_VALUE', 'companyIds', 1]]);
  });

  it('activity bindings name a linkable entity type and an id, each record once', () => {
    const bindings = [
      { entityType: 'deal', id: 'd-1' },
      { entityType: 'contact', id: 'd-1' },
    ];
    expect(activityInputSchema.safeParse({ type: 'call', subject: 'x', bindings }).success).toBe(true);
    expect(codesOf('activity', 'input', { type: 'call', subject: 'x', bindings: [...bindings, bindings[0]] })).toEqual([['INVALID_VALUE', 'bindings']]);
    expect(codesOf('activity', 'input', { type: 'call', subject: 'x', bindings: [{ entityType: 'activity', id: 'a-1' }] })).toEqual([
      ['INVALID_VALUE', 'bindings', 0, 'entityType'],
    ]);
  });

  it('activity communications name a channel and a value, and may name their record', () => {
    const communications = [{ channel: 'phone', value: '+34 600 123 456', entity: { entityType: 'contact', id: '12' } }];
    expect(activityInputSchema.safeParse({ type: 'call', subject: 'x', communications }).success).toBe(true);
    expect(codesOf('activity', 'input', { type: 'call', subject: 'x', communications: [{ channel: 'fax', value: '1' }] })).toEqual([
      ['INVALID_VALUE', 'communications', 0, 'channel'],
    ]);
  });

  it('a lead for a known contact or company links to it', () => {
    expect(leadInputSchema.safeParse({ title: 'Repeat order', contactId: '12', companyId: 'c-1' }).success).toBe(true);
  });
});

describe('rules across fields', () => {
  it('an activity cannot end before it starts, in any form', () => {
    const times = { startAt: AT, endAt: new Date(AT.getTime() - 1) };
    expect(codesOf('activity', 'input', { type: 'call', subject: 'x', ...times })).toEqual([['INVALID_VALUE', 'endAt']]);
    expect(codesOf('activity', 'patch', times)).toEqual([['INVALID_VALUE', 'endAt']]);
    expect(codesOf('activity', 'stored', { ...STORED.activity, ...times })).toEqual([['INVALID_VALUE', 'endAt']]);
    expect(activityPatchSchema.safeParse({ endAt: new Date(0) }).success).toBe(true);
  });

  it('an invoice or quote is not due before it is issued', () => {
    expect(codesOf('invoice', 'input', { issueDate: '2026-03-01', dueDate: '2026-02-28' })).toEqual([['INVALID_VALUE', 'dueDate']]);
    expect(quoteInputSchema.safeParse({ issueDate: '2026-03-01', dueDate: '2026-03-01' }).success).toBe(true);
  });

  it('the product rows of a record are priced in one currency', () => {
    const row = (currency: string) => ({ name: 'Item', price: { amount: '10', currency }, quantity: '1' });
    expect(codesOf('deal', 'input', { title: 'x', productRows: [row('EUR'), row('EUR'), row('USD')] })).toEqual([
      ['INVALID_VALUE', 'productRows', 2, 'price', 'currency'],
    ]);
  });
});

describe('product rows', () => {
  const price = money('100.00', 'EUR');
  it('accept a fractional quantity, a rate or an amount discount, a tax rate and a unit', () => {
    expect(productRowSchema.safeParse({ name: 'Hours', price, quantity: '1.5', discount: { rate: '12.5' }, taxRate: '21', unit: 'h' }).success).toBe(true);
    expect(productRowSchema.safeParse({ name: 'Hours', price, quantity: '0', discount: { amount: money('100', 'EUR') }, taxIncluded: true }).success).toBe(true);
  });

  it('refuse negative or malformed quantities and rates', () => {
    for (const quantity of ['-1', '1e2', '1,5', '', 2]) expect(productRowSchema.safeParse({ name: 'x', price, quantity }).success).toBe(false);
    for (const taxRate of ['-21', 'IVA', 21]) expect(productRowSchema.safeParse({ name: 'x', price, quantity: '1', taxRate }).success).toBe(false);
  });

  it('refuse a discount above 100 %, above the price, in another currency, or both rate and amount', () => {
    const refused = [
      { rate: '100.01' },
      { amount: money('100.01', 'EUR') },
      { amount: money('-1', 'EUR') },
      { amount: money('1', 'USD') },
      { rate: '10', amount: money('1', 'EUR') },
      {},
    ];
    for (const discount of refused) expect(productRowSchema.safeParse({ name: 'x', price, quantity: '1', discount }).success).toBe(false);
    expect(productRowSchema.safeParse({ name: 'x', price, quantity: '1', discount: { rate: '100' } }).success).toBe(true);
  });

  it('refuse a negative price', () => {
    expect(productRowSchema.safeParse({ name: 'x', price: money('-1', 'EUR'), quantity: '1' }).success).toBe(false);
  });
});

describe('custom values', () => {
  const deals = createFieldRegistry('deal', {
    customFields: [
      { type: 'integer', code: 'seats', labels: { en: 'Seats' }, required: true, min: 1 },
      { type: 'string', code: 'notes', labels: { en: 'Notes' } },
    ],
  });

  it('the static schemas take any bag keyed by field codes, and nothing else', () => {
    expect(dealInputSchema.safeParse({ title: 'x', custom: { seats: 'any value' } }).success).toBe(true);
    for (const custom of [{ 'Seats!': 1 }, { constructor: 1 }, [1], 'seats', null, JSON.parse('{"__proto__": {"polluted": true}}') as unknown]) {
      const parsed = dealInputSchema.safeParse({ title: 'x', custom });
      expect(parsed.error?.issues.map((i) => [i.code, ...i.path])).toEqual([['custom', 'custom']]);
    }
  });

  it('with a registry, a custom code the registry lacks is UNKNOWN_FIELD', () => {
    expect(codesOf('deal', 'input', { title: 'x', custom: { seats: 1 } })).toEqual([['UNKNOWN_FIELD', 'custom', 'seats']]);
    expect(codesOf('deal', 'input', { title: 'x', custom: JSON.parse('{"__proto__": {"polluted": true}}') as unknown })).toEqual([
      ['UNKNOWN_FIELD', 'custom', '__proto__'],
    ]);
  });

  it('with a registry, custom values are checked under custom.<code>', () => {
    expect(codesOf('deal', 'input', { title: 'x' })).toEqual([]);
    const check = (form: RecordForm, value: unknown) => {
      const result = validateEntity(deals, form, value);
      return result.success ? [] : result.issues.map((i) => [i.code, ...i.path]);
    };
    expect(check('input', { title: 'x' })).toEqual([['REQUIRED', 'custom', 'seats']]);
    expect(check('input', { title: 'x', custom: { seats: 0, colour: 'red' } })).toEqual([
      ['INVALID_VALUE', 'custom', 'seats'],
      ['UNKNOWN_FIELD', 'custom', 'colour'],
    ]);
    expect(check('patch', { custom: { notes: null } })).toEqual([]);
    expect(check('patch', { custom: { seats: null } })).toEqual([['REQUIRED', 'custom', 'seats']]);
    expect(check('stored', { ...STORED.deal, custom: { seats: 'many' } })).toEqual([['INVALID_VALUE', 'custom', 'seats']]);
  });

  it('custom values come out in a bag of own data keys (plain, not prototype-free: V8 keeps those slow)', () => {
    const result = validateEntity(deals, 'input', { title: 'x', custom: { seats: 3 } });
    expect(result.success && Object.getPrototypeOf(result.data.custom)).toBe(Object.prototype);
    expect(result.success && Object.getOwnPropertyDescriptor(result.data.custom, 'seats')).toMatchObject({ value: 3, enumerable: true });
    expect(result.success && result.data.custom?.seats).toBe(3);
  });

  it('schemas are built once per registry and form, and anew for a changed registry', () => {
    expect(entitySchema(deals, 'input')).toBe(entitySchema(deals, 'input'));
    expect(entitySchema(deals, 'input')).not.toBe(entitySchema(deals, 'patch'));
    expect(entitySchema(createFieldRegistry('deal'), 'input')).not.toBe(entitySchema(deals, 'input'));
  });

  it('an unknown entity type or form is a broken contract', () => {
    expect(codeOf(() => entitySchema({ ...deals, entityType: 'ticket' } as unknown as FieldRegistry, 'input'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => entitySchema(deals, 'draft' as RecordForm))).toBe('INVALID_ARGUMENT');
  });
});

describe('issue messages', () => {
  it('never repeat the value that was refused', () => {
    const secret = 'SECRET-4711';
    const values: [EntityType, Record<string, unknown>][] = [
      ['contact', { firstName: 42, position: `${secret}${'x'.repeat(300)}`, birthdate: secret, source: secret, type: `${secret} x` }],
      ['contact', { emails: [{ value: secret, kind: secret }], phones: [{ value: secret, kind: 'work' }], websites: [{ value: secret, kind: 'work' }] }],
      ['deal', { title: 'x', amount: { amount: secret, currency: 'EUR' }, taxAmount: { amount: '1', currency: secret }, contactIds: [secret, secret] }],
      ['deal', { title: 'x', productRows: [{ name: 'x', price: { amount: '1', currency: 'EUR' }, quantity: secret, discount: { rate: secret } }] }],
      ['activity', { type: secret, subject: 'x', direction: secret, bindings: [{ entityType: secret, id: 'x' }] }],
      ['company', { title: 'x', custom: { [secret]: secret } }],
    ];
    for (const [type, value] of values) {
      const issues = issuesOf(type, 'input', value);
      expect(issues.length).toBeGreaterThan(0);
      for (const found of issues) expect(found.message).not.toContain(secret);
    }
  });
});
