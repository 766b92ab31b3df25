import { describe, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { modelBasedConformance, repositoryConformance, runConformance } from '../../src/testing/index.js';

// The memory store's own conformance test is one call to the suite.
describe('the memory store', () => {
  runConformance(
    repositoryConformance({
      createStore: createMemoryStore,
      inspect: (store, entityType, id) => store.inspect(entityType, id),
      inspectMatchKeys: (store, entityType, id) => store.inspectMatchKeys(entityType, id),
    }),
    it,
  );
});

describe('the memory store with pages of at most 3 records', () => {
  runConformance(
    repositoryConformance({ createStore: () => createMemoryStore({ maxPageSize: 3 }), inspect: (store, entityType, id) => store.inspect(entityType, id) }),
    it,
  );
});

describe('the memory store against a model', () => {
  runConformance(modelBasedConformance({ createStore: () => createMemoryStore({ maxPageSize: 2 }), numRuns: 100 }), it);
});
