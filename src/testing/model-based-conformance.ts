import * as assert from './_internal/assert.js';
import fc from 'fast-check';
import type { Contact } from '../entities/index.js';
import type { CrmErrorCode } from '../kernel/index.js';
import { isCrmError, isPlainRecord, ValidationError } from '../kernel/index.js';
import type { FilterClause, Repository, SortKey, Store, StoreAdapter } from '../store/index.js';
import { createStore as makeStore } from '../store/index.js';
import { at, contact } from './_internal/fixtures.js';
import { assertRejectsWith, assertSameData, cappedRepository, idsOf, isSameData, walkPages } from './_internal/harness.js';
import type { ConformanceCase } from './conformance-case.js';

/**
 * What {@link modelBasedConformance} needs.
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

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

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

/** A write, as a command generates it, before it is planned against the model. */
type WriteSpec =
  | { readonly kind: 'insert'; readonly id: string; readonly fields: Change }
  | { readonly kind: 'update'; readonly id: string; readonly fields: Change; readonly skew: number }
  | { readonly kind: 'delete'; readonly id: string; readonly mode: 'none' | 'current' | 'stale' };

// `skew` 0 is the current version; other values are stale or ahead of it.
const arbWrite: fc.Arbitrary<WriteSpec> = fc.oneof(
  fc.tuple(arbId, arbFields).map(([id, fields]): WriteSpec => ({ kind: 'insert', id, fields })),
  fc.tuple(arbId, arbFields, fc.constantFrom(0, 0, 0, -1, 1)).map(([id, fields, skew]): WriteSpec => ({ kind: 'update', id, fields, skew })),
  fc.tuple(arbId, fc.constantFrom('none', 'current', 'stale') satisfies fc.Arbitrary<'none' | 'current' | 'stale'>).map(([id, mode]): WriteSpec => ({ kind: 'delete', id, mode })),
);

/** A write with its arguments fixed from what the model holds when it is planned. */
type Write =
  | { readonly kind: 'insert'; readonly record: Contact }
  | { readonly kind: 'update'; readonly record: Contact; readonly expectedVersion: number }
  | { readonly kind: 'delete'; readonly id: string; readonly version: number | undefined };

function plan(records: ReadonlyMap<string, Contact>, spec: WriteSpec): Write {
  const current = records.get(spec.id);
  switch (spec.kind) {
    case 'insert':
      return { kind: 'insert', record: contact(spec.id, spec.fields) };
    case 'update': {
      if (current === undefined) return { kind: 'update', record: contact(spec.id, { ...spec.fields, version: 2 }), expectedVersion: 1 };
      const expectedVersion = current.version + spec.skew;
      return { kind: 'update', record: { ...current, ...spec.fields, version: expectedVersion + 1, updatedAt: at(100 + current.version) }, expectedVersion };
    }
    case 'delete':
      return { kind: 'delete', id: spec.id, version: spec.mode === 'none' ? undefined : (current?.version ?? 1) + (spec.mode === 'stale' ? 1 : 0) };
  }
}

const describeWrite = (write: Write): string =>
  write.kind === 'delete'
    ? `delete(${write.id}, version ${String(write.version)})`
    : write.kind === 'insert'
      ? `insert(${write.record.id}, ${JSON.stringify(write.record)})`
      : `update(${write.record.id}, expected version ${String(write.expectedVersion)}, ${JSON.stringify(write.record)})`;

/** What the contract says `write` does to `records`: `'ok'` (and `records` changed) or the error code. */
function applyTo(records: Map<string, Contact>, write: Write): 'ok' | CrmErrorCode {
  if (write.kind === 'insert') {
    if (records.has(write.record.id)) return 'DUPLICATE_ID';
    records.set(write.record.id, write.record);
    return 'ok';
  }
  const id = write.kind === 'update' ? write.record.id : write.id;
  const current = records.get(id);
  if (current === undefined) return 'NOT_FOUND';
  const expected = write.kind === 'update' ? write.expectedVersion : write.version;
  if (expected !== undefined && current.version !== expected) return 'VERSION_CONFLICT';
  if (write.kind === 'update') records.set(id, write.record);
  else records.delete(id);
  return 'ok';
}

async function perform(contacts: Repository, write: Write): Promise<void> {
  if (write.kind === 'insert') assertSameData(await contacts.insert(write.record), write.record, 'insert returns the record');
  else if (write.kind === 'update') assertSameData(await contacts.update(write.record, write.expectedVersion), write.record, 'update returns the record');
  else await contacts.delete(write.id, write.version);
}

const writeCommand = arbWrite.map((spec) =>
  command(`${spec.kind}(${JSON.stringify(spec)})`, async (model, real) => {
    const write = plan(model.records, spec);
    const outcome = applyTo(model.records, write);
    if (outcome === 'ok') await perform(real.contacts, write);
    else await assertRejectsWith(() => perform(real.contacts, write), outcome, describeWrite(write));
  }),
);

/**
 * Two writes planned against the same state and started together, each outside any unit or in a
 * unit of its own. What they return and leave MUST be what running both, one after the other in
 * some order, gives; a unit may instead be refused with a conflict, as if it had never run.
 */
const concurrentCommand = fc.tuple(arbWrite, arbWrite, fc.boolean(), fc.boolean(), fc.boolean()).map(([first, other, sameId, firstInUnit, secondInUnit]) => {
  // Half the time both writes go to one record, where they race.
  const second: WriteSpec = sameId ? { ...other, id: first.id } : other;
  return command(`concurrently(${JSON.stringify({ first, firstInUnit, second, secondInUnit })})`, async (model, real) => {
    const writes = [plan(model.records, first), plan(model.records, second)] as const;
    const transactions = real.store.capabilities.transactions;
    const inUnit = [firstInUnit && transactions, secondInUnit && transactions] as const;
    const maxPageSize = real.store.capabilities.maxPageSize;
    const results = await Promise.allSettled(
      writes.map((write, index) =>
        inUnit[index] === true
          ? real.store.transaction((scope) => perform(cappedRepository(scope.repository('contact'), maxPageSize), write))
          : perform(real.contacts, write),
      ),
    );
    for (const result of results) if (result.status === 'rejected' && !isCrmError(result.reason)) throw result.reason;
    const stored = await walkPages(real.contacts, { limit: 4 });
    // Every order of the writes that ran; a write left out must be a unit refused with a conflict.
    const orders: readonly (readonly number[])[] = [[0, 1], [1, 0], [0], [1], []];
    for (const order of orders) {
      const records = new Map(model.records);
      const outcomes = new Map(
        order.flatMap((index) => {
          const write = writes[index];
          return write === undefined ? [] : [[index, applyTo(records, write)] as const];
        }),
      );
      const explained = results.every((result, index) => {
        const outcome = outcomes.get(index);
        const refusedUnit = inUnit[index] === true && result.status === 'rejected' && isCrmError(result.reason, 'VERSION_CONFLICT', 'DUPLICATE_ID', 'NOT_FOUND');
        if (outcome === undefined) return refusedUnit;
        if (outcome === 'ok') return result.status === 'fulfilled';
        return refusedUnit || (result.status === 'rejected' && isCrmError(result.reason, outcome));
      });
      const sorted = [...records.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (explained && isSameData(stored, sorted)) {
        model.records.clear();
        for (const record of sorted) model.records.set(record.id, record);
        return;
      }
    }
    const shown = results.map((result) => (result.status === 'fulfilled' ? 'succeeded' : `failed with ${describeError(result.reason)}`));
    assert.fail(`${writes.map(describeWrite).join(' and ')}, run together, ${shown.join(' and ')} and left ${JSON.stringify(idsOf(stored))}: no order of the two explains it`);
  });
});

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
 * (with and without a version), gets and finds (filters, sorts, page sizes), and pairs of writes
 * started together, each outside any unit or in a transaction of its own (what they return and
 * leave must be what running them one after the other in some order gives, or a unit refused with
 * a conflict), and compares the two after every step. On failure fast-check's error names the seed and the shrunk sequence;
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
  const commands = fc.commands([writeCommand, writeCommand, writeCommand, getCommand, findCommand, concurrentCommand], {
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
      name: 'model: random inserts, updates, deletes, gets, finds and writes run together agree with a Map after every step',
      skipped: false,
      run: async () => {
        await fc.assert(property, { ...(numRuns === undefined ? {} : { numRuns }), ...(seed === undefined ? {} : { seed }) });
        return { status: 'passed' };
      },
    },
  ];
}
