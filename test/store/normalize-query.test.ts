import { describe, expect, it } from 'vitest';
import { createFieldRegistry, DEFAULT_DEAL_PIPELINE, DEFAULT_LEAD_STATUSES, checkPipeline, FILTER_OPERATORS, isCrmError, LIMITS, normalizeQuery, unwrap } from 'crm-kit';
import type { StoreCapabilities } from 'crm-kit';
import { codeOf } from '../support/errors.js';

function issuesOf(run: () => unknown): unknown[][] {
  try {
    run();
  } catch (error) {
    return isCrmError(error, 'INVALID_ARGUMENT', 'UNKNOWN_FIELD') ? error.issues.map((found) => [found.code, ...found.path]) : [];
  }
  return [];
}

const everything: StoreCapabilities = {
  transactions: true,
  operators: FILTER_OPERATORS,
  customFieldFilters: true,
  multiFieldFilters: true,
  maxPageSize: 200,
};
const registry = createFieldRegistry('contact', {
  customFields: [
    { type: 'enumeration', code: 'tier', labels: { en: 'Tier' }, options: [{ id: 'gold', labels: { en: 'Gold' } }] },
    { type: 'string', code: 'tags', labels: { en: 'Tags' }, multiple: true },
  ],
});
const contacts = { entityType: 'contact', registry, capabilities: everything } as const;

describe('normalizeQuery', () => {
  it('fills an empty query with no clauses, no sort and the default page size', () => {
    expect(normalizeQuery({}, contacts)).toEqual({ where: [], sort: [], limit: 50 });
    expect(normalizeQuery({}, { ...contacts, defaultLimit: 20 }).limit).toBe(20);
    expect(normalizeQuery({}, { ...contacts, capabilities: { ...everything, maxPageSize: 10 } }).limit).toBe(10);
  });

  it('accepts standard, custom and multi-field clauses with values of their operator’s shape', () => {
    const query = normalizeQuery(
      {
        where: [
          { field: 'lastName', op: 'startsWith', value: 'Gar' },
          { field: 'custom.tier', op: 'in', value: ['gold'] },
          { field: 'custom.tags', op: 'overlaps', value: ['vip'] },
          { field: 'emails', op: 'eq', value: 'ana@example.com' },
          { field: 'comments', op: 'isEmpty' },
        ],
        sort: [{ field: 'lastName', direction: 'asc' }, { field: 'custom.tier', direction: 'desc' }],
        limit: 10,
        cursor: 'abc',
      },
      contacts,
    );
    expect(query.where).toHaveLength(5);
    expect(query.cursor).toBe('abc');
    expect(Object.isFrozen(query)).toBe(true);
  });

  it.each([
    ['an unknown standard field', { where: [{ field: 'nickname', op: 'eq', value: 'x' }] }, 'UNKNOWN_FIELD'],
    ['a custom field the registry lacks', { where: [{ field: 'custom.ghost', op: 'eq', value: 'x' }] }, 'UNKNOWN_FIELD'],
    ['a sort on a list-valued field', { sort: [{ field: 'emails', direction: 'asc' }] }, 'UNKNOWN_FIELD'],
    ['a sort on a multiple custom field', { sort: [{ field: 'custom.tags', direction: 'asc' }] }, 'UNKNOWN_FIELD'],
    ['an unknown operator', { where: [{ field: 'lastName', op: 'like', value: 'x' }] }, 'INVALID_ARGUMENT'],
    ['a value for isEmpty', { where: [{ field: 'lastName', op: 'isEmpty', value: 'x' }] }, 'INVALID_ARGUMENT'],
    ['no list for in', { where: [{ field: 'lastName', op: 'in', value: 'x' }] }, 'INVALID_ARGUMENT'],
    ['an empty list for in', { where: [{ field: 'lastName', op: 'in', value: [] }] }, 'INVALID_ARGUMENT'],
    ['a list for eq', { where: [{ field: 'lastName', op: 'eq', value: ['x'] }] }, 'INVALID_ARGUMENT'],
    ['no value for eq', { where: [{ field: 'lastName', op: 'eq' }] }, 'INVALID_ARGUMENT'],
    ['an extra key in a clause', { where: [{ field: 'lastName', op: 'eq', value: 'x', or: true }] }, 'INVALID_ARGUMENT'],
    ['a bad direction', { sort: [{ field: 'lastName', direction: 'up' }] }, 'INVALID_ARGUMENT'],
    ['a page too large', { limit: 201 }, 'INVALID_ARGUMENT'],
    ['a fractional page', { limit: 2.5 }, 'INVALID_ARGUMENT'],
    ['an empty cursor', { cursor: '' }, 'INVALID_ARGUMENT'],
    ['an unknown query key', { filter: [] }, 'INVALID_ARGUMENT'],
    ['a query that is not a plain object', Object.create({ where: [] }) as object, 'INVALID_ARGUMENT'],
  ])('refuses %s', (_, query, code) => {
    expect(codeOf(() => normalizeQuery(query, contacts))).toBe(code);
  });

  it('refuses what the adapter does not declare, as UNSUPPORTED', () => {
    const modest = { ...contacts, capabilities: { ...everything, operators: ['eq'] as const, customFieldFilters: false, multiFieldFilters: false } };
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'lastName', op: 'startsWith', value: 'G' }] }, modest))).toBe('UNSUPPORTED');
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'custom.tier', op: 'eq', value: 'gold' }] }, modest))).toBe('UNSUPPORTED');
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'phones', op: 'eq', value: '1' }] }, modest))).toBe('UNSUPPORTED');
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'lastName', op: 'eq', value: 'G' }] }, modest))).toBe('no error');
  });

  it('errors give the place in issues, and never the field text or the value', () => {
    for (const query of [
      { where: [{ field: 'lastName', op: 'eq', value: 'x' }, { field: 'secret_field', op: 'eq', value: 'secret-value' }] },
      { where: [{ field: 'lastName', op: 'eq', value: ['secret-value'] }] },
      { sort: [{ field: 'secret_field', direction: 'asc' }] },
    ]) {
      try {
        normalizeQuery(query, contacts);
        expect.unreachable();
      } catch (error) {
        expect(isCrmError(error, 'UNKNOWN_FIELD', 'INVALID_ARGUMENT') ? error.issues.length : 0).toBe(1);
        expect(JSON.stringify(error) + String(error)).not.toContain('secret');
      }
    }
    expect(issuesOf(() => normalizeQuery({ where: [{ field: 'lastName', op: 'eq', value: 'x' }, { field: 'secret_field', op: 'eq', value: 1 }] }, contacts))).toEqual([['UNKNOWN_FIELD', 'where', 1, 'field']]);
    expect(issuesOf(() => normalizeQuery({ where: [{ field: 'lastName', op: 'in', value: ['a', 2, null] }] }, contacts))).toEqual([['INVALID_ARGUMENT', 'where', 0, 'value', 2]]);
    expect(issuesOf(() => normalizeQuery({ limit: 0 }, contacts))).toEqual([['INVALID_ARGUMENT', 'limit']]);
  });

  it('refuses text a database would refuse, and lists and cursors past their caps', () => {
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'lastName', op: 'eq', value: 'a\u0000b' }] }, contacts))).toBe('INVALID_TEXT');
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'lastName', op: 'eq', value: '\uD800' }] }, contacts))).toBe('INVALID_TEXT');
    expect(codeOf(() => normalizeQuery({ where: Array.from({ length: LIMITS.queryClauses + 1 }, () => ({ field: 'lastName', op: 'isEmpty' })) }, contacts))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'lastName', op: 'in', value: Array.from({ length: LIMITS.queryValues + 1 }, String) }] }, contacts))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => normalizeQuery({ cursor: 'x'.repeat(LIMITS.cursorText + 1) }, contacts))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(() => normalizeQuery({ cursor: 'x'.repeat(LIMITS.cursorText) }, contacts))).toBe('no error');
  });

  it('copies the values it checked, so a Date changed afterwards does not reach the adapter', () => {
    const day = new Date('2026-03-01T00:00:00Z');
    const query = normalizeQuery({ where: [{ field: 'createdAt', op: 'gte', value: day }] }, contacts);
    day.setTime(0);
    expect(query.where[0]?.value).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('takes any well-formed custom code without a registry, and none that is not a slug', () => {
    const bare = { entityType: 'contact', capabilities: everything } as const;
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'custom.tier', op: 'eq', value: 'gold' }] }, bare))).toBe('no error');
    expect(codeOf(() => normalizeQuery({ where: [{ field: 'custom.Tier', op: 'eq', value: 'gold' }] }, bare))).toBe('UNKNOWN_FIELD');
  });

  describe('stage groups', () => {
    const other = unwrap(
      checkPipeline({
        id: 'vip',
        entityType: 'deal',
        name: 'VIP',
        stages: [
          { id: 'VIP_NEW', name: 'New', sort: 10, color: '#9b9b9b', semantic: 'process' },
          { id: 'WON', name: 'Won', sort: 90, color: '#27ae60', semantic: 'success' },
          { id: 'VIP_LOST', name: 'Lost', sort: 100, color: '#eb5757', semantic: 'failure' },
        ],
      }),
    );
    const deals = { entityType: 'deal', capabilities: everything, pipelines: [DEFAULT_DEAL_PIPELINE, other] } as const;
    const where = (op: string, value: unknown): unknown => normalizeQuery({ where: [{ field: 'stageGroup', op, value }] }, deals).where;

    it('rewrites a stageGroup clause into the stage ids of the wanted groups across every pipeline', () => {
      expect(where('eq', 'won')).toEqual([{ field: 'stageId', op: 'in', value: ['WON'] }]);
      expect(where('eq', 'lost')).toEqual([{ field: 'stageId', op: 'in', value: ['LOST', 'VIP_LOST'] }]);
      expect(where('ne', 'in-progress')).toEqual([{ field: 'stageId', op: 'in', value: ['WON', 'LOST', 'VIP_LOST'] }]);
      expect(where('notIn', ['won', 'lost'])).toEqual(where('eq', 'in-progress'));
      expect(where('in', ['won', 'lost'])).toEqual(where('ne', 'in-progress'));
    });

    it('a filter wanting no group matches nothing: isEmpty on the stage field, which every stored record fills', () => {
      expect(where('notIn', ['in-progress', 'won', 'lost'])).toEqual([{ field: 'stageId', op: 'isEmpty' }]);
    });

    it('uses the status field for leads', () => {
      const leads = { entityType: 'lead', capabilities: everything, pipelines: [DEFAULT_LEAD_STATUSES] } as const;
      expect(normalizeQuery({ where: [{ field: 'stageGroup', op: 'eq', value: 'won' }] }, leads).where).toEqual([{ field: 'status', op: 'in', value: ['CONVERTED'] }]);
    });

    it('refuses other operators, unknown groups, a stage group without pipelines, and pipelines of another type', () => {
      expect(codeOf(() => where('contains', 'won'))).toBe('INVALID_ARGUMENT');
      expect(codeOf(() => where('eq', 'closed'))).toBe('INVALID_ARGUMENT');
      expect(codeOf(() => where('in', []))).toBe('INVALID_ARGUMENT');
      expect(codeOf(() => where('eq', ['won']))).toBe('INVALID_ARGUMENT');
      expect(codeOf(() => normalizeQuery({ where: [{ field: 'stageGroup', op: 'eq', value: 'won' }] }, { ...deals, pipelines: undefined }))).toBe('UNKNOWN_FIELD');
      expect(codeOf(() => normalizeQuery({}, { ...deals, pipelines: [DEFAULT_LEAD_STATUSES] }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(() => normalizeQuery({}, { ...deals, pipelines: 'all' as never }))).toBe('INVALID_ARGUMENT');
    });

    it('refuses pipelines where one stage id is in two groups, since the filter could not tell them apart', () => {
      const clash = unwrap(checkPipeline({ ...other, id: 'clash', stages: other.stages.map((stage) => (stage.id === 'VIP_NEW' ? { ...stage, id: 'LOST' } : stage)) }));
      expect(codeOf(() => normalizeQuery({}, { ...deals, pipelines: [DEFAULT_DEAL_PIPELINE, clash] }))).toBe('INVALID_ARGUMENT');
    });

    it('needs the operator the rewrite uses to be declared', () => {
      const modest = { ...deals, capabilities: { ...everything, operators: ['eq', 'ne'] as const } };
      expect(codeOf(() => normalizeQuery({ where: [{ field: 'stageGroup', op: 'eq', value: 'won' }] }, modest))).toBe('UNSUPPORTED');
    });
  });
});
