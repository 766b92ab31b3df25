import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

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
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // One worker per core. Vitest's default keeps a core for itself, which on a two-core machine
    // means one worker; much of this suite waits on PGlite, PostgreSQL and subprocesses, so every
    // core pays (223 s instead of 301 s for the whole suite here).
    maxWorkers: Math.max(2, availableParallelism()),
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary', 'text'] },
  },
});
