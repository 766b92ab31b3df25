/**
 * How one conformance case ended: it passed, or it did not apply to the store (an operator or
 * capability the adapter does not declare, or a name in the host's `skip` list).
 */
export type ConformanceOutcome = { readonly status: 'passed' } | { readonly status: 'skipped'; readonly reason: string };

/**
 * One named, independent case of a conformance suite. `run` builds its own fresh store, checks
 * with `node:assert/strict` (so it runs under any test runner) and rejects on the first
 * violation; it resolves to `skipped` when the case does not apply to the store.
 *
 * @example
 * ```ts
 * async function runAll(cases: readonly ConformanceCase[]): Promise<string[]> {
 *   const skipped: string[] = [];
 *   for (const item of cases) if ((await item.run()).status === 'skipped') skipped.push(item.name);
 *   return skipped;
 * }
 * ```
 */
export interface ConformanceCase {
  /** `suite: rule`, such as `crud: get returns null for a missing id`; unique within a suite. */
  readonly name: string;
  /** `true` when the host's `skip` list names the case (or its suite); `run` then does nothing. */
  readonly skipped: boolean;
  run(): Promise<ConformanceOutcome>;
}
