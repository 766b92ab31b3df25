import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The test files that replace a module (vi.mock) or a built-in's method (vi.spyOn).
const MOCKING = ['test/names/split-full-name-cost.test.ts', 'test/money/parse-digits-limits.test.ts'];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^crm-kit$/, replacement: new URL('./src/index.ts', import.meta.url).pathname },
      { find: /^crm-kit\/csv$/, replacement: new URL('./src/csv/index.ts', import.meta.url).pathname },
      { find: /^crm-kit\/memory$/, replacement: new URL('./src/adapters/memory/index.ts', import.meta.url).pathname },
      { find: /^crm-kit\/postgres$/, replacement: new URL('./src/adapters/postgres/index.ts', import.meta.url).pathname },
      { find: /^crm-kit\/testing$/, replacement: new URL('./src/testing/index.ts', import.meta.url).pathname },
    ],
  },
  test: {
    setupFiles: ['test/setup.ts'],
    // One worker per core. Vitest's default keeps a core for itself, which on a two-core machine
    // means one worker; much of this suite waits on PGlite, PostgreSQL and subprocesses, so every
    // core pays (223 s instead of 301 s for the whole suite here).
    maxWorkers: Math.max(2, availableParallelism()),
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary', 'text'] },
    // The library has no module state a test could leave behind, so the test files of a worker
    // share their modules (167 s instead of 223 s: importing src/ again for each file was a third
    // of the time). The files that mock a module run isolated.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'mocking', include: MOCKING, isolate: true } },
    ],
  },
});
