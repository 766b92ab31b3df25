import type { FilterClause, Query, RecordScope } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import type { MemoryStore } from '../../src/adapters/memory/index.js';
import { codeOf, idsOf, row } from './memory-fixtures.js';
import type { Row } from './memory-fixtures.js';

const eur = (amount: string): { amount: string; currency: string } => ({ amount, currency: 'EUR' });

const CONTACTS: readonly Row[] = [
  row(
    'c1',
    {
      firstName: 'Ana', lastName: 'García', birthdate: '1991-04-02', type: 'CLIENT', comments: 'Prefers mornings',
      phones: [{ value: '+34 600 111 222', kind: 'work' }, { value: '+34 600 333 444', kind: 'mobile' }],
      emails: [{ value: 'Ana@Example.com', kind: 'work' }], companyIds: ['k1'],
    },
    {
      tier: 'gold', seats: 10, tags: ['vip', 'eu'], renewal: '2026-06-30', budget: eur('500.00'),
      age: 34, last_seen_at: new Date('2026-03-01T10:00:00Z'), revenue: eur('1200.50'),
    },
  ),
  row(
    'c2',
    {
      firstName: 'leo', lastName: 'Martín', birthdate: '1997-11-20', type: 'PARTNER', comments: '   ',
      phones: [{ value: '+1 555 0100', kind: 'work' }], emails: [], companyIds: ['k1', 'k2'],
    },
    {
      tier: 'silver', seats: 3, tags: ['us'], budget: eur('1500'),
      age: 28, last_seen_at: new Date('2026-01-15T08:00:00Z'), revenue: { amount: '5000', currency: 'USD' },
    },
  ),
  row(
    'c3',
    {
      firstName: 'Zoe', birthdate: '1984-01-09', type: 'CLIENT', comments: null,
      phones: [], emails: [{ value: 'zoe@acme.test', kind: 'home' }, { value: 'z@acme.test', kind: 'work' }],
    },
    { tier: '', seats: 0, tags: [], age: 41, last_seen_at: new Date('2026-02-20T12:00:00Z'), revenue: eur('99.99') },
  ),
];

async function seeded(records: readonly Row[] = CONTACTS): Promise<MemoryStore> {
  const store = createMemoryStore();
  for (const record of records) await store.repository('contact').insert(record);
  return store;
}

async function matching(clause: FilterClause): Promise<string[]> {
  const store = await seeded();
  const page = await store.repository('contact').find({ where: [clause], sort: [{ field: 'id', direction: 'asc' }] });
  expect(await store.repository('contact').count({ where: [clause] })).toBe(page.items.length);
  return idsOf(page.items);
}

describe('memory store: filter operators', () => {
  it.each<[string, FilterClause, string[]]>([
    ['eq on text is exact', { field: 'firstName', op: 'eq', value: 'Ana' }, ['c1']],
    ['eq on text keeps case', { field: 'firstName', op: 'eq', value: 'ana' }, []],
    ['eq on a number', { field: 'custom.age', op: 'eq', value: 28 }, ['c2']],
    ['eq on a Date compares instants', { field: 'custom.last_seen_at', op: 'eq', value: new Date('2026-03-01T10:00:00Z') }, ['c1']],
    ['eq on money ignores written decimals', { field: 'custom.revenue', op: 'eq', value: eur('1200.5') }, ['c1']],
    ['eq on a custom field', { field: 'custom.tier', op: 'eq', value: 'gold' }, ['c1']],
    ['eq on a multi-field matches any element value', { field: 'phones', op: 'eq', value: '+34 600 333 444' }, ['c1']],
    ['eq on a multiple custom field matches any element', { field: 'custom.tags', op: 'eq', value: 'eu' }, ['c1']],
    ['eq on an id list matches any element', { field: 'companyIds', op: 'eq', value: 'k2' }, ['c2']],
    ['ne is the negation of eq, so records without the field match', { field: 'lastName', op: 'ne', value: 'García' }, ['c2', 'c3']],
    ['ne on a custom field', { field: 'custom.seats', op: 'ne', value: 0 }, ['c1', 'c2']],
    ['ne on a multi-field excludes a value held anywhere', { field: 'emails', op: 'ne', value: 'z@acme.test' }, ['c1', 'c2']],
    ['lt on numbers', { field: 'custom.age', op: 'lt', value: 34 }, ['c2']],
    ['lte on numbers', { field: 'custom.age', op: 'lte', value: 34 }, ['c1', 'c2']],
    ['gt on instants', { field: 'custom.last_seen_at', op: 'gt', value: new Date('2026-02-01T00:00:00Z') }, ['c1', 'c3']],
    ['gte on calendar days', { field: 'birthdate', op: 'gte', value: '1991-04-02' }, ['c1', 'c2']],
    ['lt on text compares code units (capitals first)', { field: 'firstName', op: 'lt', value: 'a' }, ['c1', 'c3']],
    ['gt on a custom number', { field: 'custom.seats', op: 'gt', value: 3 }, ['c1']],
    ['lte on a custom calendar day', { field: 'custom.renewal', op: 'lte', value: '2026-12-31' }, ['c1']],
    ['gte on money matches the same currency only', { field: 'custom.revenue', op: 'gte', value: eur('100') }, ['c1']],
    ['lt on money in another currency never matches', { field: 'custom.revenue', op: 'lt', value: { amount: '1', currency: 'JPY' } }, []],
    ['gt on custom money', { field: 'custom.budget', op: 'gt', value: eur('999.99') }, ['c2']],
    ['lt on a multi-field compares element values', { field: 'phones', op: 'lt', value: '+2' }, ['c2']],
    ['order across kinds never matches', { field: 'custom.age', op: 'gt', value: '1' }, []],
    ['in on text', { field: 'type', op: 'in', value: ['PARTNER', 'SUPPLIER'] }, ['c2']],
    ['in on a custom field', { field: 'custom.seats', op: 'in', value: [0, 10] }, ['c1', 'c3']],
    ['in on a multi-field', { field: 'emails', op: 'in', value: ['z@acme.test', 'nobody@x.test'] }, ['c3']],
    ['in on money', { field: 'custom.revenue', op: 'in', value: [eur('99.990')] }, ['c3']],
    ['notIn on text', { field: 'type', op: 'notIn', value: ['CLIENT'] }, ['c2']],
    ['notIn on a custom field', { field: 'custom.tier', op: 'notIn', value: ['gold', 'silver'] }, ['c3']],
    ['notIn on a multi-field', { field: 'phones', op: 'notIn', value: ['+1 555 0100'] }, ['c1', 'c3']],
    ['contains ignores case', { field: 'lastName', op: 'contains', value: 'ARC' }, ['c1']],
    ['contains on a custom field', { field: 'custom.tier', op: 'contains', value: 'IL' }, ['c2']],
    ['contains on a multi-field', { field: 'emails', op: 'contains', value: 'example.COM' }, ['c1']],
    ['startsWith ignores case', { field: 'firstName', op: 'startsWith', value: 'L' }, ['c2']],
    ['startsWith on a multi-field', { field: 'phones', op: 'startsWith', value: '+34' }, ['c1']],
    ['startsWith on a multiple custom field', { field: 'custom.tags', op: 'startsWith', value: 'V' }, ['c1']],
    ['contains never matches a number', { field: 'custom.age', op: 'contains', value: '3' }, []],
    ['isEmpty: absent field', { field: 'lastName', op: 'isEmpty' }, ['c3']],
    ['isEmpty: null and blank text', { field: 'comments', op: 'isEmpty' }, ['c2', 'c3']],
    ['isEmpty: empty multi-field or absent list', { field: 'emails', op: 'isEmpty' }, ['c2']],
    ['isEmpty: absent id list', { field: 'companyIds', op: 'isEmpty' }, ['c3']],
    ['isEmpty: custom blank, empty list or absent', { field: 'custom.renewal', op: 'isEmpty' }, ['c2', 'c3']],
    ['isEmpty on a custom empty list', { field: 'custom.tags', op: 'isEmpty' }, ['c3']],
    ['isNotEmpty is its negation', { field: 'custom.tier', op: 'isNotEmpty' }, ['c1', 'c2']],
    ['isNotEmpty on a multi-field', { field: 'phones', op: 'isNotEmpty' }, ['c1', 'c2']],
    ['overlaps on a multiple custom field', { field: 'custom.tags', op: 'overlaps', value: ['us', 'eu'] }, ['c1', 'c2']],
    ['overlaps on a multi-field', { field: 'emails', op: 'overlaps', value: ['zoe@acme.test'] }, ['c3']],
    ['overlaps on an id list', { field: 'companyIds', op: 'overlaps', value: ['k1'] }, ['c1', 'c2']],
    ['overlaps with nothing in common', { field: 'custom.tags', op: 'overlaps', value: ['none'] }, []],
  ])('%s', async (_rule, clause, expected) => {
    expect(await matching(clause)).toEqual(expected);
  });

  it('holds every clause of a query at once', async () => {
    const store = await seeded();
    const page = await store.repository('contact').find({
      where: [{ field: 'type', op: 'eq', value: 'CLIENT' }, { field: 'custom.seats', op: 'gt', value: 0 }],
    });
    expect(idsOf(page.items)).toEqual(['c1']);
  });

  it.each<[string, unknown]>([
    ['an unknown operator', { field: 'custom.age', op: 'between', value: [1, 2] }],
    ['a clause that is not an object', 'age = 3'],
    ['eq with a list', { field: 'custom.age', op: 'eq', value: [1] }],
    ['eq without a value', { field: 'custom.age', op: 'eq' }],
    ['eq with null', { field: 'custom.age', op: 'eq', value: null }],
    ['eq with an object', { field: 'custom.age', op: 'eq', value: { a: 1 } }],
    ['eq with NaN', { field: 'custom.age', op: 'eq', value: Number.NaN }],
    ['lt with a boolean', { field: 'custom.age', op: 'lt', value: true }],
    ['gt with an invalid Date', { field: 'custom.last_seen_at', op: 'gt', value: new Date('nope') }],
    ['in with a single value', { field: 'type', op: 'in', value: 'CLIENT' }],
    ['in with a list holding null', { field: 'type', op: 'in', value: [null] }],
    ['overlaps without a list', { field: 'custom.tags', op: 'overlaps', value: 'vip' }],
    ['contains with a number', { field: 'firstName', op: 'contains', value: 3 }],
    ['isEmpty with a value', { field: 'firstName', op: 'isEmpty', value: '' }],
    ['a field that is not text', { field: 3, op: 'isEmpty' }],
  ])('rejects %s with INVALID_ARGUMENT', async (_what, clause) => {
    const contacts = (await seeded()).repository('contact');
    const query = { where: [clause] } as unknown as Query;
    expect(await codeOf(() => contacts.find(query))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.count(query))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => contacts.stream(query))).toBe('INVALID_ARGUMENT');
  });

  it.each<[string, unknown]>([
    ['a nested path', { field: 'revenue.amount', op: 'isEmpty' }],
    ['custom without a code', { field: 'custom.', op: 'isEmpty' }],
    ['the custom bag itself', { field: 'custom', op: 'isEmpty' }],
    ['a custom code that is not a slug', { field: 'custom.Tier', op: 'isEmpty' }],
  ])('rejects %s with UNKNOWN_FIELD', async (_what, clause) => {
    const contacts = (await seeded()).repository('contact');
    const query = { where: [clause] } as unknown as Query;
    expect(await codeOf(() => contacts.find(query))).toBe('UNKNOWN_FIELD');
    expect(await codeOf(() => contacts.count(query))).toBe('UNKNOWN_FIELD');
  });

  it.each<[string, unknown]>([
    ['a query that is not an object', null],
    ['where that is not a list', { where: { field: 'custom.age', op: 'eq', value: 1 } }],
    ['a sort key without a direction', { sort: [{ field: 'custom.age' }] }],
    ['a sort that is not a list', { sort: 'age' }],
    ['a limit of 0', { limit: 0 }],
    ['a fractional limit', { limit: 2.5 }],
    ['a cursor that is not base64url', { cursor: '!!!' }],
    ['a cursor that is base64url of garbage', { cursor: 'Z2FyYmFnZQ' }],
    ['in with an empty list', { where: [{ field: 'type', op: 'in', value: [] }] }],
    ['a malformed scope', { scope: { kind: 'mine' } }],
    ['a restricted scope without its list', { scope: { kind: 'restricted', includeOpened: false } }],
  ])('rejects %s with INVALID_ARGUMENT, even on an empty repository', async (_what, query) => {
    const contacts = createMemoryStore().repository('contact');
    expect(await codeOf(() => contacts.find(query as Query))).toBe('INVALID_ARGUMENT');
  });
});

describe('memory store: record scope', () => {
  const records = [
    row('d1', { assignedById: 'u-ana', pipelineId: 'retail', opened: false }),
    row('d2', { assignedById: 'u-leo', pipelineId: 'retail', opened: true }),
    row('d3', { assignedById: 'u-leo', pipelineId: 'vip', opened: false }),
    row('d4', { assignedById: 'u-eva', pipelineId: 'vip', opened: true }),
  ];

  it.each<[string, RecordScope, string[]]>([
    ['all reaches every record', { kind: 'all' }, ['d1', 'd2', 'd3', 'd4']],
    ['none reaches no record', { kind: 'none' }, []],
    ['restricted reaches the listed responsible people', { kind: 'restricted', assignedToAnyOf: ['u-leo'], includeOpened: false }, ['d2', 'd3']],
    ['restricted with includeOpened also reaches opened records', { kind: 'restricted', assignedToAnyOf: ['u-ana'], includeOpened: true }, ['d1', 'd2', 'd4']],
    [
      'byPipeline applies each pipeline its own scope',
      { kind: 'byPipeline', pipelines: [{ pipelineId: 'vip', scope: { kind: 'none' } }], otherPipelines: { kind: 'restricted', assignedToAnyOf: ['u-leo'], includeOpened: false } },
      ['d2'],
    ],
  ])('%s', async (_rule, scope, expected) => {
    const store = await seeded(records);
    const deals = store.repository('contact');
    expect(idsOf((await deals.find({ scope })).items)).toEqual(expected);
    expect(await deals.count({ scope })).toBe(expected.length);
  });
});
