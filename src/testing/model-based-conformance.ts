import * as assert from './_internal/assert.js';
import fc from 'fast-check';
import type { Contact } from '../entities/index.js';
import { isPlainRecord, ValidationError } from '../kernel/index.js';
import type { FilterClause, Repository, SortKey, Store, StoreAdapter } from '../store/index.js';
import { createStore as makeStore } from '../store/index.js';
import { at, contact } from './_internal/fixtures.js';
import { assertRejectsWith, assertSameData, cappedRepository, idsOf, walkPages } from './_internal/harness.js';
import type { ConformanceCase } from './conformance-case.js';

/**
 * What {@link modelBasedConformance} needs.
 *
 * @example
 * ```ts
 * const options: ModelBasedConformanceOptions = { createStore: () => createMemoryStore(), numRuns: 50, seed: 42 };
 * ```
 */
export interface ModelBasedConformanceOptions {
  /** Makes a new, empty store; called once per generated run. */
  readonly createStore: () => StoreAdapter | Promise<StoreAdapter>;
  /** How many random command sequences to try; fast-check's global setting when omitted. */
  readonly numRuns?: number | undefined;
  /** Replays one run of fast-check (the seed its failure message prints). */
  readonly seed?: number | undefined;
  /** The longest command sequence; default 40. */
  readonly maxCommands?: number | undefined;
}

interface Model {
  readonly records: Map<string, Contact>;
}

interface Real {
  readonly store: Store;
  readonly contacts: Repository;
}

// Small universes, so that commands hit the same records, owners and values often.
const IDS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'] as const;
const OWNERS = ['u-ana', 'u-leo', 'u-max'] as const;
const NAMES = ['Ana', 'ana', 'Bea', 'Zoe'] as const;

const arbId = fc.constantFrom(...IDS);
const arbFields = fc.record({
  firstName: fc.constantFrom(...NAMES),
  assignedById: fc.constantFrom(...OWNERS),
  opened: fc.boolean(),
  createdAt: fc.integer({ min: 0, max: 3 }).map(at),
  custom: fc.record({ seats: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: [] }),
});
type Change = typeof arbFields extends fc.Arbitrary<infer T> ? T : never;

const arbClause: fc.Arbitrary<FilterClause | undefined> = fc.option(
  fc.oneof(
    fc.constantFrom(...OWNERS).map((value): FilterClause => ({ field: 'assignedById', op: 'eq', value })),
    fc.boolean().map((value): FilterClause => ({ field: 'opened', op: 'eq', value })),
    fc.constantFrom(...NAMES).map((value): FilterClause => ({ field: 'firstName', op: 'eq', value })),
  ),
  { nil: undefined },
);
const arbSort: fc.Arbitrary<readonly SortKey[]> = fc.constantFrom<readonly SortKey[]>(
  [],
  [{ field: 'createdAt', direction: 'asc' }],
  [{ field: 'createdAt', direction: 'desc' }],
  [
    { field: 'firstName', direction: 'asc' },
    { field: 'createdAt', direction: 'desc' },
  ],
);

function fieldOf(record: Contact, field: string): unknown {
  return (record as unknown as Readonly<Record<string, unknown>>)[field];
}

function modelFind(model: Model, clause: FilterClause | undefined, sort: readonly SortKey[]): string[] {
  const key = (value: unknown): string | number => (value instanceof Date ? value.getTime() : String(value));
  const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...model.records.values()]
    .filter((record) => clause === undefined || fieldOf(record, clause.field) === clause.value)
    .sort((x, y) => {
      for (const { field, direction } of sort) {
        const order = compare(key(fieldOf(x, field)), key(fieldOf(y, field)));
        if (order !== 0) return direction === 'asc' ? order : -order;
      }
      return compare(x.id, y.id);
    })
    .map((record) => record.id);
}

// After every command the store must hold exactly what the model holds.
async function assertAgree(model: Model, real: Real): Promise<void> {
  const stored = await walkPages(real.contacts, { limit: 4 });
  assert.deepStrictEqual(idsOf(stored), [...model.records.keys()].sort(), 'the store holds the records of the model');
  for (const record of stored) assertSameData(record, model.records.get(record.id), `record ${record.id}`);
  assert.equal(await real.contacts.count({}), model.records.size, 'count');
}

type StoreCommand = fc.AsyncCommand<Model, Real>;

function command(describe: string, run: (model: Model, real: Real) => Promise<void>): StoreCommand {
  return {
    check: () => true,
    run: async (model, real) => {
      await run(model, real);
      await assertAgree(model, real);
    },
    toString: () => describe,
  };
}

const insertCommand = fc.tuple(arbId, arbFields).map(([id, fields]) =>
  command(`insert(${id}, ${JSON.stringify(fields)})`, async (model, real) => {
    const record = contact(id, fields);
    if (model.records.has(id)) {
      await assertRejectsWith(() => real.contacts.insert(record), 'DUPLICATE_ID', `insert of existing ${id}`);
      return;
    }
    assertSameData(await real.contacts.insert(record), record, 'insert returns the record');
    model.records.set(id, record);
  }),
);

// `skew` 0 is the current version; other values are stale or ahead of it.
const updateCommand = fc.tuple(arbId, arbFields, fc.constantFrom(0, 0, 0, -1, 1)).map(([id, change, skew]) =>
  command(`update(${id}, ${JSON.stringify(change)}, skew ${String(skew)})`, async (model, real) => {
    const current = model.records.get(id);
    if (current === undefined) {
      await assertRejectsWith(() => real.contacts.update(contact(id, { ...change, version: 2 }), 1), 'NOT_FOUND', `update of missing ${id}`);
      return;
    }
    const expectedVersion = current.version + skew;
    const next: Contact = { ...current, ...(change satisfies Change), version: expectedVersion + 1, updatedAt: at(100 + current.version) };
    if (skew !== 0) {
      await assertRejectsWith(() => real.contacts.update(next, expectedVersion), 'VERSION_CONFLICT', `update of ${id} at version ${String(expectedVersion)}`);
      return;
    }
    assertSameData(await real.contacts.update(next, expectedVersion), next, 'update returns the record');
    model.records.set(id, next);
  }),
);

const deleteCommand = fc.tuple(arbId, fc.constantFrom('none', 'current', 'stale')).map(([id, mode]) =>
  command(`delete(${id}, ${mode} version)`, async (model, real) => {
    const current = model.records.get(id);
    const version = mode === 'none' ? undefined : (current?.version ?? 1) + (mode === 'stale' ? 1 : 0);
    if (current === undefined) {
      await assertRejectsWith(() => real.contacts.delete(id, version), 'NOT_FOUND', `delete of missing ${id}`);
      return;
    }
    if (mode === 'stale') {
      await assertRejectsWith(() => real.contacts.delete(id, version), 'VERSION_CONFLICT', `stale delete of ${id}`);
      return;
    }
    await real.contacts.delete(id, version);
    model.records.delete(id);
  }),
);

const getCommand = fc.uniqueArray(arbId, { minLength: 1, maxLength: 4 }).map((ids) =>
  command(`get(${ids.join(', ')})`, async (model, real) => {
    assertSameData(await real.contacts.get(ids[0] ?? 'r0'), model.records.get(ids[0] ?? 'r0') ?? null, 'get');
    const expected = ids.flatMap((id) => model.records.get(id) ?? []);
    assertSameData(await real.contacts.getMany(ids), expected, 'getMany');
  }),
);

const findCommand = fc.tuple(arbClause, arbSort, fc.integer({ min: 1, max: 4 })).map(([clause, sort, limit]) =>
  command(`find(${JSON.stringify({ clause, sort, limit })})`, async (model, real) => {
    const usable = clause !== undefined && real.store.capabilities.operators.includes('eq') ? clause : undefined;
    const where = usable === undefined ? [] : [usable];
    assert.deepStrictEqual(idsOf(await walkPages(real.contacts, { where, sort, limit })), modelFind(model, usable, sort), 'find');
    assert.equal(await real.contacts.count({ where }), modelFind(model, usable, []).length, 'count of the query');
  }),
);

/**
 * A model-based conformance suite: fast-check drives a store's contacts repository and a plain
 * `Map` with random sequences of inserts, updates (current, stale and future versions), deletes
 * (with and without a version), gets and finds (filters, sorts, page sizes), and compares the
 * two after every step. On failure fast-check's error names the seed and the shrunk sequence;
 * pass the seed back to replay it.
 *
 * @param options - The store factory and fast-check's run settings.
 * @returns One case, `model: ...`; register it with {@link runConformance}.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when `createStore` is not a function or a
 * setting is not a whole number (the count of runs or commands from 1).
 *
 * @example
 * ```ts
 * // import { it } from 'vitest';
 * // import { createMemoryStore } from 'crm-kit/memory';
 * runConformance(modelBasedConformance({ createStore: createMemoryStore, numRuns: 100 }), it);
 * ```
 */
export function modelBasedConformance(options: ModelBasedConformanceOptions): ConformanceCase[] {
  const given: Partial<ModelBasedConformanceOptions> = isPlainRecord(options) ? options : {};
  if (typeof given.createStore !== 'function') throw new ValidationError('INVALID_ARGUMENT', 'modelBasedConformance needs a createStore function.');
  const count = (value: number | undefined): boolean => value === undefined || (Number.isSafeInteger(value) && value >= 1);
  if (!count(options.numRuns) || !count(options.maxCommands) || !(options.seed === undefined || Number.isSafeInteger(options.seed))) {
    throw new ValidationError('INVALID_ARGUMENT', 'numRuns and maxCommands are whole numbers from 1; seed is a whole number.');
  }
  const { createStore, numRuns, seed } = options;

  const commands = fc.commands([insertCommand, updateCommand, deleteCommand, getCommand, findCommand], {
    maxCommands: options.maxCommands ?? 40,
  });
  const property = fc.asyncProperty(commands, async (sequence) => {
    const setup = async (): Promise<{ model: Model; real: Real }> => {
      const store = makeStore(await createStore());
      return { model: { records: new Map() }, real: { store, contacts: cappedRepository(store.repository('contact'), store.capabilities.maxPageSize) } };
    };
    await fc.asyncModelRun(setup, sequence);
  });
  return [
    {
      name: 'model: random inserts, updates, deletes, gets and finds agree with a Map after every step',
      skipped: false,
      run: async () => {
        await fc.assert(property, { ...(numRuns === undefined ? {} : { numRuns }), ...(seed === undefined ? {} : { seed }) });
        return { status: 'passed' };
      },
    },
  ];
}
