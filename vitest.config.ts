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
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary', 'text'] },
  },
});
