import * as assert from '../assert.js';
import type { EntityType } from '../../../fields/index.js';
import { money } from '../../../money/index.js';
import type { FilterClause, FilterOperator } from '../../../store/index.js';
import { at, OPERATOR_CONTACTS, OPERATOR_DEALS } from '../fixtures.js';
import type { CaseContext, CaseDefinition } from '../harness.js';
import { idsOf, insertAll, walkPages } from '../harness.js';

type FieldKind = 'standard' | 'custom' | 'multi';

interface Check {
  readonly entityType?: 'deal';
  readonly clause: FilterClause;
  readonly expected: readonly string[];
}

const eur = (amount: string): unknown => money(amount, 'EUR');

// What each operator must find among OPERATOR_CONTACTS (and OPERATOR_DEALS for `entityType: 'deal'`).
const CHECKS: Readonly<Partial<Record<FilterOperator, Partial<Record<FieldKind, readonly Check[]>>>>> = {
  eq: {
    standard: [
      { clause: { field: 'firstName', op: 'eq', value: 'Ana' }, expected: ['c01'] },
      { clause: { field: 'type', op: 'eq', value: 'CLIENT' }, expected: ['c01', 'c03'] },
      { clause: { field: 'birthdate', op: 'eq', value: '1985-11-30' }, expected: ['c02'] },
      { clause: { field: 'createdAt', op: 'eq', value: at(3) }, expected: ['c03'] },
      { clause: { field: 'opened', op: 'eq', value: true }, expected: ['c03', 'c05'] },
      { clause: { field: 'companyIds', op: 'eq', value: 'co2' }, expected: ['c01', 'c02'] },
      { entityType: 'deal', clause: { field: 'amount', op: 'eq', value: eur('100') }, expected: ['d02'] },
      { entityType: 'deal', clause: { field: 'probability', op: 'eq', value: 90 }, expected: ['d03'] },
    ],
    custom: [
      { clause: { field: 'custom.tier', op: 'eq', value: 'gold' }, expected: ['c01'] },
      { clause: { field: 'custom.seats', op: 'eq', value: 25 }, expected: ['c02'] },
      { clause: { field: 'custom.tags', op: 'eq', value: 'north' }, expected: ['c01', 'c02'] },
    ],
    multi: [
      { clause: { field: 'phones', op: 'eq', value: '+34 600 333 333' }, expected: ['c02'] },
      { clause: { field: 'phones', op: 'eq', value: '+34 91 222 22 22' }, expected: ['c01'] },
      { clause: { field: 'emails', op: 'eq', value: 'bea.home@example.net' }, expected: ['c02'] },
    ],
  },
  ne: {
    standard: [
      { clause: { field: 'type', op: 'ne', value: 'CLIENT' }, expected: ['c02', 'c04', 'c05'] },
      { clause: { field: 'firstName', op: 'ne', value: 'Ana' }, expected: ['c02', 'c03', 'c04', 'c05'] },
      { entityType: 'deal', clause: { field: 'probability', op: 'ne', value: 50 }, expected: ['d01', 'd03', 'd04'] },
    ],
    custom: [
      { clause: { field: 'custom.seats', op: 'ne', value: 0 }, expected: ['c01', 'c02', 'c03', 'c05'] },
      // c04 and c05 have no tier: `ne` is the exact negation of `eq`, so they match.
      { clause: { field: 'custom.tier', op: 'ne', value: 'gold' }, expected: ['c02', 'c03', 'c04', 'c05'] },
    ],
  },
  lt: {
    standard: [
      { clause: { field: 'firstName', op: 'lt', value: 'Bea' }, expected: ['c01'] },
      { clause: { field: 'birthdate', op: 'lt', value: '1990-02-15' }, expected: ['c02'] },
      { clause: { field: 'createdAt', op: 'lt', value: at(3) }, expected: ['c01', 'c02'] },
      { entityType: 'deal', clause: { field: 'amount', op: 'lt', value: eur('100') }, expected: ['d01'] },
      { entityType: 'deal', clause: { field: 'probability', op: 'lt', value: 50 }, expected: ['d01'] },
    ],
    custom: [
      { clause: { field: 'custom.seats', op: 'lt', value: 10 }, expected: ['c03', 'c04', 'c05'] },
      // Order operators never match a record without the field (c04 and c05 have no tier).
      { clause: { field: 'custom.tier', op: 'lt', value: 'silver' }, expected: ['c01', 'c03'] },
    ],
  },
  lte: {
    standard: [
      { clause: { field: 'firstName', op: 'lte', value: 'Bea' }, expected: ['c01', 'c02'] },
      { clause: { field: 'birthdate', op: 'lte', value: '1999-12-31' }, expected: ['c01', 'c02', 'c04'] },
      { clause: { field: 'createdAt', op: 'lte', value: at(3) }, expected: ['c01', 'c02', 'c03'] },
      { entityType: 'deal', clause: { field: 'amount', op: 'lte', value: eur('250') }, expected: ['d01', 'd02', 'd03'] },
    ],
    custom: [{ clause: { field: 'custom.seats', op: 'lte', value: 10 }, expected: ['c01', 'c03', 'c04', 'c05'] }],
  },
  gt: {
    standard: [
      // Code-unit order: 'Zoe' < 'ana'.
      { clause: { field: 'firstName', op: 'gt', value: 'Carlos' }, expected: ['c04', 'c05'] },
      { clause: { field: 'birthdate', op: 'gt', value: '1999-12-31' }, expected: ['c03', 'c05'] },
      { clause: { field: 'createdAt', op: 'gt', value: at(4) }, expected: ['c05'] },
      { entityType: 'deal', clause: { field: 'amount', op: 'gt', value: eur('100') }, expected: ['d03', 'd04'] },
    ],
    custom: [{ clause: { field: 'custom.seats', op: 'gt', value: 7 }, expected: ['c01', 'c02'] }],
  },
  gte: {
    standard: [
      { clause: { field: 'firstName', op: 'gte', value: 'ana' }, expected: ['c04'] },
      { clause: { field: 'birthdate', op: 'gte', value: '2000-01-01' }, expected: ['c03', 'c05'] },
      { clause: { field: 'createdAt', op: 'gte', value: at(4) }, expected: ['c04', 'c05'] },
      { entityType: 'deal', clause: { field: 'amount', op: 'gte', value: eur('250') }, expected: ['d03', 'd04'] },
    ],
    custom: [{ clause: { field: 'custom.seats', op: 'gte', value: 7 }, expected: ['c01', 'c02', 'c05'] }],
  },
  in: {
    standard: [
      { clause: { field: 'type', op: 'in', value: ['CLIENT', 'SUPPLIER'] }, expected: ['c01', 'c03', 'c04'] },
      { entityType: 'deal', clause: { field: 'probability', op: 'in', value: [10, 100] }, expected: ['d01', 'd04'] },
    ],
    custom: [
      { clause: { field: 'custom.seats', op: 'in', value: [0, 25] }, expected: ['c02', 'c04'] },
      { clause: { field: 'custom.tier', op: 'in', value: ['gold', 'bronze'] }, expected: ['c01', 'c03'] },
    ],
  },
  notIn: {
    standard: [{ clause: { field: 'type', op: 'notIn', value: ['CLIENT', 'SUPPLIER'] }, expected: ['c02', 'c05'] }],
    custom: [
      { clause: { field: 'custom.seats', op: 'notIn', value: [0, 3] }, expected: ['c01', 'c02', 'c05'] },
      { clause: { field: 'custom.tier', op: 'notIn', value: ['gold', 'silver'] }, expected: ['c03', 'c04', 'c05'] },
    ],
  },
  contains: {
    standard: [
      { clause: { field: 'firstName', op: 'contains', value: 'AN' }, expected: ['c01', 'c04'] },
      { clause: { field: 'lastName', op: 'contains', value: 'ay' }, expected: ['c04'] },
      { clause: { field: 'comments', op: 'contains', value: 'E-MAIL' }, expected: ['c01'] },
    ],
    custom: [
      { clause: { field: 'custom.tier', op: 'contains', value: 'OL' }, expected: ['c01'] },
      { clause: { field: 'custom.note', op: 'contains', value: 'AFTER' }, expected: ['c03'] },
      { clause: { field: 'custom.tags', op: 'contains', value: 'ort' }, expected: ['c01', 'c02'] },
    ],
    multi: [
      { clause: { field: 'emails', op: 'contains', value: 'EXAMPLE.ORG' }, expected: ['c02'] },
      { clause: { field: 'emails', op: 'contains', value: 'example' }, expected: ['c01', 'c02', 'c03'] },
      { clause: { field: 'phones', op: 'contains', value: '555' }, expected: ['c04'] },
    ],
  },
  startsWith: {
    standard: [
      { clause: { field: 'firstName', op: 'startsWith', value: 'a' }, expected: ['c01', 'c04'] },
      { clause: { field: 'position', op: 'startsWith', value: 'c' }, expected: ['c01', 'c02'] },
    ],
    custom: [
      { clause: { field: 'custom.tier', op: 'startsWith', value: 'GO' }, expected: ['c01'] },
      { clause: { field: 'custom.tags', op: 'startsWith', value: 'v' }, expected: ['c01'] },
    ],
    multi: [
      { clause: { field: 'emails', op: 'startsWith', value: 'BEA.' }, expected: ['c02'] },
      { clause: { field: 'phones', op: 'startsWith', value: '+1' }, expected: ['c04'] },
      { clause: { field: 'phones', op: 'startsWith', value: '+34 600' }, expected: ['c01', 'c02'] },
    ],
  },
  isEmpty: {
    standard: [
      { clause: { field: 'position', op: 'isEmpty' }, expected: ['c05'] },
      { clause: { field: 'companyIds', op: 'isEmpty' }, expected: ['c03', 'c04', 'c05'] },
      { clause: { field: 'comments', op: 'isEmpty' }, expected: ['c02', 'c03', 'c04', 'c05'] },
    ],
    custom: [
      { clause: { field: 'custom.note', op: 'isEmpty' }, expected: ['c01', 'c02', 'c04', 'c05'] },
      { clause: { field: 'custom.tags', op: 'isEmpty' }, expected: ['c03', 'c04', 'c05'] },
      { clause: { field: 'custom.tier', op: 'isEmpty' }, expected: ['c04', 'c05'] },
    ],
    multi: [
      { clause: { field: 'phones', op: 'isEmpty' }, expected: ['c03', 'c05'] },
      { clause: { field: 'emails', op: 'isEmpty' }, expected: ['c04', 'c05'] },
    ],
  },
  isNotEmpty: {
    standard: [
      { clause: { field: 'position', op: 'isNotEmpty' }, expected: ['c01', 'c02', 'c03', 'c04'] },
      { clause: { field: 'companyIds', op: 'isNotEmpty' }, expected: ['c01', 'c02'] },
    ],
    custom: [
      { clause: { field: 'custom.note', op: 'isNotEmpty' }, expected: ['c03'] },
      { clause: { field: 'custom.tags', op: 'isNotEmpty' }, expected: ['c01', 'c02'] },
    ],
    multi: [
      { clause: { field: 'phones', op: 'isNotEmpty' }, expected: ['c01', 'c02', 'c04'] },
      { clause: { field: 'emails', op: 'isNotEmpty' }, expected: ['c01', 'c02', 'c03'] },
    ],
  },
  overlaps: {
    standard: [
      { clause: { field: 'companyIds', op: 'overlaps', value: ['co1', 'co9'] }, expected: ['c01'] },
      { clause: { field: 'companyIds', op: 'overlaps', value: ['co2', 'co3'] }, expected: ['c01', 'c02'] },
    ],
    custom: [
      { clause: { field: 'custom.tags', op: 'overlaps', value: ['north', 'east'] }, expected: ['c01', 'c02'] },
      { clause: { field: 'custom.tags', op: 'overlaps', value: ['vip'] }, expected: ['c01'] },
      { clause: { field: 'custom.tags', op: 'overlaps', value: ['none'] }, expected: [] },
    ],
    multi: [
      { clause: { field: 'emails', op: 'overlaps', value: ['ana@example.com', 'carlos@shop.example'] }, expected: ['c01', 'c03'] },
      { clause: { field: 'phones', op: 'overlaps', value: ['+1 415 555 0100'] }, expected: ['c04'] },
    ],
  },
};

const KIND_LABEL: Readonly<Record<FieldKind, string>> = {
  standard: 'standard fields',
  custom: 'custom fields',
  multi: 'multi-fields',
};

async function runChecks(context: CaseContext, checks: readonly Check[]): Promise<void> {
  await insertAll(context.repository('contact'), OPERATOR_CONTACTS);
  await insertAll(context.repository('deal'), OPERATOR_DEALS);
  for (const { entityType, clause, expected } of checks) {
    const repository = context.repository((entityType ?? 'contact') satisfies EntityType);
    const shown = JSON.stringify(clause);
    const found = idsOf(await walkPages(repository, { where: [clause], limit: 2 })).sort();
    assert.deepStrictEqual(found, [...expected].sort(), `find ${shown}`);
    assert.equal(await repository.count({ where: [clause] }), expected.length, `count ${shown}`);
  }
}

function operatorCase(op: FilterOperator, kind: FieldKind, checks: readonly Check[]): CaseDefinition {
  return {
    name: `operators: ${op} on ${KIND_LABEL[kind]}`,
    unsupported: (capabilities) => {
      if (!capabilities.operators.includes(op)) return `the operator ${op} is not in capabilities.operators`;
      if (kind === 'custom' && !capabilities.customFieldFilters) return 'capabilities.customFieldFilters is false';
      if (kind === 'multi' && !capabilities.multiFieldFilters) return 'capabilities.multiFieldFilters is false';
      return undefined;
    },
    run: (context) => runChecks(context, checks),
  };
}

/** Every operator on every kind of field it applies to, and clauses combined. */
export const OPERATOR_CASES: readonly CaseDefinition[] = [
  {
    name: 'operators: a query without clauses finds every record',
    run: async (context) => {
      await insertAll(context.repository('contact'), OPERATOR_CONTACTS);
      const found = idsOf(await walkPages(context.repository('contact'), {})).sort();
      assert.deepStrictEqual(found, idsOf(OPERATOR_CONTACTS));
    },
  },
  {
    name: 'operators: every clause of a query holds at once',
    unsupported: (capabilities) =>
      ['eq', 'gt'].every((op) => capabilities.operators.includes(op as FilterOperator)) ? undefined : 'needs the operators eq and gt',
    run: async (context) => {
      await insertAll(context.repository('contact'), OPERATOR_CONTACTS);
      const where: readonly FilterClause[] = [
        { field: 'type', op: 'eq', value: 'CLIENT' },
        { field: 'createdAt', op: 'gt', value: at(1) },
      ];
      const repository = context.repository('contact');
      assert.deepStrictEqual(idsOf(await walkPages(repository, { where })), ['c03']);
      assert.equal(await repository.count({ where }), 1);
    },
  },
  ...(Object.entries(CHECKS) as [FilterOperator, Partial<Record<FieldKind, readonly Check[]>>][]).flatMap(([op, kinds]) =>
    (Object.entries(kinds) as [FieldKind, readonly Check[]][]).map(([kind, checks]) => operatorCase(op, kind, checks)),
  ),
];
