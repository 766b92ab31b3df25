import { normalizeQuery } from 'crm-kit';
import type { FilterClause, StoredRecord } from 'crm-kit';
import { describe, expect, it } from 'vitest';
import { indexHints } from '../../src/adapters/memory/_internal/compile-query.js';
import { commitUnit, directSession, MemoryState, Unit, unitSession } from '../../src/adapters/memory/_internal/state.js';
import type { Session } from '../../src/adapters/memory/_internal/state.js';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { row } from './memory-fixtures.js';

// Whether the equality indexes are used cannot be seen in what a query returns (the query's own
// test runs on every candidate), only in which records it looks at: these tests read the
// candidates the store's state hands a query, the records its filter then visits.

const capabilities = createMemoryStore().capabilities;

/** The ids of the records a query with these clauses visits, in id order. */
function visited(session: Session, where: readonly FilterClause[]): string[] {
  const query = normalizeQuery({ where }, { entityType: 'contact', capabilities });
  return [...session.candidates('contact', indexHints(query))].map((record) => record.id).sort();
}

/** 24 contacts: first names n0…n11 twice, a tier on every fourth, a flag on three, phones on the first four. */
function records(): StoredRecord[] {
  return Array.from({ length: 24 }, (_, index) => {
    const id = `r${String(index).padStart(2, '0')}`;
    const phones = index < 2 ? [{ value: '+1', kind: 'work' }, { value: '+2', kind: 'home' }] : index < 4 ? [{ value: '+2', kind: 'work' }] : [];
    const values = { seats: index, flag: index % 10 === 1, ...(index % 4 === 0 ? { tier: 'gold' } : {}) };
    return row(id, { firstName: `n${index % 12}`, opened: index % 2 === 0, phones }, values);
  });
}

function seeded(): { readonly state: MemoryState; readonly session: Session } {
  const state = new MemoryState();
  const session = directSession(state);
  session.put('contact', records().map((record) => [record.id, record] as const));
  return { state, session };
}

const ALL = records().map((record) => record.id);

describe('memory store: equality indexes narrow the records a query visits', () => {
  it('visits only the records holding the value of an eq clause, not the whole table', () => {
    const { session } = seeded();
    expect(visited(session, [{ field: 'firstName', op: 'eq', value: 'n3' }])).toEqual(['r03', 'r15']);
    expect(visited(session, [{ field: 'firstName', op: 'eq', value: 'nobody' }])).toEqual([]);
  });

  it('visits the holders of any value of in, each once', () => {
    const { session } = seeded();
    expect(visited(session, [{ field: 'firstName', op: 'in', value: ['n1', 'n2', 'zz'] }])).toEqual(['r01', 'r02', 'r13', 'r14']);
  });

  it('visits a record holding several values of overlaps on a list field once', () => {
    const { session } = seeded();
    expect(visited(session, [{ field: 'phones', op: 'overlaps', value: ['+1', '+2'] }])).toEqual(['r00', 'r01', 'r02', 'r03']);
  });

  it('indexes custom fields apart from standard fields with the same values', () => {
    const { session } = seeded();
    expect(visited(session, [{ field: 'custom.tier', op: 'eq', value: 'gold' }])).toEqual(['r00', 'r04', 'r08', 'r12', 'r16', 'r20']);
    expect(visited(session, [{ field: 'firstName', op: 'eq', value: 'gold' }])).toEqual([]);
    expect(visited(session, [{ field: 'custom.seats', op: 'eq', value: 5 }])).toEqual(['r05']);
    expect(visited(session, [{ field: 'custom.flag', op: 'eq', value: true }])).toEqual(['r01', 'r11', 'r21']);
  });

  it('uses the narrowest index of the clauses, whatever their order, the first of equally narrow ones', () => {
    const { session } = seeded();
    const tier: FilterClause = { field: 'custom.tier', op: 'eq', value: 'gold' };
    const name: FilterClause = { field: 'firstName', op: 'eq', value: 'n4' };
    expect(visited(session, [tier, name])).toEqual(['r04', 'r16']);
    expect(visited(session, [name, tier])).toEqual(['r04', 'r16']);
    const twoNames: FilterClause = { field: 'firstName', op: 'in', value: ['n4', 'n5'] };
    expect(visited(session, [twoNames, name])).toEqual(['r04', 'r16']);
    expect(visited(session, [name, twoNames])).toEqual(['r04', 'r16']);
    const otherName: FilterClause = { field: 'firstName', op: 'eq', value: 'n5' };
    expect(visited(session, [name, otherName])).toEqual(['r04', 'r16']);
    expect(visited(session, [otherName, name])).toEqual(['r05', 'r17']);
  });

  it('uses an index naming up to a quarter of the table, and scans the table beyond', () => {
    const { session } = seeded();
    expect(visited(session, [{ field: 'custom.tier', op: 'eq', value: 'gold' }])).toHaveLength(6);
    expect(visited(session, [{ field: 'custom.seats', op: 'in', value: [0, 1, 2, 3, 4, 5] }])).toHaveLength(6);
    expect(visited(session, [{ field: 'custom.seats', op: 'in', value: [0, 1, 2, 3, 4, 5, 6] }])).toEqual(ALL);
    expect(visited(session, [{ field: 'opened', op: 'eq', value: true }])).toEqual(ALL);
  });

  it('scans the table for clauses no equality index answers', () => {
    const { session } = seeded();
    const scans: FilterClause[] = [
      { field: 'firstName', op: 'ne', value: 'n1' },
      { field: 'firstName', op: 'notIn', value: ['n1'] },
      { field: 'firstName', op: 'startsWith', value: 'n1' },
      { field: 'firstName', op: 'contains', value: 'n1' },
      { field: 'firstName', op: 'gte', value: 'n9' },
      { field: 'firstName', op: 'isEmpty' },
      { field: 'createdAt', op: 'eq', value: new Date('2026-01-05T10:00:00Z') },
      { field: 'firstName', op: 'in', value: ['n1', new Date(0)] },
    ];
    for (const clause of scans) expect(visited(session, [clause])).toEqual(ALL);
    expect(visited(session, [])).toEqual(ALL);
  });

  it('keeps an index in step with inserts, updates and deletes after it was built', () => {
    const { session } = seeded();
    const name = (value: string): FilterClause[] => [{ field: 'firstName', op: 'eq', value }];
    expect(visited(session, name('n3'))).toEqual(['r03', 'r15']);
    session.put('contact', [
      ['r03', row('r03', { firstName: 'n9', version: 2 })],
      ['r99', row('r99', { firstName: 'n3' })],
      ['r09', null],
    ]);
    expect(visited(session, name('n3'))).toEqual(['r15', 'r99']);
    expect(visited(session, name('n9'))).toEqual(['r03', 'r21']);
    session.put('contact', [['r21', null]]);
    expect(visited(session, name('n9'))).toEqual(['r03']);
    session.put('contact', [['r03', null]]);
    expect(visited(session, name('n9'))).toEqual([]);
    session.put('contact', [['r03', row('r03', { firstName: 'n9', version: 3 })]]);
    expect(visited(session, name('n9'))).toEqual(['r03']);
  });

  it('keeps the list elements of a record in its index as they change', () => {
    const { session } = seeded();
    const phone = (value: string): FilterClause[] => [{ field: 'phones', op: 'eq', value }];
    expect(visited(session, phone('+1'))).toEqual(['r00', 'r01']);
    session.put('contact', [['r00', row('r00', { phones: [{ value: '+3', kind: 'work' }], version: 2 })]]);
    expect(visited(session, phone('+1'))).toEqual(['r01']);
    expect(visited(session, phone('+2'))).toEqual(['r01', 'r02', 'r03']);
    expect(visited(session, phone('+3'))).toEqual(['r00']);
  });

  it('builds each table its own indexes', () => {
    const { state, session } = seeded();
    session.put('deal', [['d1', row('d1', { title: 'n3' })]]);
    const query = normalizeQuery({ where: [{ field: 'title', op: 'eq', value: 'n3' }] }, { entityType: 'deal', capabilities });
    expect([...state.candidates('deal', indexHints(query))].map((record) => record.id)).toEqual(['d1']);
    expect(visited(session, [{ field: 'firstName', op: 'eq', value: 'n3' }])).toEqual(['r03', 'r15']);
  });

  it('in a unit, visits the indexed committed records it did not write, and every record it wrote', () => {
    const { state } = seeded();
    const unit = new Unit();
    const inside = unitSession(state, unit);
    const name: FilterClause[] = [{ field: 'firstName', op: 'eq', value: 'n3' }];
    expect(visited(inside, name)).toEqual(['r03', 'r15']);
    inside.put('contact', [
      ['r03', row('r03', { firstName: 'n4', version: 2 })],
      ['r50', row('r50', { firstName: 'n7' })],
      ['r15', null],
    ]);
    expect(visited(inside, name)).toEqual(['r03', 'r50']);
    expect(visited(directSession(state), name)).toEqual(['r03', 'r15']);
    commitUnit(state, unit);
    expect(visited(directSession(state), name)).toEqual([]);
    expect(visited(directSession(state), [{ field: 'firstName', op: 'eq', value: 'n4' }])).toEqual(['r03', 'r04', 'r16']);
  });
});
