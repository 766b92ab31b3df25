import * as assert from '../assert.js';
import { FILTER_OPERATORS } from '../../../store/index.js';
import type { CaseDefinition } from '../harness.js';

/** What an adapter declares about itself. */
export const CAPABILITY_CASES: readonly CaseDefinition[] = [
  {
    name: 'capabilities: the declared capabilities are well formed',
    run: (context) => {
      const { capabilities } = context.store;
      assert.equal(typeof capabilities.transactions, 'boolean', 'transactions is true or false');
      assert.equal(typeof capabilities.customFieldFilters, 'boolean', 'customFieldFilters is true or false');
      assert.equal(typeof capabilities.multiFieldFilters, 'boolean', 'multiFieldFilters is true or false');
      assert.ok(Number.isSafeInteger(capabilities.maxPageSize) && capabilities.maxPageSize >= 1, 'maxPageSize is a whole number from 1');
      const operators: unknown = capabilities.operators;
      assert.ok(Array.isArray(operators), 'operators is a list');
      const known: readonly unknown[] = FILTER_OPERATORS;
      for (const op of operators as readonly unknown[]) assert.ok(known.includes(op), `${String(op)} is one of FILTER_OPERATORS`);
      assert.equal(new Set(operators).size, operators.length, 'no operator is listed twice');
      return Promise.resolve();
    },
  },
];
