import { AGGREGATE_CASES } from './cases/aggregate.js';
import { CAPABILITY_CASES } from './cases/capabilities.js';
import { CONCURRENCY_CASES } from './cases/concurrency.js';
import { CRUD_CASES } from './cases/crud.js';
import { EVENT_CASES } from './cases/events.js';
import { MATCH_KEY_CASES } from './cases/match-keys.js';
import { OPERATOR_CASES } from './cases/operators.js';
import { QUERY_CASES } from './cases/queries.js';
import { TRANSACTION_CASES } from './cases/transactions.js';
import type { CaseDefinition } from './harness.js';

/** Every case of the repository suite, in the order they are registered. */
export const ALL_CASES: readonly CaseDefinition[] = [
  ...CAPABILITY_CASES,
  ...CRUD_CASES,
  ...OPERATOR_CASES,
  ...QUERY_CASES,
  ...TRANSACTION_CASES,
  ...EVENT_CASES,
  ...CONCURRENCY_CASES,
  ...MATCH_KEY_CASES,
  ...AGGREGATE_CASES,
];
