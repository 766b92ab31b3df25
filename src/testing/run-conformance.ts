import { isPlainRecord, ValidationError } from '../kernel/index.js';
import type { ConformanceCase } from './conformance-case.js';

/** A test body as runners take it; it declares no parameter, so jest never waits for `done`. */
type TestBody = (...context: readonly unknown[]) => Promise<void>;

/**
 * The `test` (or `it`) function of a test runner: vitest, `node:test`, jest and the like. Its
 * `skip` form, when present, registers a skipped test.
 */
export interface TestRegistrar {
  (name: string, body: TestBody): unknown;
  readonly skip?: ((name: string, body: TestBody) => unknown) | undefined;
}

/**
 * Options of {@link runConformance}.
 */
export interface RunConformanceOptions {
  /**
   * Called for a case that resolves to `skipped` when the runner's test context cannot mark it
   * skipped itself (vitest and `node:test` can: `context.skip(reason)`). Default: `console.info`.
   */
  readonly onSkip?: ((name: string, reason: string) => void) | undefined;
}

interface Skippable {
  skip(reason: string): unknown;
}

const canSkip = (context: unknown): context is Skippable =>
  typeof context === 'object' && context !== null && typeof (context as Partial<Skippable>).skip === 'function';

/**
 * Registers conformance cases with a test runner, one test per case under the case's name.
 * Cases named in the host's `skip` list are registered with `test.skip` (or, for a runner
 * without it, as a test that reports them). A case that finds it does not apply to the store
 * is marked skipped through the runner's test context when it has `skip` (vitest, `node:test`),
 * and reported through `onSkip` otherwise.
 *
 * @param cases - From {@link repositoryConformance} or {@link modelBasedConformance}.
 * @param test - The runner's `test` or `it`.
 * @param options - Where to report skipped cases the runner cannot mark.
 *
 * @example
 * ```ts
 * // import { it } from 'vitest';
 * // import { createMemoryStore } from 'crm-kit/memory';
 * runConformance(
 *   repositoryConformance({ createStore: createMemoryStore, inspect: (store, entityType, id) => store.inspect(entityType, id) }),
 *   it,
 * );
 * ```
 */
export function runConformance(cases: readonly ConformanceCase[], test: TestRegistrar, options: RunConformanceOptions = {}): void {
  const given: unknown[] = [cases, test, options];
  const isCase = (value: unknown): boolean =>
    isPlainRecord(value) && typeof value.name === 'string' && typeof value.run === 'function';
  if (!Array.isArray(given[0]) || !given[0].every(isCase) || typeof given[1] !== 'function' || !isPlainRecord(given[2])) {
    throw new ValidationError('INVALID_ARGUMENT', 'runConformance takes the cases, a test(name, fn) function and options.');
  }
  const report =
    options.onSkip ??
    ((name: string, reason: string): void => {
      // The console is in every runtime, but not in the ES library types crm-kit compiles against.
      (globalThis as { readonly console?: { info(message: string): void } }).console?.info(`skipped: ${name} (${reason})`);
    });
  for (const item of cases) {
    if (item.skipped && test.skip !== undefined) {
      test.skip(item.name, () => Promise.resolve());
      continue;
    }
    test(item.name, async (...context) => {
      const outcome = await item.run();
      if (outcome.status === 'passed') return;
      const first = context[0];
      if (canSkip(first)) first.skip(outcome.reason);
      else report(item.name, outcome.reason);
    });
  }
}
