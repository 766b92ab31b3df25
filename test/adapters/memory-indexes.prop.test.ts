import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from 'crm-kit/memory';
import type { FilterClause, Query, StoredRecord } from 'crm-kit';
import { row } from './memory-fixtures.js';

// The memory store answers eq, in and overlaps through equality indexes built on first use and kept
// in step with every committed write. The oracle here is a plain filter over what is stored.

// Enough distinct values that an index names few records, so both the index and the scan run.
const NAMES = ['Ana', 'Leo', 'Eva', 'Bea', 'Iker', 'Noa', 'Sol', 'Teo'] as const;
const TIERS = ['gold', 'silver'] as const;
const TAGS = ['vip', 'north', 'south'] as const;

interface Values {
  readonly firstName?: (typeof NAMES)[number];
  readonly opened: boolean;
  readonly seats?: number;
  readonly tier?: (typeof TIERS)[number];
  readonly tags: readonly (typeof TAGS)[number][];
  readonly phones: readonly string[];
}

const arbValues: fc.Arbitrary<Values> = fc.record(
  {
    firstName: fc.constantFrom(...NAMES),
    opened: fc.boolean(),
    seats: fc.integer({ min: 0, max: 9 }),
    tier: fc.constantFrom(...TIERS),
    tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 2 }),
    phones: fc.uniqueArray(fc.constantFrom('+34 1', '+34 2', '+34 3'), { maxLength: 2 }),
  },
  { requiredKeys: ['opened', 'tags', 'phones'] },
);

function recordOf(id: string, version: number, values: Values): StoredRecord {
  const custom: Record<string, unknown> = { tags: [...values.tags] };
  if (values.tier !== undefined) custom.tier = values.tier;
  if (values.seats !== undefined) custom.seats = values.seats;
  const fields: Record<string, unknown> = { version, opened: values.opened, phones: values.phones.map((value) => ({ value, kind: 'work' })) };
  if (values.firstName !== undefined) fields.firstName = values.firstName;
  return row(id, fields, custom);
}

/** What a clause asks of the plain values, as the query language defines it. */
function holds(values: Values, clause: FilterClause): boolean {
  const held: Readonly<Record<string, readonly unknown[]>> = {
    firstName: values.firstName === undefined ? [] : [values.firstName],
    opened: [values.opened],
    'custom.seats': values.seats === undefined ? [] : [values.seats],
    'custom.tier': values.tier === undefined ? [] : [values.tier],
    'custom.tags': values.tags,
    phones: values.phones,
  };
  const elements = held[clause.field] ?? [];
  const wanted = clause.op === 'eq' ? [clause.value] : (clause.value as readonly unknown[]);
  return elements.some((element) => wanted.includes(element));
}

const arbClause: fc.Arbitrary<FilterClause> = fc.oneof(
  fc.record({ field: fc.constant('firstName'), op: fc.constantFrom('eq' as const), value: fc.constantFrom(...NAMES, 'Zoe') }),
  fc.record({ field: fc.constant('opened'), op: fc.constant('eq' as const), value: fc.boolean() }),
  fc.record({ field: fc.constant('custom.seats'), op: fc.constant('in' as const), value: fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ field: fc.constant('custom.tier'), op: fc.constantFrom('eq' as const), value: fc.constantFrom(...TIERS) }),
  fc.record({ field: fc.constant('custom.tags'), op: fc.constantFrom('in' as const, 'overlaps' as const), value: fc.uniqueArray(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 2 }) }),
  fc.record({ field: fc.constant('phones'), op: fc.constant('eq' as const), value: fc.constantFrom('+34 1', '+34 2', '+34 9') }),
);

type Step =
  | { readonly kind: 'put'; readonly id: number; readonly values: Values }
  | { readonly kind: 'delete'; readonly id: number }
  | { readonly kind: 'query'; readonly where: readonly FilterClause[] };

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), id: fc.integer({ min: 1, max: 24 }), values: arbValues }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 24 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), where: fc.array(arbClause, { minLength: 1, maxLength: 2 }) }) },
);

// Each batch of steps runs straight on the store, in a committed unit, in a unit rolled back, or in
// a nested unit (a savepoint) rolled back inside a unit that commits.
const arbBatch = fc.record({
  mode: fc.constantFrom('direct' as const, 'commit' as const, 'rollback' as const, 'savepoint' as const),
  steps: fc.array(arbStep, { maxLength: 12 }),
});

describe('memory store equality indexes', () => {
  it('eq, in and overlaps find, count and stream exactly the records a plain filter finds, through inserts, updates, deletes, commits and rollbacks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbBatch, { minLength: 1, maxLength: 8 }), async (batches) => {
        const store = createMemoryStore();
        const committed = new Map<string, { version: number; values: Values }>();
        for (const batch of batches) {
          const working = new Map(committed);
          const run = async (scope: Pick<typeof store, 'repository'>): Promise<void> => {
            const contacts = scope.repository('contact');
            for (const step of batch.steps) {
              const id = step.kind === 'query' ? '' : `c${String(step.id)}`;
              const known = working.get(id);
              if (step.kind === 'put') {
                if (known === undefined) await contacts.insert(recordOf(id, 1, step.values));
                else await contacts.update(recordOf(id, known.version + 1, step.values), known.version);
                working.set(id, { version: (known?.version ?? 0) + 1, values: step.values });
              } else if (step.kind === 'delete') {
                if (known === undefined) continue;
                await contacts.delete(id, known.version);
                working.delete(id);
              } else {
                const query: Query = { where: step.where, sort: [], limit: 3 };
                const expected = [...working].filter(([, entry]) => step.where.every((clause) => holds(entry.values, clause))).map(([key]) => key).sort();
                const found: string[] = [];
                for await (const record of contacts.stream(query)) found.push(record.id);
                let page = await contacts.find(query);
                const paged = page.items.map((record) => record.id);
                while (page.nextCursor !== undefined) {
                  page = await contacts.find({ ...query, cursor: page.nextCursor });
                  paged.push(...page.items.map((record) => record.id));
                }
                expect(found.sort()).toEqual(expected);
                expect(paged.sort()).toEqual(expected);
                expect(await contacts.count(query)).toBe(expected.length);
              }
            }
          };
          if (batch.mode === 'direct') {
            await run(store);
            for (const [key, value] of working) committed.set(key, value);
            for (const key of committed.keys()) if (!working.has(key)) committed.delete(key);
          } else if (batch.mode === 'savepoint') {
            const rolledBack = new Error('roll back');
            await store.transaction(async (scope) => {
              await scope
                .transaction(async (inner) => {
                  await run(inner);
                  throw rolledBack;
                })
                .catch((error: unknown) => {
                  if (error !== rolledBack) throw error;
                });
            });
          } else {
            const rolledBack = new Error('roll back');
            await store
              .transaction(async (scope) => {
                await run(scope);
                if (batch.mode === 'rollback') throw rolledBack;
              })
              .catch((error: unknown) => {
                if (error !== rolledBack) throw error;
              });
            if (batch.mode === 'commit') {
              committed.clear();
              for (const [key, value] of working) committed.set(key, value);
            }
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});
