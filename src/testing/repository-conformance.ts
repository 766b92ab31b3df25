import type { EntityType } from '../fields/index.js';
import { isPlainRecord, ValidationError } from '../kernel/index.js';
import type { StoreAdapter } from '../store/index.js';
import { createStore } from '../store/index.js';
import { ALL_CASES } from './_internal/all-cases.js';
import type { CaseDefinition } from './_internal/harness.js';
import { cappedRepository, CaseSkipped, suiteOf } from './_internal/harness.js';
import type { ConformanceCase, ConformanceOutcome } from './conformance-case.js';

/**
 * What {@link repositoryConformance} needs from an adapter's author.
 *
 * @example
 * ```ts
 * const options: RepositoryConformanceOptions<MemoryStore> = {
 *   createStore: () => createMemoryStore(),
 *   inspect: (store, entityType, id) => store.inspect(entityType, id),
 *   skip: ['transactions'],
 * };
 * ```
 */
export interface RepositoryConformanceOptions<S extends StoreAdapter> {
  /** Makes a new, empty store; called once per case. */
  readonly createStore: () => S | Promise<S>;
  /**
   * The raw reader: what the store really holds under `entityType` and `id`, read from its
   * storage by the author's own code (not through the repository), decoded to a stored record;
   * `null` (or `undefined`) when nothing is stored. It may return a promise.
   */
  readonly inspect: (store: S, entityType: EntityType, id: string) => unknown;
  /**
   * The raw reader of match keys, for a store declaring `capabilities.matchKeys`: the keys really
   * stored for `entityType` and `id`, in any order (`[]`, `null` or `undefined` when none), read
   * from its storage by the author's own code. It may return a promise. Without it, the case that
   * checks what `set` stores is skipped.
   */
  readonly inspectMatchKeys?: ((store: S, entityType: EntityType, id: string) => unknown) | undefined;
  /**
   * Names of cases, or of whole suites (`crud`, `operators`, `transactions`, `concurrency`, ...), to skip; the
   * skipped cases stay in the list with `skipped: true`.
   */
  readonly skip?: readonly string[] | undefined;
}

const PASSED: ConformanceOutcome = { status: 'passed' };

/**
 * The conformance suite every storage adapter must pass, as a list of named, independent cases,
 * each on a fresh store from `createStore`: CRUD and what each write stores (checked through
 * `inspect`), every filter operator on standard, `custom.<code>` and multi-field values, record
 * scopes, sorting on several keys with the `id` tiebreak, pagination that neither repeats nor
 * skips while other records are inserted and deleted, `count`, `stream`, transactions (commit
 * and rollback of records and events), the event log (order, sequences, every read filter), the
 * declared capabilities, and concurrency: units of work and plain writes started together and
 * interleaved, where exactly one of several writes at one expected version may win, no committed
 * or acknowledged write is lost, a rollback never undoes another's commit, a unit reads its own
 * writes and no one else sees them before it resolves. Those cases accept a store that runs units
 * one at a time as well as one that detects conflicts when they commit. The `match-keys` suite
 * checks the match-key index of a store declaring `matchKeys`: exact keys of any text, per entity
 * type, hits once each by ascending id, replacement, independence from the records, units of work
 * (nested ones too) and a lookup of 1,000 keys among 5,000 records. The kit makes the author's
 * adapter into a store with `createStore`, as the library does, so queries reach the adapter
 * normalized. A case needing an operator or a kind of filter the
 * store does not declare in `capabilities`, transactions when `transactions` is false, match keys
 * when `matchKeys` is not true, or a raw reader the author did not give, resolves to `skipped`
 * with the reason: the normalising layer refuses such queries before they reach an adapter, so an
 * adapter need not refuse them itself.
 *
 * @param options - The store factory, the raw readers and the cases to skip.
 * @returns The cases, in a stable order; register them with {@link runConformance}.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` when `createStore` or `inspect` is not a
 * function, `inspectMatchKeys` is given and is not one, or `skip` names a case or suite that does
 * not exist.
 *
 * @example
 * ```ts
 * // test/adapters/my-store.test.ts
 * // import { it } from 'vitest';
 * // import { repositoryConformance, runConformance } from 'crm-kit/testing';
 * runConformance(
 *   repositoryConformance({ createStore: () => createMyStore(), inspect: (store, entityType, id) => store.readRaw(entityType, id) }),
 *   it,
 * );
 * ```
 */
export function repositoryConformance<S extends StoreAdapter>(options: RepositoryConformanceOptions<S>): ConformanceCase[] {
  const given: Partial<RepositoryConformanceOptions<S>> = isPlainRecord(options) ? options : {};
  if (typeof given.createStore !== 'function' || typeof given.inspect !== 'function') {
    throw new ValidationError('INVALID_ARGUMENT', 'repositoryConformance needs { createStore, inspect } functions.');
  }
  if (given.inspectMatchKeys !== undefined && typeof given.inspectMatchKeys !== 'function') {
    throw new ValidationError('INVALID_ARGUMENT', 'inspectMatchKeys, when given, is a function.');
  }
  const skip = new Set(options.skip ?? []);
  const known = new Set(ALL_CASES.flatMap((definition) => [definition.name, suiteOf(definition.name)]));
  const unknown = [...skip].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ValidationError('INVALID_ARGUMENT', `skip names no case or suite of the conformance suite: ${unknown.map((name) => JSON.stringify(name)).join(', ')}.`);
  }
  return ALL_CASES.map((definition) => toCase(definition, options, skip.has(definition.name) || skip.has(suiteOf(definition.name))));
}

function toCase<S extends StoreAdapter>(definition: CaseDefinition, options: RepositoryConformanceOptions<S>, skipped: boolean): ConformanceCase {
  return {
    name: definition.name,
    skipped,
    run: async () => {
      if (skipped) return { status: 'skipped', reason: 'named in the skip list' };
      const given = await options.createStore();
      const store = createStore(given);
      const { inspectMatchKeys } = options;
      const reason = definition.unsupported?.(store.capabilities, { matchKeys: inspectMatchKeys !== undefined });
      if (reason !== undefined) return { status: 'skipped', reason };
      try {
        await definition.run({
          store,
          repository: (entityType) => cappedRepository(store.repository(entityType), store.capabilities.maxPageSize),
          inspect: (entityType, id) => Promise.resolve(options.inspect(given, entityType, id)),
          inspectMatchKeys: inspectMatchKeys === undefined ? undefined : (entityType, id) => Promise.resolve(inspectMatchKeys(given, entityType, id)),
          skip: (why) => {
            throw new CaseSkipped(why);
          },
        });
      } catch (error) {
        if (error instanceof CaseSkipped) return { status: 'skipped', reason: error.message };
        throw error;
      }
      return PASSED;
    },
  };
}
